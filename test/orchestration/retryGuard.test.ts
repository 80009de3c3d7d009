import type { IExecuteFunctions } from 'n8n-workflow';

import {
	pruneAccount,
	recordPublished,
	RETRY_KEY_PREFIX,
} from '../../nodes/Instagram/ledger/ledger';
import type { AccountLedger } from '../../nodes/Instagram/ledger/ledger';
import { isRetryGuardKey, retryGuardKey } from '../../nodes/Instagram/ledger/retryGuard';
import { fakeRun, testNode } from './scriptedGraph';

const content = { mediaType: 'IMAGE', imageUrl: 'https://example.com/a.jpg', caption: 'Hello' };
const DAY = 24 * 3_600_000;

function runWithExecutionId(executionId: string | undefined) {
	const { run } = fakeRun();
	const ctx = {
		getNode: () => testNode,
		getExecutionId: () => executionId,
	} as unknown as IExecuteFunctions;
	return { ...run, ctx };
}

describe('retryGuardKey', () => {
	it('is "retry:<execution>:<item>:<16 hex of the content>"', () => {
		const key = retryGuardKey(fakeRun({ executionId: 'exec-42' }).run, 3, content);
		expect(key).toMatch(/^retry:exec-42:3:[0-9a-f]{16}$/);
		expect(key?.startsWith(RETRY_KEY_PREFIX)).toBe(true);
	});

	it('the same execution, item and content always give the same key', () => {
		const first = retryGuardKey(fakeRun({ executionId: 'exec-1' }).run, 0, content);
		const again = retryGuardKey(fakeRun({ executionId: 'exec-1' }).run, 0, { ...content });
		expect(again).toBe(first);
	});

	it.each<[string, string, number, unknown]>([
		['another execution', 'exec-2', 0, content],
		['another item', 'exec-1', 1, content],
		['other content', 'exec-1', 0, { ...content, caption: 'Hello!' }],
		['null content', 'exec-1', 0, null],
	])('%s gives another key', (_label, executionId, itemIndex, other) => {
		const key = retryGuardKey(fakeRun({ executionId: 'exec-1' }).run, 0, content);
		expect(retryGuardKey(fakeRun({ executionId }).run, itemIndex, other)).not.toBe(key);
	});

	it('the fingerprint depends on the content only, not on the execution or item', () => {
		const fingerprint = (key: string | undefined) => key?.split(':')[3];
		const a = retryGuardKey(fakeRun({ executionId: 'exec-1' }).run, 0, content);
		const b = retryGuardKey(fakeRun({ executionId: 'exec-9' }).run, 7, content);
		const c = retryGuardKey(fakeRun({ executionId: 'exec-1' }).run, 0, { caption: 'x' });
		expect(fingerprint(a)).toBe(fingerprint(b));
		expect(fingerprint(a)).not.toBe(fingerprint(c));
	});

	it.each<[string, string | undefined]>([
		['no execution id', undefined],
		['an empty execution id', ''],
		["n8n's placeholder id", '__UNKNOWN__'],
	])('%s → no key (nothing to guard)', (_label, executionId) => {
		expect(retryGuardKey(runWithExecutionId(executionId), 0, content)).toBeUndefined();
	});

	it('an execution id that only contains the placeholder is a real id', () => {
		expect(retryGuardKey(runWithExecutionId('x__UNKNOWN__'), 0, content)).toMatch(
			/^retry:x__UNKNOWN__:0:/,
		);
	});
});

describe('isRetryGuardKey', () => {
	it.each([
		['retry:exec-1:0:0123456789abcdef', true],
		['retry:', true],
		['guid-1', false],
		['my-retry:1', false],
		['guid-retry:', false],
		['RETRY:exec-1:0:abc', false],
		['', false],
	])('%j → %s', (key, guard) => {
		expect(isRetryGuardKey(key)).toBe(guard);
	});

	it("a key it makes is a guard, pruned after 24 h even with users' 30-day window", () => {
		const run = fakeRun().run;
		const key = retryGuardKey(run, 0, content) ?? '';
		expect(isRetryGuardKey(key)).toBe(true);
		const now = run.now();
		const account: AccountLedger = recordPublished({ publishedAt: [], keys: {} }, now, {
			key,
			containerId: '1789',
		});
		expect(Object.keys(pruneAccount(account, now + DAY - 1, 30 * DAY).keys)).toEqual([key]);
		expect(pruneAccount(account, now + DAY, 30 * DAY).keys).toEqual({});
	});
});

// Published idempotency keys are also kept in n8n's deduplication store, which survives where workflow static
// data does not: n8n 2.41.1's queue-mode workers start every new execution without static data.
import { failDeduplicationStore, processedValueCount } from '../harness';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { ACCOUNT, callCounts, FAST_OPTIONS, NODE, runInstagram } from './fixtures';

const post = (idempotencyKey?: string) => ({
	parameters: {
		operation: 'post',
		imageUrl: 'https://cdn.example.com/a.jpg',
		options: { ...FAST_OPTIONS, ...(idempotencyKey ? { idempotencyKey } : {}) },
	},
});

describe("Published keys in n8n's deduplication store", () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('skips a published key in an execution that started without static data, with no request', async () => {
		const first = await runInstagram(sandbox, post('rss-guid-1'));
		expect(first.json(NODE)[0]).toMatchObject({ published: true });
		expect(processedValueCount()).toBe(1);
		sandbox.reset();

		// What a queue-mode worker of n8n 2.41.1 does: the next execution gets empty static data.
		const next = await runInstagram(sandbox, post('rss-guid-1'), { staticData: {} });
		expect(next.json(NODE)).toEqual([
			{
				published: true,
				status: 'PUBLISHED',
				skipped: true,
				reason: 'duplicate',
				accountId: ACCOUNT,
				idempotencyKey: 'rss-guid-1',
			},
		]);
		expect(sandbox.requests).toHaveLength(0);
		// The lookup leaves the store as it was: one mark, not two.
		expect(processedValueCount()).toBe(1);
	});

	it('checks without marking: a key that is not there is not recorded by the lookup', async () => {
		const other = await runInstagram(sandbox, post('other-key'), { staticData: {} });
		expect(other.json(NODE)[0]).toMatchObject({ published: true });
		expect(processedValueCount()).toBe(1);
		const again = await runInstagram(sandbox, post('new-key'), { staticData: {} });
		expect(again.json(NODE)[0]).toMatchObject({ published: true });
		expect(callCounts(sandbox)).toEqual({ quota: 2, createContainer: 2, publish: 2 });
		expect(processedValueCount()).toBe(2);
	});

	it('does not mark a key whose publish failed: the next execution publishes it', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'http500', times: 10 });
		const failed = await runInstagram(sandbox, post('flaky'), { staticData: {} });
		expect(failed.status).toBe('error');
		expect(processedValueCount()).toBe(0);
		sandbox.reset();
		const retried = await runInstagram(sandbox, post('flaky'), { staticData: {} });
		expect(retried.json(NODE)[0]).toMatchObject({ published: true, status: 'PUBLISHED' });
		expect(sandbox.calls('publish')).toHaveLength(1);
	});

	it('never marks the Retry On Fail guard of an item without a key', async () => {
		const result = await runInstagram(sandbox, post());
		expect(result.json(NODE)[0]).toMatchObject({ published: true });
		expect(processedValueCount()).toBe(0);
	});

	it('when the store fails, publishes on static data alone and says so in the log', async () => {
		failDeduplicationStore('database is locked');
		const logs: string[] = [];
		const onProgress = ({ message }: { message: string }) => logs.push(message);
		const first = await runInstagram(sandbox, post('k'), { onProgress });
		expect(first.json(NODE)[0]).toMatchObject({ published: true });
		expect(logs.filter((line) => line.includes('deduplication store is unavailable'))).toEqual([
			"n8n's deduplication store is unavailable (database is locked); duplicate checks use static data only",
		]);
		sandbox.reset();
		const second = await runInstagram(sandbox, post('k'), { staticData: first.staticData });
		expect(second.json(NODE)[0]).toMatchObject({ skipped: true, reason: 'duplicate' });
		expect(sandbox.requests).toHaveLength(0);
	});
});

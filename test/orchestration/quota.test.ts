import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PUBLISH_WINDOW_MS } from '../../nodes/Instagram/ledger/ledger';
import type { QuotaState } from '../../nodes/Instagram/ledger/quota';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import { failures, fakeRun, testNode } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const ACCOUNT = '17841400000000001';
const OTHER = '17841400000000002';
const WINDOW = 30 * PUBLISH_WINDOW_MS;
const HOUR = 3_600_000;

const quotaReply = (used: number, total = 100) => ({
	data: [{ quota_usage: used, config: { quota_total: total } }],
});

/** A fake run whose shared ledger already holds these publishes for ACCOUNT. */
function withPublishes(...ago: number[]): FakeRun {
	const fake = fakeRun();
	const now = fake.clock.now();
	fake.staticData.global.instagramLedger = {
		[ACCOUNT]: { publishedAt: ago.map((ms) => now - ms), keys: {} },
	};
	return fake;
}

describe('QuotaTracker.current: reading Meta', () => {
	it("reads the account's content_publishing_limit once, for the item that needs it", async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(3));
		await expect(fake.run.quota.current(ACCOUNT, 2, WINDOW)).resolves.toStrictEqual({
			used: 3,
			total: 100,
			remaining: 97,
		});
		expect(fake.graph.requests).toEqual([
			{
				method: 'GET',
				path: [ACCOUNT, 'content_publishing_limit'],
				qs: { fields: 'config,quota_usage' },
				itemIndex: 2,
				endpoint: 'quota',
				at: fake.clock.now(),
			},
		]);
	});

	it('one remote read per account per execution: later items reuse it', async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(3));
		await fake.run.quota.current(ACCOUNT, 0, WINDOW);
		await expect(fake.run.quota.current(ACCOUNT, 1, WINDOW)).resolves.toMatchObject({ used: 3 });
		expect(fake.graph.calls('quota')).toHaveLength(1);
	});

	it('items asking at the same time share one read', async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(4));
		const both = await Promise.all([
			fake.run.quota.current(ACCOUNT, 0, WINDOW),
			fake.run.quota.current(ACCOUNT, 1, WINDOW),
		]);
		expect(both.map((state) => state.used)).toEqual([4, 4]);
		expect(fake.graph.calls('quota')).toHaveLength(1);
	});

	it('each account has its own read', async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(3), quotaReply(7, 50));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 3 });
		await expect(fake.run.quota.current(OTHER, 1, WINDOW)).resolves.toMatchObject({
			used: 7,
			total: 50,
		});
		expect(fake.graph.calls('quota').map((request) => request.path[0])).toEqual([ACCOUNT, OTHER]);
	});

	it('a failed quota read is remembered too: the next item fails the same way, with no new request', async () => {
		const fake = fakeRun();
		fake.graph.fail('quota', failures.serverError());
		const first: unknown = await fake.run.quota
			.current(ACCOUNT, 0, WINDOW)
			.catch((e: unknown) => e);
		const second: unknown = await fake.run.quota
			.current(ACCOUNT, 1, WINDOW)
			.catch((e: unknown) => e);
		expect(first).toBeInstanceOf(NodeApiError);
		expect(second).toBe(first);
		expect(graphDetailsOf(second)).toMatchObject({ kind: 'transient', code: 2 });
		expect(fake.graph.calls('quota')).toHaveLength(1);
	});

	it('a failed read for one account does not stop another', async () => {
		const fake = fakeRun();
		fake.graph.fail('quota', failures.rateLimit()).reply('quota', quotaReply(1));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).rejects.toBeInstanceOf(NodeApiError);
		await expect(fake.run.quota.current(OTHER, 1, WINDOW)).resolves.toMatchObject({ used: 1 });
	});

	it.each<[string, unknown, { used: number; total: number }]>([
		['no data', {}, { used: 0, total: 50 }],
		['an empty list', { data: [] }, { used: 0, total: 50 }],
		['an empty entry', { data: [{}] }, { used: 0, total: 50 }],
		['no config', { data: [{ quota_usage: 3 }] }, { used: 3, total: 50 }],
		[
			'no total',
			{ data: [{ quota_usage: 3, config: { quota_duration: 86400 } }] },
			{ used: 3, total: 50 },
		],
		['no usage', { data: [{ config: { quota_total: 100 } }] }, { used: 0, total: 100 }],
		['usage 0', quotaReply(0, 25), { used: 0, total: 25 }],
		[
			'only the first entry counts',
			{ data: [quotaReply(2).data[0], quotaReply(9, 10).data[0]] },
			{ used: 2, total: 100 },
		],
	])(
		'a reply with %s → used and total %j (50 when Meta omits the total)',
		async (_label, reply, expected) => {
			const fake = fakeRun();
			fake.graph.reply('quota', reply);
			await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({
				...expected,
				remaining: expected.total - expected.used,
			});
		},
	);
});

describe('QuotaTracker.current: counting', () => {
	it("adds this execution's own publishes, per account, without reading again", async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(3), quotaReply(10));
		await fake.run.quota.current(ACCOUNT, 0, WINDOW);
		fake.run.quota.recordPublish(ACCOUNT);
		fake.run.quota.recordPublish(ACCOUNT);
		await expect(fake.run.quota.current(ACCOUNT, 1, WINDOW)).resolves.toStrictEqual({
			used: 5,
			total: 100,
			remaining: 95,
		});
		await expect(fake.run.quota.current(OTHER, 2, WINDOW)).resolves.toMatchObject({
			used: 10,
			remaining: 90,
		});
		expect(fake.graph.calls('quota')).toHaveLength(2);
	});

	it('a publish counted before the first read adds to it', async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(3));
		fake.run.quota.recordPublish(ACCOUNT);
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 4 });
	});

	it('takes the ledger count when it is higher than what Meta reports', async () => {
		const fake = withPublishes(HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 5 * HOUR);
		fake.graph.reply('quota', quotaReply(3));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({
			used: 5,
			remaining: 95,
		});
	});

	it("takes Meta's count plus this execution's when that is higher than the ledger's", async () => {
		const fake = withPublishes(HOUR, 2 * HOUR);
		fake.graph.reply('quota', quotaReply(1));
		fake.run.quota.recordPublish(ACCOUNT);
		fake.run.quota.recordPublish(ACCOUNT);
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 3 });
	});

	it('counts only the ledger publishes of the last 24 h (exactly 24 h ago is out)', async () => {
		const fake = withPublishes(PUBLISH_WINDOW_MS, PUBLISH_WINDOW_MS - 1, HOUR);
		fake.graph.reply('quota', quotaReply(0));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 2 });
	});

	it('reads the ledger at the time of the call, not of the first read', async () => {
		const fake = withPublishes(PUBLISH_WINDOW_MS - 1_000, HOUR);
		fake.graph.reply('quota', quotaReply(0));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 2 });
		fake.clock.current += 1_000;
		await expect(fake.run.quota.current(ACCOUNT, 1, WINDOW)).resolves.toMatchObject({ used: 1 });
	});

	it.each([
		[99, 100, 1],
		[100, 100, 0],
		[105, 100, 0],
	])('used %s of %s → %s remaining (never below 0)', async (used, total, remaining) => {
		const fake = fakeRun();
		fake.graph.reply('quota', quotaReply(used, total));
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({
			used,
			total,
			remaining,
		});
	});
});

describe('QuotaTracker.current: nextSlotAt', () => {
	it('when the oldest ledger publish of the window leaves it', async () => {
		const fake = withPublishes(2 * HOUR, 20 * HOUR, 30 * HOUR, 5 * HOUR);
		fake.graph.reply('quota', quotaReply(3));
		const state = await fake.run.quota.current(ACCOUNT, 0, WINDOW);
		expect(state.nextSlotAt).toBe(
			new Date(fake.clock.now() - 20 * HOUR + PUBLISH_WINDOW_MS).toISOString(),
		);
	});

	it('absent when the ledger knows no publish in the window', async () => {
		const fake = withPublishes(PUBLISH_WINDOW_MS);
		fake.graph.reply('quota', quotaReply(3));
		const state = await fake.run.quota.current(ACCOUNT, 0, WINDOW);
		expect(state).not.toHaveProperty('nextSlotAt');
	});
});

describe('QuotaTracker.exhaustedError', () => {
	const frees = '2023-11-15T22:13:20.000Z';

	it('with a known next slot: says when it frees, and carries the reset time and quota', () => {
		const fake = fakeRun();
		const quota: QuotaState = { used: 25, total: 25, remaining: 0, nextSlotAt: frees };
		const error = fake.run.quota.exhaustedError(quota, 3);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.node).toBe(testNode);
		expect(error.message).toBe(
			'The 24-hour publishing limit for this Instagram account is used up (25/25)',
		);
		expect(error.description).toBe(
			`No container was created. The next slot frees at ${frees}. Set Options › On Quota Exhausted to "Skip" to let the workflow continue.`,
		);
		expect(error.failure).toEqual({ cause: 'quota-exhausted', resetsAtEpochMs: Date.parse(frees) });
		expect(error.context.itemIndex).toBe(3);
		expect(error.context.instagram).toEqual({
			kind: 'quota',
			used: 25,
			total: 25,
			remaining: 0,
			nextSlotAt: frees,
		});
		expect(graphDetailsOf(error)?.kind).toBe('quota');
	});

	it('without a known next slot: says a slot frees 24 h after each post, and no reset time', () => {
		const fake = fakeRun();
		const error = fake.run.quota.exhaustedError({ used: 100, total: 100, remaining: 0 }, 0);
		expect(error.message).toBe(
			'The 24-hour publishing limit for this Instagram account is used up (100/100)',
		);
		expect(error.description).toBe(
			'No container was created. A slot frees 24 hours after each earlier post. Set Options › On Quota Exhausted to "Skip" to let the workflow continue.',
		);
		expect(error.failure).toStrictEqual({ cause: 'quota-exhausted' });
		expect(error.context.itemIndex).toBe(0);
		expect(error.context.instagram).toStrictEqual({
			kind: 'quota',
			used: 100,
			total: 100,
			remaining: 0,
		});
	});

	it('is built from what current() reports', async () => {
		const fake = withPublishes(HOUR);
		fake.graph.reply('quota', quotaReply(50, 50));
		const state = await fake.run.quota.current(ACCOUNT, 0, WINDOW);
		const error = fake.run.quota.exhaustedError(state, 1);
		expect(error.message).toContain('(50/50)');
		expect(error.description).toContain(`The next slot frees at ${state.nextSlotAt}.`);
		expect(error.failure).toEqual({
			cause: 'quota-exhausted',
			resetsAtEpochMs: fake.clock.now() - HOUR + PUBLISH_WINDOW_MS,
		});
	});
});

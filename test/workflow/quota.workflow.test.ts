import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { ACCOUNT, callCounts, FAST_OPTIONS, NODE, runInstagram } from './fixtures';

describe('Quota and duplicate safety through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ quotaTotal: 50 });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const post = (options: IDataObject = {}, extra: IDataObject = {}) => ({
		parameters: {
			operation: 'post',
			imageUrl: '={{ $json.url }}',
			caption: '={{ $json.title }}',
			options: { ...FAST_OPTIONS, ...options },
			...extra,
		},
	});
	const items = (count: number) =>
		Array.from({ length: count }, (_, i) => ({
			url: `https://cdn.example.com/${i}.jpg`,
			title: `Post ${i}`,
			guid: `guid-${i}`,
		}));

	it('quota used up → error with zero containers created', async () => {
		sandbox.seedPublishes(ACCOUNT, 50);
		const result = await runInstagram(sandbox, post(), { items: items(1) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/publishing limit .* used up \(50\/50\)/);
		expect(callCounts(sandbox)).toEqual({ quota: 1 });
	});

	it('quota used up → skip with zero containers created', async () => {
		sandbox.seedPublishes(ACCOUNT, 50);
		const result = await runInstagram(sandbox, post({ onQuotaExhausted: 'skip' }), {
			items: items(2),
		});
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toEqual([
			expect.objectContaining({
				skipped: true,
				reason: 'quota',
				quota: expect.objectContaining({ used: 50, total: 50, remaining: 0 }),
			}),
			expect.objectContaining({ skipped: true, reason: 'quota' }),
		]);
		expect(callCounts(sandbox)).toEqual({ quota: 1 });
	});

	it.each([
		['skip', 'success'],
		['error', 'error'],
	])(
		'3 items with 1 slot left (%s) → 1 published, never over the limit',
		async (onQuotaExhausted, status) => {
			sandbox.seedPublishes(ACCOUNT, 49);
			const result = await runInstagram(sandbox, post({ onQuotaExhausted }), { items: items(3) });
			expect(result.status).toBe(status);
			expect(sandbox.mediaCount(ACCOUNT)).toBe(1);
			expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
			if (onQuotaExhausted === 'skip') {
				expect(result.json(NODE).map((json) => json.skipped ?? json.status)).toEqual([
					'PUBLISHED',
					true,
					true,
				]);
			}
		},
	);

	it('3 items with 1 slot left and continueOnFail → 1 published, 2 quota errors', async () => {
		sandbox.seedPublishes(ACCOUNT, 49);
		const result = await runInstagram(
			sandbox,
			{ ...post(), continueOnFail: true },
			{ items: items(3) },
		);
		const output = result.json(NODE);
		expect(output[0].status).toBe('PUBLISHED');
		expect(output[1]).toMatchObject({
			error: expect.stringMatching(/used up/),
			details: { kind: 'quota' },
		});
		expect(output[2]).toMatchObject({ details: { kind: 'quota' } });
	});

	it('publishes without the gate when the quota endpoint is down, trying it once per execution', async () => {
		sandbox.fault({ endpoint: 'quota', kind: 'http500', times: 4 });
		const result = await runInstagram(sandbox, post(), { items: items(2) });
		expect(result.status).toBe('success');
		expect(result.json(NODE).map((json) => json.status)).toEqual(['PUBLISHED', 'PUBLISHED']);
		expect(result.json(NODE)[0].quota).toBeUndefined();
		expect(callCounts(sandbox)).toEqual({ quota: 4, createContainer: 2, publish: 2 });
		expect(result.hints.some((hint) => /quota could not be read/.test(hint.message))).toBe(true);
	}, 30_000);

	it("n8n's Retry On Fail never re-publishes items published by an earlier try (no key needed)", async () => {
		// Meta cannot fetch item 1 in either try; each try publishes item 0 first, then fails on item 1.
		const broken = 'https://cdn.example.com/broken.jpg';
		sandbox.fault({
			endpoint: 'createContainer',
			kind: 'mediaFetchFailure',
			url: broken,
			times: 2,
		});
		const twoItems = [
			{ url: 'https://cdn.example.com/x.jpg', title: 'Fine' },
			{ url: broken, title: 'Broken' },
		];
		const result = await runInstagram(
			sandbox,
			{ ...post(), retryOnFail: true },
			{ items: twoItems },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/could not use the media/);
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(sandbox.mediaCount()).toBe(1);
		// Try 1: item 0 created + item 1 rejected; try 2: item 0 skipped by the guard, item 1 rejected again.
		expect(sandbox.calls('createContainer').map((call) => call.status)).toEqual([200, 400, 400]);
	});

	it('the Retry On Fail guard is per execution: the same content in a new execution is published', async () => {
		const first = await runInstagram(sandbox, post(), { items: items(1) });
		const second = await runInstagram(sandbox, post(), {
			items: items(1),
			staticData: first.staticData,
		});
		expect(second.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED' });
		expect(second.json(NODE)[0].publishedByEarlierTry).toBeUndefined();
		expect(sandbox.mediaCount()).toBe(2);
	});

	it('reads the remote quota once per execution, not per item', async () => {
		const result = await runInstagram(sandbox, post(), { items: items(5) });
		expect(result.status).toBe('success');
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 5, publish: 5 });
		expect(result.json(NODE).map((json) => (json.quota as IDataObject).remaining)).toEqual([
			49, 48, 47, 46, 45,
		]);
	});

	it('the same idempotency key in two executions publishes once and returns the first media id', async () => {
		const first = await runInstagram(sandbox, post({ idempotencyKey: '={{ $json.guid }}' }), {
			items: items(1),
		});
		expect(first.staticDataChanged).toBe(true);
		const mediaId = first.json(NODE)[0].id;
		sandbox.reset();
		const second = await runInstagram(sandbox, post({ idempotencyKey: '={{ $json.guid }}' }), {
			items: items(1),
			staticData: first.staticData,
		});
		expect(second.json(NODE)[0]).toMatchObject({ skipped: true, reason: 'duplicate', id: mediaId });
		expect(sandbox.requests).toHaveLength(0);
		expect(JSON.stringify(second.staticData)).not.toContain(sandbox.tokens.page);
	});

	it('a lost publish response followed by a re-run with the same key leaves exactly one media', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'dropAfterCommit' });
		// Exactly the four attempts of the read-back, so the re-run can read the container.
		sandbox.fault({ endpoint: 'containerStatus', kind: 'dropBeforeCommit', times: 4 });
		const first = await runInstagram(sandbox, post({ idempotencyKey: 'launch-post' }), {
			items: items(1),
		});
		expect(first.status).toBe('error');
		expect(first.error?.description).toMatch(/may or may not be live/);
		expect(sandbox.mediaCount()).toBe(1);
		const second = await runInstagram(sandbox, post({ idempotencyKey: 'launch-post' }), {
			items: items(1),
			staticData: first.staticData,
		});
		expect(second.status).toBe('success');
		expect(second.json(NODE)[0]).toMatchObject({ skipped: true, reason: 'duplicate' });
		expect(sandbox.mediaCount()).toBe(1);
		expect(sandbox.calls('publish')).toHaveLength(1);
	}, 30_000);

	it('a key whose container was created but never published is published on the re-run', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'dropBeforeCommit' });
		sandbox.fault({ endpoint: 'containerStatus', kind: 'http500', times: 4 });
		const first = await runInstagram(sandbox, post({ idempotencyKey: 'k-1' }), { items: items(1) });
		expect(first.status).toBe('error');
		expect(sandbox.mediaCount()).toBe(0);
		const mark = sandbox.requests.length;
		const second = await runInstagram(sandbox, post({ idempotencyKey: 'k-1' }), {
			items: items(1),
			staticData: first.staticData,
		});
		// The container created by the first run is published; no second container is made.
		const creates = sandbox.calls('createContainer');
		expect(creates).toHaveLength(1);
		expect(creates[0].containerId).toMatch(/^1789\d+$/);
		expect(second.json(NODE)[0]).toMatchObject({
			status: 'PUBLISHED',
			containerId: creates[0].containerId,
		});
		expect(sandbox.requests.slice(mark).map((request) => request.endpoint)).toEqual([
			'containerStatus',
			'quota',
			'publish',
		]);
		expect(sandbox.mediaCount()).toBe(1);
	}, 30_000);
});

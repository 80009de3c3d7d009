import { sleep } from 'n8n-workflow';

import { patternStream, storeBinaryStream } from '../harness';
import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { FAST_OPTIONS, runInstagram, until } from './fixtures';

describe('Cancelling an execution through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 1000 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('with continueOnFail, a cancel during item 1 sends nothing for item 2 (the router rule itself: test/orchestration/router.test.ts)', async () => {
		virtualClock.holdPauses(1);
		const controller = new AbortController();
		const pending = runInstagram(
			sandbox,
			{
				parameters: {
					operation: 'reel',
					videoUrl: '={{ $json.url }}',
					options: { ...FAST_OPTIONS, maxWaitSeconds: 600 },
				},
				continueOnFail: true,
			},
			{
				signal: controller.signal,
				items: [{ url: 'https://cdn.example.com/1.mp4' }, { url: 'https://cdn.example.com/2.mp4' }],
			},
		);
		await until(() => sandbox.calls('containerStatus').length === 1 && virtualClock.waiting === 1);
		controller.abort();
		const result = await pending;
		expect(result.status).toBe('canceled');
		expect(sandbox.calls('createContainer')).toHaveLength(1);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});
});

/** The correctness bound of the issue: a cancelled execution stops within 1 s. */
const STOP_WITHIN_MS = 1_000;

describe('Cancelling stops within 1 s and sends nothing afterwards', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 1000 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('during a long processing wait (measured on the virtual clock the node sleeps on)', async () => {
		virtualClock.holdPauses(1);
		const controller = new AbortController();
		const pending = runInstagram(
			sandbox,
			{
				parameters: {
					operation: 'reel',
					videoUrl: 'https://cdn.example.com/long.mp4',
					options: { ...FAST_OPTIONS, maxWaitSeconds: 3600 },
				},
			},
			{ signal: controller.signal },
		);
		await until(() => sandbox.calls('containerStatus').length === 1 && virtualClock.waiting === 1);
		const sent = sandbox.requests.length;
		const virtualAtAbort = virtualClock.now();
		const realAtAbort = Date.now();
		controller.abort();
		const result = await pending;
		expect(result.status).toBe('canceled');
		expect(virtualClock.now() - virtualAtAbort - (Date.now() - realAtAbort)).toBeLessThan(
			STOP_WITHIN_MS,
		);
		await sleep(50);
		expect(sandbox.requests).toHaveLength(sent);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});

	it('during a resumable upload (real clock): the upload is cut off, nothing follows it', async () => {
		const clip = await storeBinaryStream(patternStream(384 * 1024 ** 2), {
			fileName: 'big.mp4',
			mimeType: 'video/mp4',
		});
		const controller = new AbortController();
		const pending = runInstagram(
			sandbox,
			{ parameters: { operation: 'reel', videoSource: 'binary', options: FAST_OPTIONS } },
			{ signal: controller.signal, inputItems: [{ json: {}, binary: { data: clip } }] },
		);
		await until(() => sandbox.calls('createContainer').some((r) => r.status === 200), 10_000);
		await sleep(20);
		const sent = sandbox.requests.length;
		const abortedAt = Date.now();
		controller.abort();
		const result = await pending;
		expect(Date.now() - abortedAt).toBeLessThan(STOP_WITHIN_MS);
		expect(result.status).toBe('canceled');
		await sleep(100);
		// The sandbox logs an upload once its whole body arrived: none did, and nothing came after.
		expect(sandbox.calls('upload')).toHaveLength(0);
		expect(sandbox.requests).toHaveLength(sent);
	});
});

describe('Cancelling during carousel child creation', () => {
	let slow: Sandbox;
	beforeAll(async () => {
		slow = await startSandbox({ latencyMs: 400 });
	});
	afterAll(async () => await slow.close());

	it('stops within 1 s (real clock) while the children are being created; no parent, no publish', async () => {
		const controller = new AbortController();
		const urls = [1, 2, 3, 4].map((n) => `https://cdn.example.com/${n}.jpg`);
		const pending = runInstagram(
			slow,
			{
				parameters: {
					operation: 'carousel',
					inputMode: 'json',
					itemsJson: JSON.stringify(urls),
					options: FAST_OPTIONS,
				},
			},
			{ signal: controller.signal },
		);
		await until(() => slow.calls('createContainer').length === urls.length, 10_000);
		const abortedAt = Date.now();
		controller.abort();
		const result = await pending;
		expect(Date.now() - abortedAt).toBeLessThan(STOP_WITHIN_MS);
		expect(result.status).toBe('canceled');
		await sleep(600);
		expect(slow.calls('createContainer')).toHaveLength(urls.length);
		expect(slow.requests.map((r) => r.endpoint)).toEqual([
			'quota',
			...urls.map(() => 'createContainer'),
		]);
	});
});

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { callCounts, FAST_OPTIONS, NODE, runInstagram } from './fixtures';

describe('Status through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 1 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	async function containerOnlyReel(): Promise<string> {
		const result = await runInstagram(sandbox, {
			parameters: {
				operation: 'reel',
				videoUrl: 'https://cdn.example.com/r.mp4',
				options: { ...FAST_OPTIONS, publishMode: 'containerOnly' },
			},
		});
		return String(result.json(NODE)[0].containerId);
	}

	it('reports the quota without a container', async () => {
		sandbox.seedPublishes('17841400000000001', 7);
		const result = await runInstagram(sandbox, { parameters: { operation: 'status' } });
		expect(result.json(NODE)[0]).toEqual({
			accountId: '17841400000000001',
			published: false,
			quota: { used: 7, total: 100, remaining: 93 },
		});
		expect(callCounts(sandbox)).toEqual({ quota: 1 });
	});

	it('reads a container without publishing it', async () => {
		const containerId = await containerOnlyReel();
		const mark = sandbox.requests.length;
		const result = await runInstagram(sandbox, {
			parameters: { operation: 'status', containerId },
		});
		expect(result.json(NODE)[0]).toMatchObject({
			containerId,
			statusCode: 'FINISHED',
			published: false,
			quota: { remaining: 100 },
		});
		expect(sandbox.requests.slice(mark).map((request) => request.endpoint)).toEqual([
			'containerStatus',
			'quota',
		]);
	});

	it('publishes a FINISHED container with publishIfReady, and never twice', async () => {
		const containerId = await containerOnlyReel();
		const first = await runInstagram(sandbox, {
			parameters: { operation: 'status', containerId, publishIfReady: true },
		});
		expect(first.json(NODE)[0]).toMatchObject({
			containerId,
			statusCode: 'PUBLISHED',
			published: true,
			quota: { used: 1, remaining: 99 },
		});
		expect(first.json(NODE)[0].id).toMatch(/^\d+$/);
		const second = await runInstagram(sandbox, {
			parameters: { operation: 'status', containerId, publishIfReady: true },
		});
		expect(second.json(NODE)[0]).toMatchObject({ statusCode: 'PUBLISHED', published: true });
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(sandbox.mediaCount()).toBe(1);
	});

	it('remembers the media id of a container it published for an idempotency key', async () => {
		const upload = await runInstagram(sandbox, {
			parameters: {
				operation: 'reel',
				videoUrl: 'https://cdn.example.com/k.mp4',
				options: { ...FAST_OPTIONS, publishMode: 'containerOnly', idempotencyKey: 'launch' },
			},
		});
		const containerId = String(upload.json(NODE)[0].containerId);
		const publish = await runInstagram(
			sandbox,
			{ parameters: { operation: 'status', containerId, publishIfReady: true } },
			{ staticData: upload.staticData },
		);
		const mediaId = publish.json(NODE)[0].id;
		const later = await runInstagram(
			sandbox,
			{ parameters: { operation: 'status', containerId } },
			{ staticData: publish.staticData },
		);
		expect(later.json(NODE)[0]).toMatchObject({
			statusCode: 'PUBLISHED',
			published: true,
			id: mediaId,
		});
		const again = await runInstagram(
			sandbox,
			{
				parameters: {
					operation: 'reel',
					videoUrl: 'https://cdn.example.com/k.mp4',
					options: { ...FAST_OPTIONS, idempotencyKey: 'launch' },
				},
			},
			{ staticData: later.staticData },
		);
		expect(again.json(NODE)[0]).toMatchObject({ skipped: true, reason: 'duplicate', id: mediaId });
		expect(sandbox.calls('publish')).toHaveLength(1);
	});

	it('parses the subcode of an ERROR container', async () => {
		const containerId = await containerOnlyReel();
		sandbox.setContainerStatus(containerId, 'ERROR', 2207082);
		const result = await runInstagram(sandbox, {
			parameters: { operation: 'status', containerId, publishIfReady: true },
		});
		expect(result.json(NODE)[0]).toMatchObject({
			statusCode: 'ERROR',
			errorSubcode: 2207082,
			published: false,
		});
		expect(sandbox.calls('publish')).toHaveLength(0);
	});
});

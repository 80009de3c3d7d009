import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { ACCOUNT, callCounts, FAST_OPTIONS, runInstagram, sandboxCredentials } from './fixtures';

const LEDGER = 'instagramLedger';
const HOUR_MS = 60 * 60 * 1000;

/** Manual Trigger → "Upload Reel" (Container Only, key) → "Publish When Ready" (Status, Publish If Ready). */
function resumeWorkflow() {
	const node = (name: string, x: number, parameters: IDataObject) => ({
		id: name.replace(/\s/g, ''),
		name,
		type: 'n8n-nodes-instagram-publisher.instagram',
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: {
			authentication: 'accessToken',
			account: { __rl: true, mode: 'id', value: ACCOUNT },
			...parameters,
		},
		credentials: { instagramApi: { id: 'igCred', name: 'Instagram sandbox' } },
	});
	return {
		id: 'wfResumeTwoNodes',
		name: 'Reel resume',
		nodes: [
			{
				id: 'trigger',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			node('Upload Reel', 200, {
				operation: 'reel',
				videoUrl: 'https://cdn.example.com/launch.mp4',
				options: { ...FAST_OPTIONS, publishMode: 'containerOnly', idempotencyKey: 'launch-reel' },
			}),
			node('Publish When Ready', 400, {
				operation: 'status',
				containerId: '={{ $json.containerId }}',
				publishIfReady: true,
			}),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Upload Reel', type: 'main' as const, index: 0 }]] },
			'Upload Reel': { main: [[{ node: 'Publish When Ready', type: 'main' as const, index: 0 }]] },
		},
		settings: { executionOrder: 'v1' as const },
	};
}

describe('One ledger per account, shared by every Instagram node of the workflow', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('resumes across two differently named nodes: the Status node completes the key of the Reel node', async () => {
		const run = async (staticData?: IDataObject) =>
			await runWorkflow({
				workflow: resumeWorkflow(),
				credentials: sandboxCredentials(sandbox),
				staticData,
			});
		const first = await run();
		expect(first.status).toBe('success');
		const published = first.json('Publish When Ready')[0];
		expect(published).toMatchObject({ published: true, status: 'PUBLISHED' });
		const mediaId = String(published.id);
		expect(first.staticData.global).toMatchObject({
			[LEDGER]: { [ACCOUNT]: { keys: { 'launch-reel': { state: 'published', mediaId } } } },
		});
		for (const [scope, data] of Object.entries(first.staticData)) {
			if (scope.startsWith('node:')) expect(data).toEqual({});
		}

		// No reset: the container must still exist at Meta for the second run.
		const before = sandbox.requests.length;
		const second = await run(first.staticData);
		expect(second.status).toBe('success');
		// The Reel node knows its key was published by the other node, with that node's media id …
		expect(second.json('Upload Reel')[0]).toMatchObject({
			skipped: true,
			reason: 'duplicate',
			published: true,
			id: mediaId,
		});
		// … and the Status node names the media, which Meta's container read alone cannot.
		expect(second.json('Publish When Ready')[0]).toMatchObject({
			published: true,
			status: 'PUBLISHED',
			id: mediaId,
		});
		const secondRun = sandbox.requests.slice(before).map((request) => request.endpoint);
		expect(secondRun.sort()).toEqual(['containerStatus', 'quota']);
		expect(sandbox.calls('publish')).toHaveLength(1);
	});

	it('renaming the node forgets nothing: a published key is not published again', async () => {
		const spec = (name: string) => ({
			parameters: {
				operation: 'post',
				imageUrl: 'https://cdn.example.com/a.jpg',
				options: { ...FAST_OPTIONS, idempotencyKey: 'K' },
			},
			nodeName: name,
		});
		const first = await runInstagram(sandbox, spec('Post to Instagram'));
		expect(first.json('Post to Instagram')[0]).toMatchObject({ published: true });
		sandbox.reset();
		const renamed = await runInstagram(sandbox, spec('Instagram Post'), {
			staticData: first.staticData,
		});
		expect(renamed.json('Instagram Post')[0]).toMatchObject({
			skipped: true,
			reason: 'duplicate',
			id: first.json('Post to Instagram')[0].id,
		});
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.mediaCount(ACCOUNT)).toBe(0);
	});

	describe('ledgers written by earlier versions in the node’s own static data', () => {
		const now = Date.now();
		const legacy = (publishedAt: number[], keys: IDataObject = {}) => ({
			'node:Post to Instagram': { [LEDGER]: { [ACCOUNT]: { publishedAt, keys } } },
		});
		const post = (key: string) => ({
			parameters: {
				operation: 'post',
				imageUrl: '={{ $json.url }}',
				options: { ...FAST_OPTIONS, idempotencyKey: key, onQuotaExhausted: 'skip' },
			},
			nodeName: 'Post to Instagram',
		});

		it('honours a published key from the old place: duplicate, no request', async () => {
			const staticData = legacy([now - HOUR_MS], {
				old: {
					state: 'published',
					containerId: '17890000000000009',
					mediaId: '17920000000000009',
					at: now - HOUR_MS,
				},
			});
			const result = await runInstagram(sandbox, post('old'), {
				staticData,
				items: [{ url: 'https://cdn.example.com/a.jpg' }],
			});
			expect(result.json('Post to Instagram')[0]).toMatchObject({
				skipped: true,
				reason: 'duplicate',
				id: '17920000000000009',
			});
			expect(sandbox.requests).toHaveLength(0);
		});

		it('counts old publishes against the quota and moves the old ledger to the shared one on the next write', async () => {
			const old = Array.from({ length: 99 }, (_, i) => now - HOUR_MS - i);
			const staticData = legacy(old, {
				old: { state: 'published', mediaId: '17920000000000009', at: now - HOUR_MS },
			});
			const result = await runInstagram(sandbox, post('={{ $json.key }}'), {
				staticData,
				items: [
					{ url: 'https://cdn.example.com/a.jpg', key: 'new-1' },
					{ url: 'https://cdn.example.com/b.jpg', key: 'new-2' },
				],
			});
			// Meta's quota reads 0 used (the sandbox never saw the old posts); the ledger knows 99.
			expect(result.json('Post to Instagram')[0]).toMatchObject({
				published: true,
				quota: { used: 100, total: 100, remaining: 0 },
			});
			expect(result.json('Post to Instagram')[1]).toMatchObject({
				published: false,
				skipped: true,
				reason: 'quota',
			});
			expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
			const shared = (result.staticData.global as IDataObject)[LEDGER] as IDataObject;
			expect(shared[ACCOUNT]).toMatchObject({
				keys: { old: { state: 'published' }, 'new-1': { state: 'published' } },
			});
			expect((shared[ACCOUNT] as { publishedAt: number[] }).publishedAt).toHaveLength(100);
			expect(result.staticData['node:Post to Instagram']).toEqual({ [LEDGER]: {} });
		});
	});
});

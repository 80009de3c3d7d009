import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { callCounts, FAST_OPTIONS, NODE, runInstagram, until } from './fixtures';

describe('Reel and Story through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 3 }, video: { polls: 2 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const reel = (
		parameters: Record<string, unknown> = {},
		options: Record<string, unknown> = {},
	) => ({
		parameters: {
			operation: 'reel',
			videoUrl: 'https://cdn.example.com/clip.mp4',
			caption: 'New reel',
			options: { ...FAST_OPTIONS, ...options },
			...parameters,
		},
	});

	it('waits through several status polls and publishes once, after FINISHED', async () => {
		const result = await runInstagram(sandbox, reel());
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED', mediaType: 'REELS' });
		const statuses = sandbox
			.calls('containerStatus')
			.map((call) => (call.response as { status_code: string }).status_code);
		expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
		const publish = sandbox.calls('publish');
		expect(publish).toHaveLength(1);
		expect(publish[0].seq).toBeGreaterThan(sandbox.calls('containerStatus')[3].seq);
		expect(result.hints.some((hint) => /ready after/.test(hint.message))).toBe(true);
	});

	it('sends 0 and false where users set them', async () => {
		await runInstagram(
			sandbox,
			reel({
				additionalFields: {
					thumbOffset: 0,
					shareToFeed: false,
					coverUrl: 'https://cdn.example.com/cover.jpg',
					audioName: 'Original sound',
					trialGraduationStrategy: 'MANUAL',
					userTags: { tag: [{ username: 'jane.doe', x: 0.5, y: 0.5 }] },
				},
			}),
		);
		expect(sandbox.calls('createContainer')[0].body).toMatchObject({
			media_type: 'REELS',
			thumb_offset: '0',
			share_to_feed: 'false',
			cover_url: 'https://cdn.example.com/cover.jpg',
			audio_name: 'Original sound',
			trial_params: '{"graduation_strategy":"MANUAL"}',
			user_tags: '[{"username":"jane.doe"}]',
		});
	});

	it('stops at a container ERROR, names the subcode and never publishes', async () => {
		// Meta accepts the URL, then processing fails: unsupported format (2207026).
		sandbox.fault({ endpoint: 'createContainer', kind: 'processingError', subcode: 2207026 });
		const result = await runInstagram(sandbox, reel());
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/2207026/);
		expect(result.error?.description).toMatch(/subcode 2207026/);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});

	it('reports an EXPIRED container with its id and never publishes', async () => {
		const expiring = await startSandbox({ containerTtlMs: 1, processing: { reel: { polls: 5 } } });
		try {
			const result = await runInstagram(expiring, reel());
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/expired/i);
			expect(result.error?.description).toMatch(/Container ID: \d+/);
			expect(expiring.calls('publish')).toHaveLength(0);
		} finally {
			await expiring.close();
		}
	});

	it('stops waiting after Max Wait, within the bound, and says how to resume', async () => {
		const slow = await startSandbox({ processing: { reel: { polls: 1000 } } });
		try {
			const result = await runInstagram(
				slow,
				reel({}, { maxWaitSeconds: 10, pollIntervalSeconds: 1 }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/still processing/);
			expect(result.error?.description).toMatch(/Status operation/);
			expect(result.error?.description).toMatch(/Container ID: \d+/);
			// 1 s, then ×1.5 per check, the last pause cut to what is left of the 10 s.
			expect(virtualClock.pauses.slice(0, 4)).toEqual([1000, 1500, 2250, 3375]);
			expect(virtualClock.pausedMs).toBeLessThanOrEqual(10_000);
			expect(virtualClock.pausedMs).toBeGreaterThan(9_000);
			expect(slow.calls('containerStatus')).toHaveLength(5);
			expect(slow.calls('publish')).toHaveLength(0);
		} finally {
			await slow.close();
		}
	});

	it('containerOnly waits for FINISHED and never publishes', async () => {
		const result = await runInstagram(sandbox, reel({}, { publishMode: 'containerOnly' }));
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ status: 'FINISHED', published: false });
		expect(callCounts(sandbox).publish).toBeUndefined();
		expect(callCounts(sandbox).quota).toBeUndefined();
	});

	it('cancelling the execution interrupts a wait: canceled, no further read, no publish', async () => {
		const slow = await startSandbox({ processing: { reel: { polls: 1000 } } });
		try {
			virtualClock.holdPauses(1);
			const controller = new AbortController();
			const pending = runInstagram(
				slow,
				reel({}, { pollIntervalSeconds: 5, maxWaitSeconds: 600 }),
				{
					signal: controller.signal,
				},
			);
			// The node is in its second pause: one status read done, the next one not yet due.
			await until(() => slow.calls('containerStatus').length === 1 && virtualClock.waiting === 1);
			controller.abort();
			const result = await pending;
			expect(result.status).toBe('canceled');
			expect(virtualClock.waiting).toBe(0);
			expect(slow.calls('containerStatus')).toHaveLength(1);
			expect(slow.calls('publish')).toHaveLength(0);
		} finally {
			await slow.close();
		}
	});

	it('publishes image and video stories', async () => {
		const image = await runInstagram(sandbox, {
			parameters: {
				operation: 'story',
				mediaType: 'image',
				imageUrl: 'https://cdn.example.com/s.jpg',
				options: FAST_OPTIONS,
			},
		});
		const video = await runInstagram(sandbox, {
			parameters: {
				operation: 'story',
				mediaType: 'video',
				videoUrl: 'https://cdn.example.com/s.mp4',
				options: FAST_OPTIONS,
			},
		});
		expect(image.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED', mediaType: 'STORIES' });
		expect(video.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED', mediaType: 'STORIES' });
		const bodies = sandbox.calls('createContainer').map((call) => call.body);
		expect(bodies[0]).toMatchObject({
			media_type: 'STORIES',
			image_url: 'https://cdn.example.com/s.jpg',
		});
		expect(bodies[1]).toMatchObject({
			media_type: 'STORIES',
			video_url: 'https://cdn.example.com/s.mp4',
		});
		expect(sandbox.mediaCount()).toBe(2);
	});

	it('posts a first comment; its failure does not hide the published post', async () => {
		const ok = await runInstagram(sandbox, reel({}, { firstComment: '#n8n #automation' }));
		expect(ok.json(NODE)[0].firstComment).toMatchObject({ posted: true });
		expect(sandbox.calls('comment')[0].body).toMatchObject({ message: '#n8n #automation' });
		sandbox.reset();
		sandbox.fault({ endpoint: 'comment', kind: 'http500' });
		const failed = await runInstagram(sandbox, reel({}, { firstComment: '#n8n' }));
		expect(failed.status).toBe('success');
		expect(failed.json(NODE)[0]).toMatchObject({
			status: 'PUBLISHED',
			firstComment: { posted: false },
		});
		expect(sandbox.calls('comment')).toHaveLength(1);
	});
});

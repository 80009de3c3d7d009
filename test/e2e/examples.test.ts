// Each examples/*.json workflow, imported into real n8n 2.41.1 and run with `n8n execute` against the Graph
// sandbox (in this jest process).
import { startSandbox, type Sandbox } from '../sandbox';
import { field, idList, printTimings, startE2e, expectCleanTraffic, type E2e } from './e2e';
import { NODE_TYPE } from './package';
import { describeResult, nodeOutput } from './result';

describe('real n8n 2.41.1: example workflows', () => {
	let sandbox: Sandbox;
	let e2e: E2e | undefined;
	const timings: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	beforeEach(async () => {
		sandbox.reset();
		e2e = await startE2e(sandbox, timings);
	});
	afterEach(async () => {
		await e2e?.dispose();
		e2e = undefined;
	});
	afterAll(async () => {
		await sandbox?.close();
		printTimings('example workflows', timings);
	});

	it('rss-to-image-post: one image post per feed item', async () => {
		const { workflow, result } = await e2e!.run('rss-to-image-post.json');
		expect(describeResult(result)).toBe('status=success exit=0 (in Post to Instagram)');
		expect(workflow.nodes.find((n) => n.name === 'Post to Instagram')?.type).toBe(NODE_TYPE);

		const feed = nodeOutput(result, 'Read News Feed');
		expect(feed.length).toBe(3);
		const posts = nodeOutput(result, 'Post to Instagram');
		expect(posts).toHaveLength(feed.length);
		for (const post of posts) {
			expect(post).toMatchObject({ status: 'PUBLISHED', accountId: sandbox.accounts[0].id });
			expect(typeof post.id).toBe('string');
			expect(typeof post.containerId).toBe('string');
		}

		const creates = sandbox.calls('createContainer');
		expect(creates).toHaveLength(feed.length);
		expect(creates.map((r) => field(r, 'image_url'))).toEqual(
			feed.map((item) => (item.enclosure as { url: string }).url),
		);
		creates.forEach((r, i) => {
			expect(String(field(r, 'caption'))).toBe(
				`${String(feed[i].title)}\n\n${String(feed[i].link)}`,
			);
		});
		expect(sandbox.calls('publish')).toHaveLength(feed.length);
		expect(sandbox.mediaCount(sandbox.accounts[0].id)).toBe(feed.length);
		expectCleanTraffic(sandbox);
	});

	it('rss-to-carousel: one carousel per gallery item, images from the HTML', async () => {
		const { result } = await e2e!.run('rss-to-carousel.json');
		expect(describeResult(result)).toBe('status=success exit=0 (in Post Carousel)');

		const gallery = nodeOutput(result, 'Read Gallery Feed');
		expect(gallery.length).toBe(2);
		const carousels = nodeOutput(result, 'Post Carousel');
		expect(carousels).toHaveLength(gallery.length);
		for (const c of carousels) {
			expect(c).toMatchObject({ status: 'PUBLISHED', accountId: sandbox.accounts[0].id });
			expect(c.children).toHaveLength(3);
		}

		const creates = sandbox.calls('createContainer');
		const children = creates.filter((r) => String(field(r, 'is_carousel_item')) === 'true');
		const parents = creates.filter((r) => field(r, 'media_type') === 'CAROUSEL');
		expect(children).toHaveLength(6);
		expect(parents).toHaveLength(2);
		// Children may be created concurrently; each parent must list them in the feed's image order.
		const urlOf = new Map(
			children.map((r) => [(r.response as { id?: string }).id, field(r, 'image_url')]),
		);
		const ordered = parents.map((p) => idList(field(p, 'children')).map((id) => urlOf.get(id)));
		expect(ordered).toEqual(
			[1, 2].map((k) => [1, 2, 3].map((j) => `https://cdn.example.com/gallery/${k}-${j}.jpg`)),
		);
		expect(parents.map((r) => field(r, 'caption'))).toEqual(['Gallery 1', 'Gallery 2']);
		expect(sandbox.calls('publish')).toHaveLength(2);
		expectCleanTraffic(sandbox);
	});

	it('reel-resume-with-status: container only, Wait, then Status publishes it', async () => {
		const { result } = await e2e!.run('reel-resume-with-status.json');
		expect(describeResult(result)).toBe('status=success exit=0 (in Publish When Ready)');

		const [uploaded] = nodeOutput(result, 'Upload Reel');
		expect(uploaded).toMatchObject({ published: false });
		expect(typeof uploaded.containerId).toBe('string');
		expect(nodeOutput(result, 'Wait')).toHaveLength(1);
		const [published] = nodeOutput(result, 'Publish When Ready');
		expect(published).toMatchObject({ containerId: uploaded.containerId, published: true });
		expect(typeof published.id).toBe('string');

		const creates = sandbox.calls('createContainer');
		expect(creates).toHaveLength(1);
		expect(field(creates[0], 'media_type')).toBe('REELS');
		expect(field(creates[0], 'video_url')).toBe('https://cdn.example.com/videos/launch.mp4');
		const publishes = sandbox.calls('publish');
		expect(publishes).toHaveLength(1);
		expect(field(publishes[0], 'creation_id')).toBe(uploaded.containerId);
		expectCleanTraffic(sandbox);
	});

	it('daily-quota-report: Status without a container reports the quota', async () => {
		sandbox.seedPublishes(sandbox.accounts[0].id, 7);
		const { result } = await e2e!.run('daily-quota-report.json');
		expect(describeResult(result)).toBe('status=success exit=0 (in Check Quota)');

		const [report] = nodeOutput(result, 'Check Quota');
		const quota = report.quota as { used: number; total: number; remaining: number };
		expect(quota).toEqual({ used: 7, total: 100, remaining: 93 });
		expect(sandbox.calls('quota')).toHaveLength(1);
		expect(sandbox.calls('createContainer')).toHaveLength(0);
		expect(sandbox.calls('publish')).toHaveLength(0);
		expectCleanTraffic(sandbox);
	});
});

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { callCounts, FAST_OPTIONS, NODE, runInstagram } from './fixtures';

describe('Carousel through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { video: { polls: 2 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const carousel = (parameters: Record<string, unknown>) => ({
		parameters: {
			operation: 'carousel',
			caption: 'Three in one',
			options: FAST_OPTIONS,
			...parameters,
		},
	});

	it('publishes 2 images and 1 video: child params, children in the parent, one publish', async () => {
		const result = await runInstagram(
			sandbox,
			carousel({
				inputMode: 'fields',
				items: {
					item: [
						{ type: 'image', url: 'https://cdn.example.com/1.jpg', altText: 'First' },
						{ type: 'video', url: 'https://cdn.example.com/2.mp4' },
						{ type: 'image', url: 'https://cdn.example.com/3.jpg' },
					],
				},
				additionalFields: { locationId: '7640348500', collaborators: 'partner_brand' },
			}),
		);
		expect(result.status).toBe('success');
		const creates = sandbox.calls('createContainer');
		const children = creates.filter((call) => call.body.is_carousel_item !== undefined);
		expect(children.map((call) => call.body)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					is_carousel_item: 'true',
					image_url: 'https://cdn.example.com/1.jpg',
					alt_text: 'First',
				}),
				expect.objectContaining({
					is_carousel_item: 'true',
					media_type: 'VIDEO',
					video_url: 'https://cdn.example.com/2.mp4',
				}),
				expect.objectContaining({
					is_carousel_item: 'true',
					image_url: 'https://cdn.example.com/3.jpg',
				}),
			]),
		);
		for (const child of children) {
			expect(child.body).not.toHaveProperty('caption');
			expect(child.body).not.toHaveProperty('location_id');
			expect(child.body).not.toHaveProperty('collaborators');
		}
		const parent = creates[creates.length - 1];
		const output = result.json(NODE)[0];
		expect(parent.body).toMatchObject({
			media_type: 'CAROUSEL',
			caption: 'Three in one',
			location_id: '7640348500',
		});
		expect(String(parent.body.children).split(',')).toEqual(output.children);
		expect(output).toMatchObject({ status: 'PUBLISHED', mediaType: 'CAROUSEL' });
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(sandbox.calls('publish')[0].body.creation_id).toBe(output.containerId);
		expect(sandbox.mediaCount()).toBe(1);
	});

	it('builds a carousel from a JSON array of 3 URLs given by an expression', async () => {
		const result = await runInstagram(
			sandbox,
			carousel({ inputMode: 'json', itemsJson: '={{ $json.images }}' }),
			{
				items: [
					{
						images: [
							'https://cdn.example.com/a.jpg',
							'https://cdn.example.com/b.jpeg',
							'https://cdn.example.com/c.jpg',
						],
					},
				],
			},
		);
		expect(result.status).toBe('success');
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 4, publish: 1 });
		expect(result.json(NODE)[0].children).toHaveLength(3);
	});

	it.each([
		['1 item', ['https://cdn.example.com/a.jpg'], /has 1 item\(s\); a carousel needs 2 to 10/],
		[
			'11 items',
			Array.from({ length: 11 }, (_, i) => `https://cdn.example.com/${i}.jpg`),
			/has 11 item\(s\)/,
		],
	])('rejects %s before any request', async (_label, urls, message) => {
		const result = await runInstagram(
			sandbox,
			carousel({ inputMode: 'json', itemsJson: JSON.stringify(urls) }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('names the failing child (number and URL) and publishes nothing', async () => {
		const broken = 'https://cdn.example.com/broken.jpg';
		sandbox.fault({ endpoint: 'createContainer', kind: 'mediaFetchFailure', url: broken });
		const result = await runInstagram(
			sandbox,
			carousel({
				inputMode: 'json',
				itemsJson: JSON.stringify(['https://cdn.example.com/a.jpg', broken]),
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(
			/Carousel item 2 \(https:\/\/cdn.example.com\/broken.jpg\)/,
		);
		expect(sandbox.calls('createContainer').find((call) => call.fault)?.body.image_url).toBe(
			broken,
		);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});

	it('waits for the children and retries the parent once when Meta says they are not ready', async () => {
		const slowImages = await startSandbox({ processing: { image: { polls: 1 } } });
		try {
			const urls = [
				'https://cdn.example.com/a.jpg',
				'https://cdn.example.com/b.jpg',
				'https://cdn.example.com/c.jpg',
			];
			const result = await runInstagram(
				slowImages,
				carousel({ inputMode: 'json', itemsJson: JSON.stringify(urls) }),
			);
			expect(result.status).toBe('success');
			const parents = slowImages
				.calls('createContainer')
				.filter((call) => call.body.media_type === 'CAROUSEL');
			expect(parents.map((call) => call.status)).toEqual([400, 200]);
			// Each child is read until FINISHED (one round IN_PROGRESS), then the parent is created again.
			const statuses = slowImages
				.calls('containerStatus')
				.map((call) => (call.response as { status_code: string }).status_code);
			expect(statuses).toEqual([...urls.map(() => 'IN_PROGRESS'), ...urls.map(() => 'FINISHED')]);
			expect(slowImages.calls('publish')).toHaveLength(1);
			expect(slowImages.mediaCount()).toBe(1);
		} finally {
			await slowImages.close();
		}
	});

	it('names a video child that fails processing and publishes nothing', async () => {
		const video = 'https://cdn.example.com/b.mp4';
		sandbox.fault({
			endpoint: 'createContainer',
			kind: 'processingError',
			url: video,
			subcode: 2207026,
		});
		const result = await runInstagram(
			sandbox,
			carousel({
				inputMode: 'json',
				itemsJson: JSON.stringify(['https://cdn.example.com/a.jpg', { type: 'video', url: video }]),
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.description).toMatch(
			/Carousel item 2 \(https:\/\/cdn.example.com\/b.mp4\)/,
		);
		expect(result.error?.description).toMatch(/subcode 2207026/);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});

	it('creates the children concurrently', async () => {
		// Every answer is held 200 ms, so requests sent together are all in flight at once.
		const slow = await startSandbox({ latencyMs: 200 });
		try {
			const urls = Array.from({ length: 10 }, (_, i) => `https://cdn.example.com/${i}.jpg`);
			const result = await runInstagram(
				slow,
				carousel({ inputMode: 'json', itemsJson: JSON.stringify(urls) }),
			);
			expect(result.status).toBe('success');
			const creates = slow.calls('createContainer');
			const children = creates.filter((call) => call.body.is_carousel_item === 'true');
			expect(children.map((call) => call.body.image_url).sort()).toEqual([...urls].sort());
			// One after another, each would be the only request in flight; all ten overlap instead.
			expect(Math.max(...children.map((call) => call.inFlight))).toBe(10);
			// The parent is created only once every child has been answered.
			expect(creates.map((call) => call.body.media_type)).toEqual([
				...urls.map(() => undefined),
				'CAROUSEL',
			]);
			expect(creates[10].inFlight).toBe(1);
		} finally {
			await slow.close();
		}
	});
});

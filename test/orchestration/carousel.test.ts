import { buildCarousel } from '../../nodes/Instagram/publish/carousel';
import type { CarouselChild, CarouselRequest } from '../../nodes/Instagram/publish/carousel';
import type { WaitTiming } from '../../nodes/Instagram/publish/pipeline';
import { ACCOUNT, countingInFlight, graphFailure, rejection } from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const PARENT = '17890000000000900';
const childId = (index: number) => `1789000000000010${index}`;
const urlOf = (index: number, isVideo: boolean) =>
	`https://cdn.example.com/${index + 1}.${isVideo ? 'mp4' : 'jpg'}`;

function child(index: number, isVideo: boolean): CarouselChild {
	const url = urlOf(index, isVideo);
	return {
		params: isVideo
			? { media_type: 'VIDEO', video_url: url, is_carousel_item: true }
			: { image_url: url, is_carousel_item: true },
		label: `Carousel item ${index + 1}`,
		isVideo,
		childIndex: index,
		url,
	};
}

/** Children from a pattern such as 'IVI' (image, video, image). */
function carousel(pattern: string, itemIndex = 0): CarouselRequest {
	return {
		accountId: ACCOUNT,
		itemIndex,
		children: [...pattern].map((letter, index) => child(index, letter === 'V')),
		parentParams: { media_type: 'CAROUSEL', caption: 'Three photos' },
	};
}

function timing(fake: FakeRun, overrides: Partial<WaitTiming> = {}): WaitTiming {
	return { deadlineAt: fake.clock.now() + 600_000, firstDelayMs: 3_000, ...overrides };
}

/** Scripts one successful create reply per child. */
function childReplies(fake: FakeRun, count: number): void {
	for (let index = 0; index < count; index++) fake.graph.reply('create', { id: childId(index) });
}

const statusPaths = (fake: FakeRun) =>
	fake.graph
		.calls('status')
		.map((call) => call.path[0])
		.sort();

describe('buildCarousel: children in parallel → video children waited for → CAROUSEL parent', () => {
	it('images only: creates the children in order, then the parent; no status read, no pause', async () => {
		const fake = fakeRun();
		childReplies(fake, 3);
		fake.graph.reply('create', { id: PARENT });
		await expect(buildCarousel(fake.run, carousel('III', 2), timing(fake))).resolves.toEqual({
			containerId: PARENT,
			children: [childId(0), childId(1), childId(2)],
		});
		expect(fake.graph.sequence).toEqual(['create', 'create', 'create', 'create']);
		const creates = fake.graph.calls('create');
		expect(creates.slice(0, 3).map((call) => call.body)).toEqual([
			child(0, false).params,
			child(1, false).params,
			child(2, false).params,
		]);
		expect(creates.map((call) => call.itemIndex)).toEqual([2, 2, 2, 2]);
		expect(creates[3]).toMatchObject({
			path: [ACCOUNT, 'media'],
			body: {
				media_type: 'CAROUSEL',
				caption: 'Three photos',
				children: `${childId(0)},${childId(1)},${childId(2)}`,
			},
		});
		expect(fake.clock.sleeps).toEqual([]);
	});

	it('creates the children in parallel', async () => {
		const fake = fakeRun();
		const counting = countingInFlight(fake);
		childReplies(fake, 4);
		fake.graph.reply('create', { id: PARENT });
		await buildCarousel({ ...fake.run, client: counting.client }, carousel('IIII'), timing(fake));
		expect(counting.maxInFlight()).toBe(4);
	});

	it('only the video children are waited for, with the step timing, before the parent', async () => {
		const fake = fakeRun();
		childReplies(fake, 4);
		fake.graph.status('FINISHED', 'FINISHED').reply('create', { id: PARENT });
		const built = await buildCarousel(fake.run, carousel('IVIV', 1), timing(fake));
		expect(built.containerId).toBe(PARENT);
		expect(fake.graph.sequence).toEqual([
			'create',
			'create',
			'create',
			'create',
			'status',
			'status',
			'create',
		]);
		expect(statusPaths(fake)).toEqual([childId(1), childId(3)]);
		expect(fake.graph.calls('status').map((call) => call.itemIndex)).toEqual([1, 1]);
		expect(fake.clock.sleeps).toEqual([3_000, 3_000]);
		expect(fake.graph.calls('create')[4].body).toMatchObject({
			children: [0, 1, 2, 3].map(childId).join(','),
		});
	});

	it('a video child that keeps processing times out under its own name', async () => {
		const fake = fakeRun();
		childReplies(fake, 2);
		fake.graph.status('IN_PROGRESS');
		const details = await graphFailure(
			buildCarousel(
				fake.run,
				carousel('IV'),
				timing(fake, { deadlineAt: fake.clock.now() + 3_000 }),
			),
		);
		expect(details).toMatchObject({
			kind: 'timeout',
			containerId: childId(1),
			childIndex: 1,
			childUrl: urlOf(1, true),
			metaMessage: `Carousel item 2 ${childId(1)} was still IN_PROGRESS after 3 s`,
		});
		expect(fake.graph.pending).toBe(0);
	});

	it('a failing video child is named, and no parent is created', async () => {
		const fake = fakeRun();
		childReplies(fake, 3);
		fake.graph.reply('status', {
			id: childId(2),
			status_code: 'ERROR',
			status: 'Error: failed with error code 2207026',
		});
		const details = await graphFailure(buildCarousel(fake.run, carousel('IIV'), timing(fake)));
		expect(details).toMatchObject({
			kind: 'invalidMedia',
			containerId: childId(2),
			childIndex: 2,
			childUrl: urlOf(2, true),
		});
		expect(fake.graph.sequence).toEqual(['create', 'create', 'create', 'status']);
	});

	it('a child that cannot be created is named, and no parent is created', async () => {
		const fake = fakeRun();
		fake.graph
			.reply('create', { id: childId(0) })
			.fail('create', failures.invalidMedia())
			.reply('create', { id: childId(2) });
		const error = await rejection(buildCarousel(fake.run, carousel('III'), timing(fake)));
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Instagram could not use the media');
		const details = await graphFailure(Promise.reject(error));
		expect(details).toMatchObject({
			kind: 'invalidMedia',
			childIndex: 1,
			childUrl: urlOf(1, false),
		});
		expect(fake.graph.sequence).toEqual(['create', 'create', 'create']);
	});

	describe('the parent says its children are not ready', () => {
		it('waits for every child (images too), then creates the parent once more', async () => {
			const fake = fakeRun();
			childReplies(fake, 2);
			fake.graph
				.status('FINISHED')
				.fail('create', failures.notReady())
				.status('FINISHED', 'FINISHED')
				.reply('create', { id: PARENT });
			await expect(buildCarousel(fake.run, carousel('IV'), timing(fake))).resolves.toEqual({
				containerId: PARENT,
				children: [childId(0), childId(1)],
			});
			expect(fake.graph.sequence).toEqual([
				'create',
				'create',
				'status',
				'create',
				'status',
				'status',
				'create',
			]);
			const reads = fake.graph.calls('status').map((call) => call.path[0]);
			expect(reads[0]).toBe(childId(1));
			expect(reads.slice(1).sort()).toEqual([childId(0), childId(1)]);
			const parents = fake.graph.calls('create').slice(2);
			expect(parents[1].body).toEqual(parents[0].body);
		});

		it('a child that fails during that wait is named; the parent is not created again', async () => {
			const fake = fakeRun();
			childReplies(fake, 1);
			fake.graph
				.fail('create', failures.notReady())
				.reply('status', { id: childId(0), status_code: 'ERROR' });
			const details = await graphFailure(buildCarousel(fake.run, carousel('I'), timing(fake)));
			expect(details).toMatchObject({
				kind: 'invalidMedia',
				containerId: childId(0),
				childIndex: 0,
				childUrl: urlOf(0, false),
			});
			expect(fake.graph.sequence).toEqual(['create', 'create', 'status']);
		});
	});

	it('any other parent failure is raised at once: no wait, no second parent', async () => {
		const fake = fakeRun();
		childReplies(fake, 2);
		fake.graph.fail('create', failures.invalidRequest());
		const details = await graphFailure(buildCarousel(fake.run, carousel('II'), timing(fake)));
		expect(details.kind).toBe('invalidRequest');
		expect(details.childIndex).toBeUndefined();
		expect(fake.graph.sequence).toEqual(['create', 'create', 'create']);
	});

	it('a parent reply without an id is raised as it is, without a retry', async () => {
		const fake = fakeRun();
		childReplies(fake, 2);
		fake.graph.reply('create', {});
		await expect(buildCarousel(fake.run, carousel('II'), timing(fake))).rejects.toThrow(
			"Instagram's reply to creating the container had no valid ID",
		);
		expect(fake.graph.sequence).toEqual(['create', 'create', 'create']);
	});
});

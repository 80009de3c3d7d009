import { NodeOperationError } from 'n8n-workflow';

import type { KeyRecord } from '../../nodes/Instagram/ledger/ledger';
import { retryGuardKey } from '../../nodes/Instagram/ledger/retryGuard';
import { buildCarousel } from '../../nodes/Instagram/publish/carousel';
import { createContainer } from '../../nodes/Instagram/publish/containers';
import { toItemJson } from '../../nodes/Instagram/publish/output';
import { runPublishPlan } from '../../nodes/Instagram/publish/pipeline';
import type {
	BuiltContainer,
	PublishPlan,
	WaitTiming,
} from '../../nodes/Instagram/publish/pipeline';
import type { PublishKind, PublishOptions } from '../../nodes/Instagram/publish/types';
import { publishAtOnce, waitForProcessing } from '../../nodes/Instagram/publish/wait';
import type { ReadinessStep } from '../../nodes/Instagram/publish/wait';
import type { GraphErrorDetails } from '../../nodes/Instagram/transport/errorKinds';
import {
	ACCOUNT,
	CONTAINER,
	DAY_MS,
	graphFailure,
	MEDIA,
	rejection,
	staticDataWith,
	storedLedger,
} from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const START = 1_700_000_000_000;
const IMAGE_URL = 'https://cdn.example.com/photo.jpg';
const VIDEO_URL = 'https://cdn.example.com/reel.mp4';
const EARLIER_CONTAINER = '17890000000000555';
const PERMALINK = 'https://www.instagram.com/p/AbC123/';
const QUOTA = { data: [{ quota_usage: 3, config: { quota_total: 100 } }] };
const quotaOf = (used: number, total = 100) => ({
	data: [{ quota_usage: used, config: { quota_total: total } }],
});
const QUOTA_HINT =
	'The publishing quota could not be read from Meta; the post was not checked against it beforehand.';
const LOST_REPLY_NOTE = "Published, but Meta's reply was lost, so the media ID is unknown.";

function publishOptions(overrides: Partial<PublishOptions> = {}): PublishOptions {
	return {
		publishMode: 'publish',
		maxWaitSeconds: 600,
		pollIntervalSeconds: 5,
		onQuotaExhausted: 'error',
		idempotencyWindowDays: 30,
		includePermalink: false,
		preflight: true,
		...overrides,
	};
}

interface PlanSetup {
	options?: Partial<PublishOptions>;
	itemIndex?: number;
	content?: Record<string, string>;
}

/** A single-container plan as the image, reel and story operations make it. */
function singlePlan(
	fake: FakeRun,
	kind: PublishKind,
	label: string,
	readiness: ReadinessStep,
	setup: PlanSetup = {},
): PublishPlan {
	const url = readiness === publishAtOnce ? IMAGE_URL : VIDEO_URL;
	const params = setup.content ?? {
		[readiness === publishAtOnce ? 'image_url' : 'video_url']: url,
	};
	return {
		accountId: ACCOUNT,
		kind,
		label,
		options: publishOptions(setup.options),
		content: params,
		build: async (): Promise<BuiltContainer> => ({
			containerId: await createContainer(
				fake.run,
				ACCOUNT,
				{ params, label, url },
				setup.itemIndex ?? 0,
			),
		}),
		readiness,
	};
}

const imagePlan = (fake: FakeRun, setup?: PlanSetup) =>
	singlePlan(fake, 'IMAGE', 'Image', publishAtOnce, setup);
const reelPlan = (fake: FakeRun, setup?: PlanSetup) =>
	singlePlan(fake, 'REELS', 'Reel', waitForProcessing, setup);

const publish = async (fake: FakeRun, plan: PublishPlan, itemIndex = 0) =>
	toItemJson(await runPublishPlan(fake.run, itemIndex, plan));

function pendingKey(key: string, containerId = EARLIER_CONTAINER): Record<string, KeyRecord> {
	return { [key]: { state: 'pending', containerId, at: START - 60_000 } };
}

describe('runPublishPlan: duplicate check → quota gate → build → readiness → publish once → record', () => {
	describe('the readiness step', () => {
		it('images publish at once: quota, create, publish — no status read, no pause', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await expect(publish(fake, imagePlan(fake))).resolves.toStrictEqual({
				accountId: ACCOUNT,
				containerId: CONTAINER,
				mediaType: 'IMAGE',
				published: true,
				status: 'PUBLISHED',
				id: MEDIA,
				quota: { used: 4, total: 100, remaining: 96 },
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
			expect(fake.graph.calls('publish')[0]).toMatchObject({
				path: [ACCOUNT, 'media_publish'],
				body: { creation_id: CONTAINER },
			});
			expect(fake.clock.sleeps).toEqual([]);
		});

		it('an image that Meta says is not ready is waited for then (9007), not before', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.fail('publish', failures.notReady())
				.status('FINISHED')
				.reply('publish', { id: MEDIA });
			await expect(publish(fake, imagePlan(fake))).resolves.toMatchObject({
				published: true,
				id: MEDIA,
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'status', 'publish']);
			expect(fake.clock.sleeps).toEqual([5_000]);
		});

		it('videos wait: status reads, backing off from the poll interval, before the publish', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.status('IN_PROGRESS', 'FINISHED')
				.reply('publish', { id: MEDIA });
			await expect(publish(fake, reelPlan(fake))).resolves.toMatchObject({
				published: true,
				status: 'PUBLISHED',
				mediaType: 'REELS',
				id: MEDIA,
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'status', 'status', 'publish']);
			expect(fake.graph.calls('status').map((call) => call.path)).toEqual([
				[CONTAINER],
				[CONTAINER],
			]);
			expect(fake.clock.sleeps).toEqual([5_000, 7_500]);
			expect(fake.hints).toEqual([`Reel ${CONTAINER} was ready after 13 s (2 status checks)`]);
		});

		it('the build and the readiness step get the timing from the options', async () => {
			const fake = fakeRun();
			const builds: WaitTiming[] = [];
			const readiness = jest.fn(publishAtOnce);
			const plan: PublishPlan = {
				...imagePlan(fake, { options: { maxWaitSeconds: 90, pollIntervalSeconds: 3 } }),
				build: async (timing) => {
					builds.push(timing);
					return await Promise.resolve({ containerId: CONTAINER });
				},
				readiness,
			};
			fake.graph.reply('quota', QUOTA).reply('publish', { id: MEDIA });
			await runPublishPlan(fake.run, 2, plan);
			const timing = { deadlineAt: START + 90_000, firstDelayMs: 3_000 };
			expect(builds).toEqual([timing]);
			expect(readiness).toHaveBeenCalledTimes(1);
			expect(readiness).toHaveBeenCalledWith(fake.run, {
				containerId: CONTAINER,
				...timing,
				itemIndex: 2,
				label: 'Image',
			});
		});

		it('Max Wait bounds the wait: timeout with the container id, no publish, the key kept pending', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.status('IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS');
			const plan = reelPlan(fake, {
				options: { maxWaitSeconds: 10, pollIntervalSeconds: 2, idempotencyKey: 'reel-1' },
			});
			const details = await graphFailure(runPublishPlan(fake.run, 0, plan));
			expect(details).toMatchObject({
				kind: 'timeout',
				containerId: CONTAINER,
				metaMessage: `Reel ${CONTAINER} was still IN_PROGRESS after 10 s`,
			});
			expect(fake.clock.sleeps).toEqual([2_000, 3_000, 4_500, 500]);
			expect(fake.graph.calls('publish')).toEqual([]);
			expect(storedLedger(fake)?.keys).toEqual({
				'reel-1': { state: 'pending', containerId: CONTAINER, at: START },
			});
		});
	});

	describe('containerOnly', () => {
		it('an image: no quota read, the container read at once, never published', async () => {
			const fake = fakeRun();
			fake.graph.reply('create', { id: CONTAINER }).status('FINISHED');
			await expect(
				publish(fake, imagePlan(fake, { options: { publishMode: 'containerOnly' } })),
			).resolves.toStrictEqual({
				accountId: ACCOUNT,
				containerId: CONTAINER,
				mediaType: 'IMAGE',
				published: false,
				status: 'FINISHED',
			});
			expect(fake.graph.sequence).toEqual(['create', 'status']);
			expect(fake.clock.sleeps).toEqual([]);
		});

		it('an image still processing: waited for, then reported', async () => {
			const fake = fakeRun();
			fake.graph.reply('create', { id: CONTAINER }).status('IN_PROGRESS', 'FINISHED');
			const output = await publish(
				fake,
				imagePlan(fake, { options: { publishMode: 'containerOnly' } }),
			);
			expect(output).toMatchObject({ published: false, status: 'FINISHED' });
			expect(fake.clock.sleeps).toEqual([5_000]);
		});

		it('a video: the status its wait saw, no second read, never published', async () => {
			const fake = fakeRun();
			fake.graph.reply('create', { id: CONTAINER }).status('IN_PROGRESS', 'FINISHED');
			const output = await publish(
				fake,
				reelPlan(fake, { options: { publishMode: 'containerOnly', idempotencyKey: 'reel-1' } }),
			);
			expect(output).toStrictEqual({
				accountId: ACCOUNT,
				containerId: CONTAINER,
				mediaType: 'REELS',
				published: false,
				status: 'FINISHED',
			});
			expect(fake.graph.sequence).toEqual(['create', 'status', 'status']);
			expect(storedLedger(fake)).toEqual({
				publishedAt: [],
				keys: { 'reel-1': { state: 'pending', containerId: CONTAINER, at: START } },
			});
		});
	});

	describe('duplicate check (Idempotency Key)', () => {
		const published = (at: number): Record<string, KeyRecord> => ({
			'launch-post': { state: 'published', containerId: EARLIER_CONTAINER, mediaId: MEDIA, at },
		});

		it('a key published before → skipped as a duplicate, no request at all', async () => {
			const fake = fakeRun({ staticData: staticDataWith(published(START - DAY_MS)) });
			const build = jest.fn(async () => await Promise.resolve({ containerId: CONTAINER }));
			const plan: PublishPlan = {
				...imagePlan(fake, { options: { idempotencyKey: 'launch-post' } }),
				build,
			};
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				published: true,
				status: 'PUBLISHED',
				accountId: ACCOUNT,
				id: MEDIA,
				containerId: EARLIER_CONTAINER,
				skipped: true,
				reason: 'duplicate',
				idempotencyKey: 'launch-post',
			});
			expect(fake.graph.requests).toEqual([]);
			expect(build).not.toHaveBeenCalled();
		});

		it('also in containerOnly mode', async () => {
			const fake = fakeRun({ staticData: staticDataWith(published(START)) });
			const output = await publish(
				fake,
				imagePlan(fake, {
					options: { idempotencyKey: 'launch-post', publishMode: 'containerOnly' },
				}),
			);
			expect(output).toMatchObject({ skipped: true, reason: 'duplicate' });
			expect(fake.graph.requests).toEqual([]);
		});

		it('a key is a duplicate for its whole window (Idempotency Window days)', async () => {
			const fake = fakeRun({ staticData: staticDataWith(published(START - 6 * DAY_MS - 1)) });
			const plan = imagePlan(fake, {
				options: { idempotencyKey: 'launch-post', idempotencyWindowDays: 7 },
			});
			await expect(publish(fake, plan)).resolves.toMatchObject({ reason: 'duplicate' });
			expect(fake.graph.requests).toEqual([]);
		});

		it('a key older than its window is published again', async () => {
			const fake = fakeRun({ staticData: staticDataWith(published(START - 8 * DAY_MS)) });
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const plan = imagePlan(fake, {
				options: { idempotencyKey: 'launch-post', idempotencyWindowDays: 7 },
			});
			await expect(publish(fake, plan)).resolves.toMatchObject({ published: true, id: MEDIA });
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
		});

		it('the key is remembered pending before the publish, published after it', async () => {
			const fake = fakeRun();
			const seen: Array<KeyRecord | undefined> = [];
			const plan = imagePlan(fake, { options: { idempotencyKey: 'launch-post' } });
			const readiness: ReadinessStep = async (run, request) => {
				seen.push(storedLedger(fake)?.keys['launch-post']);
				return await publishAtOnce(run, request);
			};
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await publish(fake, { ...plan, readiness });
			expect(seen).toEqual([{ state: 'pending', containerId: CONTAINER, at: START }]);
			expect(storedLedger(fake)).toEqual({
				publishedAt: [START],
				keys: {
					'launch-post': { state: 'published', containerId: CONTAINER, mediaId: MEDIA, at: START },
				},
			});
		});

		it('a publish that fails leaves the key pending with its container, for a safe re-run', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.fail('publish', failures.invalidMedia());
			const plan = imagePlan(fake, { options: { idempotencyKey: 'launch-post' } });
			const details = await graphFailure(runPublishPlan(fake.run, 0, plan));
			expect(details).toMatchObject({ kind: 'invalidMedia', containerId: CONTAINER });
			expect(storedLedger(fake)).toEqual({
				publishedAt: [],
				keys: { 'launch-post': { state: 'pending', containerId: CONTAINER, at: START } },
			});
		});

		it('a key published by this execution is a duplicate for the next item', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const plan = imagePlan(fake, { options: { idempotencyKey: 'launch-post' } });
			await publish(fake, plan, 0);
			await expect(publish(fake, plan, 1)).resolves.toMatchObject({
				skipped: true,
				reason: 'duplicate',
				id: MEDIA,
				containerId: CONTAINER,
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
		});
	});

	describe("published keys in n8n's deduplication store (static data lost)", () => {
		it('a key marked there but unknown to the ledger → duplicate without media id, no request', async () => {
			const fake = fakeRun({ marks: new Set([`${ACCOUNT}:launch-post`]) });
			const build = jest.fn(async () => await Promise.resolve({ containerId: CONTAINER }));
			const plan = { ...imagePlan(fake, { options: { idempotencyKey: 'launch-post' } }), build };
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				published: true,
				status: 'PUBLISHED',
				skipped: true,
				reason: 'duplicate',
				accountId: ACCOUNT,
				idempotencyKey: 'launch-post',
			});
			expect(fake.graph.requests).toEqual([]);
			expect(build).not.toHaveBeenCalled();
		});

		it('a publish marks its key; one that fails does not', async () => {
			const ok = fakeRun();
			ok.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await publish(ok, imagePlan(ok, { options: { idempotencyKey: 'launch-post' } }));
			expect([...ok.marks]).toEqual([`${ACCOUNT}:launch-post`]);

			const failed = fakeRun();
			failed.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.fail('publish', failures.invalidMedia());
			const plan = imagePlan(failed, { options: { idempotencyKey: 'launch-post' } });
			await graphFailure(runPublishPlan(failed.run, 0, plan));
			expect(failed.marks.size).toBe(0);
		});

		it('the ledger answers first (with the media id); without a key nothing is looked up or marked', async () => {
			const fake = fakeRun({
				staticData: staticDataWith({
					'launch-post': {
						state: 'published',
						containerId: EARLIER_CONTAINER,
						mediaId: MEDIA,
						at: START,
					},
				}),
			});
			const wasPublished = jest.spyOn(fake.run.marks, 'wasPublished');
			const plan = imagePlan(fake, { options: { idempotencyKey: 'launch-post' } });
			await expect(publish(fake, plan)).resolves.toMatchObject({ id: MEDIA, reason: 'duplicate' });
			expect(wasPublished).not.toHaveBeenCalled();

			const keyless = fakeRun();
			const lookups = jest.spyOn(keyless.run.marks, 'wasPublished');
			keyless.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await publish(keyless, imagePlan(keyless));
			expect(lookups).not.toHaveBeenCalled();
			expect(keyless.marks.size).toBe(0);
		});
	});

	describe('a pending key is resumed', () => {
		it('its container reads FINISHED → that container is published, no new one created', async () => {
			const fake = fakeRun({ staticData: staticDataWith(pendingKey('reel-1')) });
			fake.graph.status('FINISHED').reply('quota', QUOTA).reply('publish', { id: MEDIA });
			const plan = reelPlan(fake, { options: { idempotencyKey: 'reel-1' } });
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				accountId: ACCOUNT,
				containerId: EARLIER_CONTAINER,
				mediaType: 'REELS',
				published: true,
				status: 'PUBLISHED',
				id: MEDIA,
				quota: { used: 4, total: 100, remaining: 96 },
			});
			expect(fake.graph.sequence).toEqual(['status', 'quota', 'publish']);
			expect(fake.graph.calls('publish')[0].body).toEqual({ creation_id: EARLIER_CONTAINER });
			expect(fake.clock.sleeps).toEqual([]);
			expect(fake.progress).toContain(
				`publishing container ${EARLIER_CONTAINER}, created earlier for this item`,
			);
			expect(storedLedger(fake)?.keys['reel-1']).toEqual({
				state: 'published',
				containerId: EARLIER_CONTAINER,
				mediaId: MEDIA,
				at: START,
			});
		});

		it('its container reads PUBLISHED → done: a duplicate, no publish', async () => {
			const fake = fakeRun({ staticData: staticDataWith(pendingKey('reel-1')) });
			fake.graph.status('PUBLISHED');
			const plan = reelPlan(fake, { options: { idempotencyKey: 'reel-1' } });
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				published: true,
				status: 'PUBLISHED',
				accountId: ACCOUNT,
				containerId: EARLIER_CONTAINER,
				skipped: true,
				reason: 'duplicate',
				idempotencyKey: 'reel-1',
			});
			expect(fake.graph.sequence).toEqual(['status']);
		});

		it('in containerOnly mode: the FINISHED container is reported, nothing created or published', async () => {
			const fake = fakeRun({ staticData: staticDataWith(pendingKey('reel-1')) });
			fake.graph.status('FINISHED', 'FINISHED');
			const plan = reelPlan(fake, {
				options: { idempotencyKey: 'reel-1', publishMode: 'containerOnly' },
			});
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				accountId: ACCOUNT,
				containerId: EARLIER_CONTAINER,
				mediaType: 'REELS',
				published: false,
				status: 'FINISHED',
			});
			expect(fake.graph.sequence).toEqual(['status', 'status']);
			expect(fake.clock.sleeps).toEqual([]);
		});

		it('its container is gone (expired) → starts over with a new container', async () => {
			const fake = fakeRun({ staticData: staticDataWith(pendingKey('img-1')) });
			fake.graph
				.fail('status', failures.expired())
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const plan = imagePlan(fake, { options: { idempotencyKey: 'img-1' } });
			await expect(publish(fake, plan)).resolves.toMatchObject({
				containerId: CONTAINER,
				id: MEDIA,
			});
			expect(fake.graph.sequence).toEqual(['status', 'quota', 'create', 'publish']);
		});
	});

	describe('quota gate', () => {
		it('exhausted, On Quota Exhausted = skip → a skip output, no container created', async () => {
			const fake = fakeRun();
			fake.graph.reply('quota', quotaOf(100));
			const plan = imagePlan(fake, { options: { onQuotaExhausted: 'skip' } });
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				published: false,
				skipped: true,
				reason: 'quota',
				accountId: ACCOUNT,
				quota: { used: 100, total: 100, remaining: 0 },
			});
			expect(fake.graph.sequence).toEqual(['quota']);
		});

		it('exhausted, On Quota Exhausted = error → the quota error, no container created', async () => {
			const fake = fakeRun();
			fake.graph.reply('quota', quotaOf(50, 50));
			const error = await rejection(runPublishPlan(fake.run, 3, imagePlan(fake)));
			expect(error).toBeInstanceOf(NodeOperationError);
			const quotaError = error as NodeOperationError;
			expect(quotaError.message).toBe(
				'The 24-hour publishing limit for this Instagram account is used up (50/50)',
			);
			expect(quotaError.context.instagram).toMatchObject({ kind: 'quota', remaining: 0 });
			expect(quotaError.context.itemIndex).toBe(3);
			expect(fake.graph.sequence).toEqual(['quota']);
		});

		it('one slot left → published, and the output says none is left', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', quotaOf(99))
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const output = await publish(fake, imagePlan(fake));
			expect(output).toMatchObject({
				published: true,
				quota: { used: 100, total: 100, remaining: 0 },
			});
		});

		it('is read once per execution, and counts the publishes this execution made', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA })
				.reply('create', { id: '17890000000000002' })
				.reply('publish', { id: '17920000000000002' });
			await publish(fake, imagePlan(fake, { content: { image_url: IMAGE_URL } }), 0);
			const second = await publish(
				fake,
				imagePlan(fake, { content: { image_url: 'https://cdn.example.com/2.jpg' } }),
				1,
			);
			expect(second.quota).toEqual({
				used: 5,
				total: 100,
				remaining: 95,
				nextSlotAt: new Date(START + DAY_MS).toISOString(),
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'create', 'publish']);
		});

		it.each<[string, GraphErrorDetails]>([
			['transient', failures.serverError()],
			['rateLimit', failures.rateLimit()],
			['unknown', failures.unknown()],
		])(
			'quota endpoint down (%s) → publishes anyway, with a hint; no quota in the output',
			async (kind, failure) => {
				const fake = fakeRun();
				fake.graph
					.fail('quota', failure)
					.reply('create', { id: CONTAINER })
					.reply('publish', { id: MEDIA });
				const output = await publish(fake, imagePlan(fake));
				expect(output).toStrictEqual({
					accountId: ACCOUNT,
					containerId: CONTAINER,
					mediaType: 'IMAGE',
					published: true,
					status: 'PUBLISHED',
					id: MEDIA,
				});
				expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
				expect(fake.hints).toEqual([QUOTA_HINT]);
				expect(fake.progress).toEqual([
					`the publishing quota could not be read (${kind}); publishing anyway, Meta enforces the limit itself`,
				]);
			},
		);

		it.each<[string, GraphErrorDetails]>([
			['auth', failures.auth()],
			['permission', { kind: 'permission', code: 10, httpStatus: 403 }],
			['invalidRequest', failures.invalidRequest()],
		])('a quota read failing with %s stops the item: nothing created', async (kind, failure) => {
			const fake = fakeRun();
			fake.graph.fail('quota', failure);
			const error = await rejection(runPublishPlan(fake.run, 2, imagePlan(fake)));
			expect(error).toBeInstanceOf(Error);
			expect((error as NodeOperationError).context.instagram).toMatchObject({ kind });
			expect((error as NodeOperationError).context.itemIndex).toBe(2);
			expect(fake.graph.sequence).toEqual(['quota']);
			expect(fake.hints).toEqual([]);
		});

		it('a quota reply that is not what Meta documents stops the item too', async () => {
			const fake = fakeRun();
			fake.graph.reply('quota', null);
			const error = await rejection(runPublishPlan(fake.run, 1, imagePlan(fake)));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(fake.graph.sequence).toEqual(['quota']);
		});
	});

	describe('Retry On Fail guard (no Idempotency Key)', () => {
		it('an item an earlier try of this execution published → publishedByEarlierTry, no request', async () => {
			const fake = fakeRun({ executionId: 'exec-42' });
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const plan = imagePlan(fake);
			await publish(fake, plan, 0);
			const guard = retryGuardKey(fake.run, 0, {
				accountId: ACCOUNT,
				kind: 'IMAGE',
				content: plan.content,
			});
			expect(guard).toBeDefined();
			expect(Object.keys(storedLedger(fake)?.keys ?? {})).toEqual([guard]);

			await expect(publish(fake, plan, 0)).resolves.toStrictEqual({
				published: true,
				status: 'PUBLISHED',
				accountId: ACCOUNT,
				id: MEDIA,
				containerId: CONTAINER,
				mediaType: 'IMAGE',
				publishedByEarlierTry: true,
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
		});

		it('a later execution publishes the same content again', async () => {
			const first = fakeRun({ executionId: 'exec-1' });
			first.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await publish(first, imagePlan(first));
			const later = fakeRun({ executionId: 'exec-2', staticData: first.staticData });
			later.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await expect(publish(later, imagePlan(later))).resolves.toMatchObject({ published: true });
			expect(later.graph.sequence).toEqual(['quota', 'create', 'publish']);
		});

		it('an Idempotency Key, when set, is the only key', async () => {
			const fake = fakeRun({ executionId: 'exec-42' });
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await publish(fake, imagePlan(fake, { options: { idempotencyKey: 'mine' } }));
			expect(Object.keys(storedLedger(fake)?.keys ?? {})).toEqual(['mine']);
		});

		it('without an execution id there is nothing to guard: no key is remembered', async () => {
			const fake = fakeRun({ executionId: '__UNKNOWN__' });
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA })
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			const plan = imagePlan(fake);
			await publish(fake, plan);
			expect(storedLedger(fake)).toEqual({ publishedAt: [START], keys: {} });
			await expect(publish(fake, plan)).resolves.toMatchObject({ published: true });
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'create', 'publish']);
		});
	});

	describe('output', () => {
		it('reply lost, container reads PUBLISHED → recovered, with a note that the media id is unknown', async () => {
			const fake = fakeRun();
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.fail('publish', failures.lostReply())
				.status('PUBLISHED');
			const plan = imagePlan(fake, {
				options: { includePermalink: true, firstComment: 'First!', idempotencyKey: 'k' },
			});
			await expect(publish(fake, plan)).resolves.toStrictEqual({
				accountId: ACCOUNT,
				containerId: CONTAINER,
				mediaType: 'IMAGE',
				published: true,
				status: 'PUBLISHED',
				quota: { used: 4, total: 100, remaining: 96 },
				recovered: true,
				note: LOST_REPLY_NOTE,
				firstComment: {
					posted: false,
					error: 'The media ID is unknown, so the comment could not be posted.',
				},
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'status']);
			expect(storedLedger(fake)?.keys.k).toEqual({
				state: 'published',
				containerId: CONTAINER,
				at: START,
			});
		});

		it('a carousel: its children and its type', async () => {
			const fake = fakeRun();
			const children = [0, 1].map((index) => ({
				params: { image_url: `https://cdn.example.com/${index}.jpg`, is_carousel_item: true },
				label: `Carousel item ${index + 1}`,
				isVideo: false,
				childIndex: index,
				url: `https://cdn.example.com/${index}.jpg`,
			}));
			const plan: PublishPlan = {
				accountId: ACCOUNT,
				kind: 'CAROUSEL',
				label: 'Carousel',
				options: publishOptions(),
				content: children,
				build: async (timing) =>
					await buildCarousel(
						fake.run,
						{
							accountId: ACCOUNT,
							itemIndex: 0,
							children,
							parentParams: { media_type: 'CAROUSEL' },
						},
						timing,
					),
				readiness: publishAtOnce,
			};
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: '17890000000000101' }, { id: '17890000000000102' })
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });
			await expect(publish(fake, plan)).resolves.toMatchObject({
				containerId: CONTAINER,
				mediaType: 'CAROUSEL',
				children: ['17890000000000101', '17890000000000102'],
				published: true,
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'create', 'create', 'publish']);
		});
	});

	describe('after the publish: permalink (best effort) and first comment (never hides the post)', () => {
		const script = (fake: FakeRun) =>
			fake.graph
				.reply('quota', QUOTA)
				.reply('create', { id: CONTAINER })
				.reply('publish', { id: MEDIA });

		it('Include Permalink → the media is read once for it', async () => {
			const fake = fakeRun();
			script(fake).reply('permalink', { permalink: PERMALINK });
			const output = await publish(fake, imagePlan(fake, { options: { includePermalink: true } }));
			expect(output).toMatchObject({ published: true, permalink: PERMALINK });
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'permalink']);
			expect(fake.graph.calls('permalink')[0].path).toEqual([MEDIA]);
		});

		it('a permalink that cannot be read leaves the item published, without a permalink', async () => {
			const fake = fakeRun();
			script(fake).fail('permalink', failures.serverError());
			const output = await publish(fake, imagePlan(fake, { options: { includePermalink: true } }));
			expect(output).toMatchObject({ published: true, status: 'PUBLISHED', id: MEDIA });
			expect(output).not.toHaveProperty('permalink');
			expect(fake.progress).toContain(
				`the permalink of ${MEDIA} could not be read; the post is published`,
			);
		});

		it('First Comment → posted under the new media, after the permalink', async () => {
			const fake = fakeRun();
			script(fake)
				.reply('permalink', { permalink: PERMALINK })
				.reply('comment', { id: '17950000000000001' });
			const output = await publish(
				fake,
				imagePlan(fake, { options: { includePermalink: true, firstComment: '#launch' } }),
			);
			expect(output).toMatchObject({
				published: true,
				permalink: PERMALINK,
				firstComment: { posted: true, id: '17950000000000001' },
			});
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish', 'permalink', 'comment']);
			expect(fake.graph.calls('comment')[0]).toMatchObject({
				path: [MEDIA, 'comments'],
				body: { message: '#launch' },
			});
		});

		it('a first comment that fails never hides the post: published, with the failure reported', async () => {
			const fake = fakeRun();
			script(fake).fail('comment', failures.rateLimit());
			const output = await publish(fake, imagePlan(fake, { options: { firstComment: 'hi' } }));
			expect(output).toMatchObject({
				published: true,
				status: 'PUBLISHED',
				id: MEDIA,
				firstComment: { posted: false, kind: 'rateLimit', code: 80002 },
			});
		});

		it('neither option → no request after the publish', async () => {
			const fake = fakeRun();
			script(fake);
			const output = await publish(fake, imagePlan(fake, { options: { firstComment: '' } }));
			expect(output).not.toHaveProperty('permalink');
			expect(output).not.toHaveProperty('firstComment');
			expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
		});
	});
});

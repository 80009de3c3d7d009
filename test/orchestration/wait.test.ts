import { NodeOperationError } from 'n8n-workflow';

import {
	LONG_JOB_AFTER_MS,
	LONG_JOB_POLL_INTERVAL_MS,
	MAX_POLL_INTERVAL_MS,
	nextPollDelay,
	POLL_BACKOFF_FACTOR,
	publishAtOnce,
	waitForContainer,
	waitForProcessing,
} from '../../nodes/Instagram/publish/wait';
import type { WaitRequest } from '../../nodes/Instagram/publish/wait';
import type { GraphRequest } from '../../nodes/Instagram/transport/graphClient';
import { CONTAINER, graphFailure, rejection } from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

function waitRequest(fake: FakeRun, overrides: Partial<WaitRequest> = {}): WaitRequest {
	return {
		containerId: CONTAINER,
		deadlineAt: fake.clock.now() + 600_000,
		firstDelayMs: 1_000,
		itemIndex: 0,
		label: 'Reel',
		...overrides,
	};
}

/** Virtual ms between the start and each status read. */
function readTimes(fake: FakeRun, start: number): number[] {
	return fake.graph.calls('status').map((call) => call.at - start);
}

describe('nextPollDelay: ×1.5, at most 30 s for the first 2 minutes, then at most 60 s', () => {
	it('states the policy', () => {
		expect(POLL_BACKOFF_FACTOR).toBe(1.5);
		expect(MAX_POLL_INTERVAL_MS).toBe(30_000);
		expect(LONG_JOB_AFTER_MS).toBe(120_000);
		expect(LONG_JOB_POLL_INTERVAL_MS).toBe(60_000);
	});

	// previous pause, elapsed, Poll Interval → next pause
	it.each([
		[1_000, 1_000, 1_000, 1_500],
		[2_000, 4_000, 1_000, 3_000],
		[1_001, 0, 1_000, 1_502],
		[999, 0, 1_000, 1_499],
		[19_999, 60_000, 1_000, 29_999],
		[20_000, 60_000, 1_000, 30_000],
		[25_000, 60_000, 1_000, 30_000],
		[30_000, 119_999, 1_000, 30_000],
		[60_000, 0, 1_000, 30_000],
		[30_000, 120_000, 1_000, 45_000],
		[39_999, 120_000, 1_000, 59_999],
		[40_000, 120_000, 1_000, 60_000],
		[45_000, 600_000, 1_000, 60_000],
		[60_000, 3_600_000, 1_000, 60_000],
		// the user's Poll Interval is never cut by the cap
		[45_000, 10_000, 45_000, 45_000],
		[60_000, 10_000, 60_000, 60_000],
		[60_000, 600_000, 60_000, 60_000],
		[20_000, 10_000, 20_000, 30_000],
	])('%d ms pause, %d ms in, Poll Interval %d ms → %d ms', (previous, elapsed, first, next) => {
		expect(nextPollDelay(previous, elapsed, first)).toBe(next);
	});
});

describe('waitForContainer', () => {
	it('pauses the first delay before the first read, then backs off ×1.5 between reads', async () => {
		const fake = fakeRun();
		const start = fake.clock.now();
		fake.graph.status('IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED');
		await expect(waitForContainer(fake.run, waitRequest(fake))).resolves.toEqual({
			id: '1789',
			status_code: 'FINISHED',
		});
		expect(fake.clock.sleeps).toEqual([1_000, 1_500, 2_250, 3_375, 5_063]);
		expect(readTimes(fake, start)).toEqual([1_000, 2_500, 4_750, 8_125, 13_188]);
		expect(fake.graph.pending).toBe(0);
	});

	it('never pauses longer than 30 s between reads in the first 2 minutes', async () => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED');
		await waitForContainer(fake.run, waitRequest(fake, { firstDelayMs: 20_000 }));
		expect(fake.clock.sleeps).toEqual([20_000, 30_000, 30_000, 30_000]);
	});

	it('a long job: after 2 minutes the reads slow down to once a minute (19 reads for 10 minutes)', async () => {
		const fake = fakeRun();
		const start = fake.clock.now();
		fake.graph.status(...Array.from({ length: 18 }, () => 'IN_PROGRESS'), 'FINISHED');
		await waitForContainer(fake.run, waitRequest(fake, { deadlineAt: start + 1_800_000 }));
		expect(readTimes(fake, start)).toEqual([
			1_000, 2_500, 4_750, 8_125, 13_188, 20_783, 32_176, 49_266, 74_901, 104_901, 134_901, 179_901,
			239_901, 299_901, 359_901, 419_901, 479_901, 539_901, 599_901,
		]);
		expect(fake.graph.pending).toBe(0);
	});

	it('Poll Interval 60 s: one read a minute from the start', async () => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED');
		await waitForContainer(fake.run, waitRequest(fake, { firstDelayMs: 60_000 }));
		expect(fake.clock.sleeps).toEqual([60_000, 60_000, 60_000, 60_000]);
	});

	it('reads the container, with its item index', async () => {
		const fake = fakeRun();
		fake.graph.status('FINISHED');
		await waitForContainer(fake.run, waitRequest(fake, { itemIndex: 4 }));
		expect(fake.graph.calls('status')).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: [CONTAINER],
				itemIndex: 4,
			}),
		]);
	});

	it('checkImmediately: reads at once, then pauses the first delay, then backs off', async () => {
		const fake = fakeRun();
		const start = fake.clock.now();
		fake.graph.status('IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED');
		await waitForContainer(fake.run, waitRequest(fake, { checkImmediately: true }));
		expect(fake.clock.sleeps).toEqual([1_000, 1_500, 2_250]);
		expect(readTimes(fake, start)).toEqual([0, 1_000, 2_500, 4_750]);
	});

	it('checkImmediately and FINISHED at once: no pause, no progress, no hint', async () => {
		const fake = fakeRun();
		fake.graph.status('FINISHED');
		await expect(
			waitForContainer(fake.run, waitRequest(fake, { checkImmediately: true })),
		).resolves.toMatchObject({ status_code: 'FINISHED' });
		expect(fake.clock.sleeps).toEqual([]);
		expect(fake.progress).toEqual([]);
		expect(fake.hints).toEqual([]);
	});

	it('PUBLISHED counts as ready (nothing left to wait for)', async () => {
		const fake = fakeRun();
		fake.graph.status('PUBLISHED');
		await expect(waitForContainer(fake.run, waitRequest(fake))).resolves.toMatchObject({
			status_code: 'PUBLISHED',
		});
		expect(fake.graph.pending).toBe(0);
	});

	it('keeps polling on a status it does not know', async () => {
		const fake = fakeRun();
		fake.graph.status('SOMETHING_NEW', 'FINISHED');
		await waitForContainer(fake.run, waitRequest(fake));
		expect(fake.graph.calls('status')).toHaveLength(2);
	});

	describe('says how long processing took (progress and hint)', () => {
		it('one check after the first pause', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED');
			await waitForContainer(fake.run, waitRequest(fake));
			const message = `Reel ${CONTAINER} was ready after 1 s (1 status check)`;
			expect(fake.progress).toEqual([message]);
			expect(fake.hints).toEqual([message]);
		});

		it('several checks, with the wait in between', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS', 'FINISHED');
			await waitForContainer(fake.run, waitRequest(fake, { firstDelayMs: 2_000, label: 'Story' }));
			expect(fake.progress).toEqual([
				`Story ${CONTAINER} is IN_PROGRESS after 2 s; next check in 3 s`,
				`Story ${CONTAINER} was ready after 5 s (2 status checks)`,
			]);
			expect(fake.hints).toEqual([`Story ${CONTAINER} was ready after 5 s (2 status checks)`]);
		});

		it('several checks, even when no whole second passed', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS', 'FINISHED');
			await waitForContainer(
				fake.run,
				waitRequest(fake, { firstDelayMs: 0, checkImmediately: true }),
			);
			expect(fake.clock.sleeps).toEqual([]);
			expect(fake.hints).toEqual([`Reel ${CONTAINER} was ready after 0 s (2 status checks)`]);
		});

		it('one check under half a second: nothing to say', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED');
			await waitForContainer(fake.run, waitRequest(fake, { firstDelayMs: 400 }));
			expect(fake.clock.sleeps).toEqual([400]);
			expect(fake.progress).toEqual([]);
			expect(fake.hints).toEqual([]);
		});

		it('rounds the next check up to whole seconds', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS', 'IN_PROGRESS', 'FINISHED');
			await waitForContainer(fake.run, waitRequest(fake));
			expect(fake.progress.slice(0, 2)).toEqual([
				`Reel ${CONTAINER} is IN_PROGRESS after 1 s; next check in 2 s`,
				`Reel ${CONTAINER} is IN_PROGRESS after 3 s; next check in 3 s`,
			]);
		});
	});

	describe('bounded by the deadline', () => {
		it('never pauses past the deadline, and says so in the progress', async () => {
			const fake = fakeRun();
			const start = fake.clock.now();
			fake.graph.status('IN_PROGRESS', 'IN_PROGRESS');
			const details = await graphFailure(
				waitForContainer(fake.run, waitRequest(fake, { deadlineAt: start + 2_000 })),
			);
			expect(fake.clock.sleeps).toEqual([1_000, 1_000]);
			expect(fake.progress).toEqual([
				`Reel ${CONTAINER} is IN_PROGRESS after 1 s; next check in 1 s`,
			]);
			expect(details).toMatchObject({ kind: 'timeout', containerId: CONTAINER });
			expect(fake.graph.pending).toBe(0);
		});

		it('a first pause longer than the time left is cut to the deadline', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED');
			await waitForContainer(fake.run, waitRequest(fake, { deadlineAt: fake.clock.now() + 500 }));
			expect(fake.clock.sleeps).toEqual([500]);
		});

		it('read at the deadline still IN_PROGRESS → timeout at once (no pause, no further read)', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS');
			const details = await graphFailure(
				waitForContainer(fake.run, waitRequest(fake, { deadlineAt: fake.clock.now() + 1_000 })),
			);
			expect(details.kind).toBe('timeout');
			expect(fake.clock.sleeps).toEqual([1_000]);
			expect(fake.graph.calls('status')).toHaveLength(1);
		});

		it('deadline already passed: one read, no pause', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED');
			await waitForContainer(fake.run, waitRequest(fake, { deadlineAt: fake.clock.now() - 1 }));
			expect(fake.clock.sleeps).toEqual([]);
			expect(fake.graph.calls('status')).toHaveLength(1);

			const late = fakeRun();
			late.graph.status('IN_PROGRESS');
			const details = await graphFailure(
				waitForContainer(late.run, waitRequest(late, { deadlineAt: late.clock.now() - 1 })),
			);
			expect(details.kind).toBe('timeout');
			expect(late.clock.sleeps).toEqual([]);
		});

		it('the timeout carries the container id and the carousel child, so the user can resume', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS', 'IN_PROGRESS');
			const error = await rejection(
				waitForContainer(
					fake.run,
					waitRequest(fake, {
						deadlineAt: fake.clock.now() + 10_000,
						firstDelayMs: 4_000,
						label: 'Carousel item 3',
						childIndex: 2,
						url: 'https://cdn.example.com/3.mp4',
						itemIndex: 1,
					}),
				),
			);
			expect(error).toBeInstanceOf(NodeOperationError);
			const timeout = error as NodeOperationError;
			expect(timeout.context.instagram).toEqual({
				kind: 'timeout',
				metaMessage: `Carousel item 3 ${CONTAINER} was still IN_PROGRESS after 10 s`,
				containerId: CONTAINER,
				childIndex: 2,
				childUrl: 'https://cdn.example.com/3.mp4',
			});
			expect(timeout.context.itemIndex).toBe(1);
			expect(timeout.description).toContain('Carousel item 3 (https://cdn.example.com/3.mp4)');
		});
	});

	describe('ERROR and EXPIRED become errors that carry the container id', () => {
		it("ERROR → invalidMedia with the subcode from Meta's status text", async () => {
			const fake = fakeRun();
			const text = 'Error: Media upload has failed with error code 2207026';
			fake.graph.reply('status', { id: CONTAINER, status_code: 'ERROR', status: text });
			const details = await graphFailure(
				waitForContainer(
					fake.run,
					waitRequest(fake, { childIndex: 1, url: 'https://cdn.example.com/2.mp4' }),
				),
			);
			expect(details).toEqual({
				kind: 'invalidMedia',
				subcode: 2207026,
				metaMessage: text,
				containerId: CONTAINER,
				childIndex: 1,
				childUrl: 'https://cdn.example.com/2.mp4',
			});
		});

		it('ERROR without a status text → a message naming the status', async () => {
			const fake = fakeRun();
			fake.graph.status('IN_PROGRESS', 'ERROR');
			const details = await graphFailure(waitForContainer(fake.run, waitRequest(fake)));
			expect(details).toMatchObject({
				kind: 'invalidMedia',
				metaMessage: 'Container status ERROR',
				containerId: CONTAINER,
			});
			expect(details.subcode).toBeUndefined();
			expect(details.childIndex).toBeUndefined();
		});

		it('EXPIRED → expired (subcode 2207020), whatever the status text says', async () => {
			const fake = fakeRun();
			fake.graph.reply('status', {
				id: CONTAINER,
				status_code: 'EXPIRED',
				status: 'Error: failed with error code 2207001',
			});
			const details = await graphFailure(waitForContainer(fake.run, waitRequest(fake)));
			expect(details).toMatchObject({
				kind: 'expired',
				subcode: 2207020,
				metaMessage: 'Error: failed with error code 2207001',
				containerId: CONTAINER,
			});

			const bare = fakeRun();
			bare.graph.status('EXPIRED');
			const bareDetails = await graphFailure(waitForContainer(bare.run, waitRequest(bare)));
			expect(bareDetails).toMatchObject({
				kind: 'expired',
				subcode: 2207020,
				metaMessage: 'Container status EXPIRED',
			});
		});

		it('the error belongs to the item', async () => {
			const fake = fakeRun();
			fake.graph.status('ERROR');
			const error = (await rejection(
				waitForContainer(fake.run, waitRequest(fake, { itemIndex: 3 })),
			)) as NodeOperationError;
			expect(error.context.itemIndex).toBe(3);
		});
	});

	it('a cancelled execution stops the wait before any read', async () => {
		const fake = fakeRun();
		fake.clock.abort();
		await expect(waitForContainer(fake.run, waitRequest(fake))).rejects.toThrow(
			'The execution was cancelled',
		);
		expect(fake.graph.requests).toEqual([]);
	});

	it('a cancelled execution stops the wait between reads', async () => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS');
		const run = {
			...fake.run,
			client: {
				request: async <T>(request: GraphRequest): Promise<T> => {
					const reply = await fake.graph.request<T>(request);
					fake.clock.abort();
					return reply;
				},
				connection: async () => await fake.graph.connection(),
			},
		};
		await expect(
			waitForContainer(run, waitRequest(fake, { checkImmediately: true })),
		).rejects.toThrow('The execution was cancelled');
		expect(fake.graph.calls('status')).toHaveLength(1);
	});
});

describe('readiness steps', () => {
	it('waitForProcessing (videos) polls until FINISHED and returns what it saw', async () => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS', 'FINISHED');
		await expect(waitForProcessing(fake.run, waitRequest(fake))).resolves.toEqual({
			id: '1789',
			status_code: 'FINISHED',
		});
		expect(fake.clock.sleeps).toEqual([1_000, 1_500]);
	});

	it('publishAtOnce (images) does not look: no status read, no pause', async () => {
		const fake = fakeRun();
		await expect(publishAtOnce(fake.run, waitRequest(fake))).resolves.toBeUndefined();
		expect(fake.graph.requests).toEqual([]);
		expect(fake.clock.sleeps).toEqual([]);
	});
});

describe('waitForContainer: a status read that fails names the container (fault soak regression)', () => {
	it.each([
		['token expired mid-wait', failures.auth()],
		['5xx after the transport retries', failures.serverError()],
		['rate limited after the transport retries', failures.rateLimit()],
	])('%s → the error carries the container id and the carousel child', async (_name, failure) => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS').fail('status', failure);
		const details = await graphFailure(
			waitForContainer(
				fake.run,
				waitRequest(fake, { childIndex: 2, url: 'https://cdn.example.com/2.mp4' }),
			),
		);
		expect(details).toMatchObject({
			kind: failure.kind,
			containerId: CONTAINER,
			childIndex: 2,
			childUrl: 'https://cdn.example.com/2.mp4',
		});
	});
});

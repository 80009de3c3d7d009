import { publishContainer } from '../../nodes/Instagram/publish/publishOnce';
import type { PublishTarget } from '../../nodes/Instagram/publish/publishOnce';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const ACCOUNT = '17841400000000001';
const CONTAINER = '17890000000000001';

function target(fake: FakeRun, overrides: Partial<PublishTarget> = {}): PublishTarget {
	return {
		accountId: ACCOUNT,
		containerId: CONTAINER,
		itemIndex: 0,
		deadlineAt: fake.clock.now() + 600_000,
		firstDelayMs: 1_000,
		label: 'Reel',
		...overrides,
	};
}

async function publishError(fake: FakeRun, overrides: Partial<PublishTarget> = {}) {
	const error: unknown = await publishContainer(fake.run, target(fake, overrides)).then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	const details = graphDetailsOf(error);
	if (!details) throw new Error(`expected a Graph error, got ${String(error)}`);
	return details;
}

describe('publishContainer: media_publish exactly once', () => {
	it('publishes once and returns the media id', async () => {
		const fake = fakeRun();
		fake.graph.reply('publish', { id: '17920000000000001' });
		await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({
			mediaId: '17920000000000001',
			recovered: false,
		});
		expect(fake.graph.sequence).toEqual(['publish']);
		expect(fake.graph.calls('publish')[0]).toMatchObject({
			path: [ACCOUNT, 'media_publish'],
			body: { creation_id: CONTAINER },
			requestClass: 'publish',
		});
	});

	describe('read-back after an unclear failure (lost reply, 5xx, throttling)', () => {
		it('first read PUBLISHED → recovered, never published again', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.lostReply()).status('PUBLISHED');
			await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({ recovered: true });
			expect(fake.graph.sequence).toEqual(['publish', 'status']);
		});

		it.each(['IN_PROGRESS', 'ERROR', 'EXPIRED'])(
			'first read %s → outcome unknown: stops with the container id, publishes no second time',
			async (code) => {
				const fake = fakeRun();
				fake.graph.fail('publish', failures.serverError()).status(code);
				const details = await publishError(fake);
				expect(details).toMatchObject({ publishOutcomeUnknown: true, containerId: CONTAINER });
				expect(fake.graph.calls('publish')).toHaveLength(1);
				expect(fake.graph.pending).toBe(0);
				// Unknown at once: no pause, no second read.
				expect(fake.graph.calls('status')).toHaveLength(1);
				expect(fake.clock.sleeps).toEqual([]);
			},
		);

		it('FINISHED then PUBLISHED after a pause → recovered (a status that lagged behind the publish)', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.lostReply()).status('FINISHED', 'PUBLISHED');
			await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({ recovered: true });
			expect(fake.graph.calls('publish')).toHaveLength(1);
			expect(fake.clock.sleeps).toHaveLength(1);
		});

		it('FINISHED twice in a row is the only case where publish is called again', async () => {
			const fake = fakeRun();
			fake.graph
				.fail('publish', failures.lostReply())
				.status('FINISHED', 'FINISHED')
				.reply('publish', { id: '17920000000000002' });
			await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({
				mediaId: '17920000000000002',
				recovered: false,
			});
			expect(fake.graph.sequence).toEqual(['publish', 'status', 'status', 'publish']);
		});

		it.each(['IN_PROGRESS', 'ERROR', 'EXPIRED'])(
			'FINISHED then %s → outcome unknown, no second publish',
			async (code) => {
				const fake = fakeRun();
				fake.graph.fail('publish', failures.lostReply()).status('FINISHED', code);
				const details = await publishError(fake);
				expect(details.publishOutcomeUnknown).toBe(true);
				expect(fake.graph.calls('publish')).toHaveLength(1);
			},
		);

		it('says in the progress that it reads the container back', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.serverError()).status('PUBLISHED');
			await publishContainer(fake.run, target(fake));
			expect(fake.progress).toEqual([
				`publish of ${CONTAINER} failed unclearly (transient); reading the container back`,
			]);
		});

		it('a read-back that fails without a cancel signal → outcome unknown too', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.lostReply()).fail('status', failures.serverError());
			const details = await publishError({ ...fake, run: { ...fake.run, signal: undefined } });
			expect(details.publishOutcomeUnknown).toBe(true);
		});

		it('a read-back that fails itself → outcome unknown, no second publish', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.lostReply()).fail('status', failures.serverError());
			const details = await publishError(fake);
			expect(details.publishOutcomeUnknown).toBe(true);
			expect(fake.graph.calls('publish')).toHaveLength(1);
		});

		it('pauses between the two reads: backoff, or longer when Meta names a wait', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.rateLimit(2)).status('FINISHED', 'PUBLISHED');
			await publishContainer(fake.run, target(fake));
			expect(fake.clock.sleeps).toEqual([120_000]);
			expect(fake.graph.calls('status')[1].at - fake.graph.calls('status')[0].at).toBe(120_000);

			const quick = fakeRun();
			quick.graph.fail('publish', failures.serverError()).status('FINISHED', 'PUBLISHED');
			await publishContainer(quick.run, target(quick));
			// First backoff step is 1 s with 50–100 % jitter.
			expect(quick.clock.sleeps[0]).toBeGreaterThanOrEqual(500);
			expect(quick.clock.sleeps[0]).toBeLessThanOrEqual(1_000);
		});

		it('a pause that would pass the deadline → outcome unknown without waiting', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.rateLimit(30)).status('FINISHED');
			const details = await publishError(fake, { deadlineAt: fake.clock.now() + 60_000 });
			expect(details.publishOutcomeUnknown).toBe(true);
			expect(fake.clock.sleeps).toEqual([]);
			expect(fake.graph.calls('publish')).toHaveLength(1);
		});

		it('a pause that ends exactly at the deadline is still taken', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.rateLimit(1)).status('FINISHED', 'PUBLISHED');
			await expect(
				publishContainer(fake.run, target(fake, { deadlineAt: fake.clock.now() + 60_000 })),
			).resolves.toEqual({ recovered: true });
			expect(fake.clock.sleeps).toEqual([60_000]);
		});

		it('a cancelled execution during the read-back pause stops with the cancellation, not "unknown"', async () => {
			const fake = fakeRun();
			fake.graph.fail('publish', failures.lostReply()).status('FINISHED');
			fake.clock.abort();
			await expect(publishContainer(fake.run, target(fake))).rejects.toThrow(
				'The execution was cancelled',
			);
			expect(fake.graph.calls('publish')).toHaveLength(1);
		});
	});

	it.each([
		['auth', failures.auth()],
		['permission', { kind: 'permission' as const, code: 10, httpStatus: 400 }],
		['quota', failures.quota()],
		['expired', failures.expired()],
		['invalidRequest', failures.invalidRequest()],
		['invalidMedia', failures.invalidMedia()],
	])('a definite failure (%s) stops at once: no read-back, no retry', async (kind, details) => {
		const fake = fakeRun();
		fake.graph.fail('publish', details);
		const error = await publishError(fake);
		expect(error).toMatchObject({ kind, containerId: CONTAINER });
		expect(error.publishOutcomeUnknown).toBeUndefined();
		expect(fake.graph.sequence).toEqual(['publish']);
	});

	it('"not ready" (9007) → waits for FINISHED, then publishes once more', async () => {
		const fake = fakeRun();
		fake.graph
			.fail('publish', failures.notReady())
			.status('IN_PROGRESS', 'FINISHED')
			.reply('publish', { id: '17920000000000003' });
		await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({
			mediaId: '17920000000000003',
			recovered: false,
		});
		expect(fake.graph.sequence).toEqual(['publish', 'status', 'status', 'publish']);
		expect(fake.clock.sleeps).toEqual([1_000, 1_500]);
	});

	it('"not ready", then the wait finds PUBLISHED → recovered, no second publish', async () => {
		const fake = fakeRun();
		fake.graph.fail('publish', failures.notReady()).status('PUBLISHED');
		await expect(publishContainer(fake.run, target(fake))).resolves.toEqual({ recovered: true });
		expect(fake.graph.calls('publish')).toHaveLength(1);
	});

	it('gives up after 6 publish calls, each one proven not published', async () => {
		const fake = fakeRun();
		for (let call = 1; call <= 5; call++)
			fake.graph.fail('publish', failures.notReady()).status('FINISHED');
		fake.graph.fail('publish', failures.notReady());
		const details = await publishError(fake);
		expect(details.kind).toBe('notReady');
		expect(fake.graph.calls('publish')).toHaveLength(6);
		expect(fake.graph.pending).toBe(0);
	});

	it('a 2xx reply without a valid id is an error, not an undefined media id', async () => {
		const fake = fakeRun();
		fake.graph.reply('publish', { id: 'not-a-number' });
		await expect(publishContainer(fake.run, target(fake))).rejects.toThrow(
			"Instagram's reply to creating the post had no valid ID",
		);
	});
});

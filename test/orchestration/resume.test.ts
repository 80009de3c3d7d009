import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { LedgerContext } from '../../nodes/Instagram/ledger/context';
import { PUBLISH_WINDOW_MS } from '../../nodes/Instagram/ledger/ledger';
import type { AccountLedger, KeyRecord } from '../../nodes/Instagram/ledger/ledger';
import { resumeFromLedger } from '../../nodes/Instagram/ledger/resume';
import type { LedgerEntry } from '../../nodes/Instagram/ledger/resume';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import type { GraphErrorDetails } from '../../nodes/Instagram/transport/errorKinds';
import { failures, fakeRun, testNode } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const ACCOUNT = '17841400000000001';
const CONTAINER = '17890000000000001';
const KEY = 'guid-1';
const WINDOW = 30 * PUBLISH_WINDOW_MS;
const HOUR = 3_600_000;

const entry: LedgerEntry = { accountId: ACCOUNT, key: KEY, keyWindowMs: WINDOW, itemIndex: 4 };

/** A fake run whose shared ledger holds these keys for ACCOUNT (times relative to now). */
function withKeys(keys: Record<string, KeyRecord>, publishedAt: number[] = []): FakeRun {
	const fake = fakeRun();
	fake.staticData.global.instagramLedger = { [ACCOUNT]: { publishedAt, keys } };
	return fake;
}

function stored(fake: FakeRun): AccountLedger {
	return (fake.staticData.global.instagramLedger as unknown as Record<string, AccountLedger>)[
		ACCOUNT
	];
}

/** A pending KEY for CONTAINER, plus another key that must never be touched. */
function withPending(): FakeRun {
	const fake = withKeys({});
	const at = fake.clock.now() - HOUR;
	fake.staticData.global.instagramLedger = {
		[ACCOUNT]: {
			publishedAt: [at],
			keys: {
				[KEY]: { state: 'pending', containerId: CONTAINER, at },
				other: { state: 'pending', containerId: '17890000000000009', at },
			},
		},
	};
	return fake;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	return await promise.then(
		() => {
			throw new Error('expected a rejection');
		},
		(error: unknown) => error,
	);
}

describe('resumeFromLedger: keys the ledger settles without asking Meta', () => {
	it('an unknown key → nothing (start afresh), no request', async () => {
		const fake = withKeys({ other: { state: 'published', containerId: CONTAINER, at: 0 } });
		await expect(resumeFromLedger(fake.run, entry)).resolves.toBeUndefined();
		expect(fake.graph.requests).toEqual([]);
	});

	it('an empty ledger → nothing', async () => {
		const fake = fakeRun();
		await expect(resumeFromLedger(fake.run, entry)).resolves.toBeUndefined();
		expect(fake.staticData.global).toEqual({});
	});

	it('published → done with what the ledger knows, never published again, nothing written', async () => {
		const fake = withKeys({});
		const record: KeyRecord = {
			state: 'published',
			containerId: CONTAINER,
			mediaId: '17920000000000001',
			at: fake.clock.now() - HOUR,
		};
		fake.staticData.global.instagramLedger = {
			[ACCOUNT]: { publishedAt: [], keys: { [KEY]: record } },
		};
		const before = structuredClone(fake.staticData);
		await expect(resumeFromLedger(fake.run, entry)).resolves.toEqual({
			published: { containerId: CONTAINER, mediaId: '17920000000000001' },
		});
		expect(fake.graph.requests).toEqual([]);
		expect(fake.staticData).toEqual(before);
	});

	it('published without ids → done all the same', async () => {
		const fake = withKeys({});
		fake.staticData.global.instagramLedger = {
			[ACCOUNT]: { publishedAt: [], keys: { [KEY]: { state: 'published', at: fake.clock.now() } } },
		};
		await expect(resumeFromLedger(fake.run, entry)).resolves.toEqual({ published: {} });
		expect(fake.graph.requests).toEqual([]);
	});

	it('pending without a container → nothing, no request, the record stays', async () => {
		const fake = withKeys({});
		const record: KeyRecord = { state: 'pending', at: fake.clock.now() - HOUR };
		fake.staticData.global.instagramLedger = {
			[ACCOUNT]: { publishedAt: [], keys: { [KEY]: record } },
		};
		await expect(resumeFromLedger(fake.run, entry)).resolves.toBeUndefined();
		expect(fake.graph.requests).toEqual([]);
		expect(stored(fake).keys[KEY]).toEqual(record);
	});

	it('a key older than the key window is forgotten: nothing, no request', async () => {
		const fake = withKeys({});
		const at = fake.clock.now() - 2 * HOUR;
		fake.staticData.global.instagramLedger = {
			[ACCOUNT]: {
				publishedAt: [],
				keys: { [KEY]: { state: 'published', containerId: CONTAINER, at } },
			},
		};
		await expect(
			resumeFromLedger(fake.run, { ...entry, keyWindowMs: 2 * HOUR }),
		).resolves.toBeUndefined();
		await expect(
			resumeFromLedger(fake.run, { ...entry, keyWindowMs: 2 * HOUR + 1 }),
		).resolves.toEqual({ published: { containerId: CONTAINER } });
	});

	it('reads keys the legacy per-node ledger holds', async () => {
		const fake = fakeRun();
		fake.staticData.node.instagramLedger = {
			[ACCOUNT]: {
				publishedAt: [],
				keys: { [KEY]: { state: 'published', containerId: CONTAINER, at: fake.clock.now() } },
			},
		};
		await expect(resumeFromLedger(fake.run, entry)).resolves.toEqual({
			published: { containerId: CONTAINER },
		});
	});
});

describe('resumeFromLedger: a pending container is read back', () => {
	it('reads the container once, for the item', async () => {
		const fake = withPending();
		fake.graph.status('FINISHED');
		await resumeFromLedger(fake.run, entry);
		expect(fake.graph.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: [CONTAINER],
				qs: { fields: 'id,status_code,status' },
				itemIndex: 4,
			}),
		]);
	});

	it('PUBLISHED → done, and the ledger now says published (and counts the publish)', async () => {
		const fake = withPending();
		const before = structuredClone(stored(fake));
		fake.graph.status('PUBLISHED');
		fake.clock.current += 5_000;
		await expect(resumeFromLedger(fake.run, entry)).resolves.toStrictEqual({
			published: { containerId: CONTAINER },
		});
		expect(stored(fake)).toEqual({
			publishedAt: [...before.publishedAt, fake.clock.now()],
			keys: {
				...before.keys,
				[KEY]: { state: 'published', containerId: CONTAINER, at: fake.clock.now() },
			},
		});
		expect(fake.graph.pending).toBe(0);
	});

	it('PUBLISHED → a second resume answers from the ledger, without asking Meta', async () => {
		const fake = withPending();
		fake.graph.status('PUBLISHED');
		await resumeFromLedger(fake.run, entry);
		await expect(resumeFromLedger(fake.run, entry)).resolves.toEqual({
			published: { containerId: CONTAINER },
		});
		expect(fake.graph.calls('status')).toHaveLength(1);
	});

	it('PUBLISHED → the legacy copy of the account moves to the shared ledger', async () => {
		const fake = fakeRun();
		const at = fake.clock.now() - HOUR;
		fake.staticData.node.instagramLedger = {
			[ACCOUNT]: {
				publishedAt: [],
				keys: { [KEY]: { state: 'pending', containerId: CONTAINER, at } },
			},
		};
		fake.graph.status('PUBLISHED');
		await resumeFromLedger(fake.run, entry);
		expect(stored(fake).keys[KEY]).toMatchObject({ state: 'published', containerId: CONTAINER });
		expect(fake.staticData.node.instagramLedger).toEqual({});
	});

	it('FINISHED → publish that container; the ledger stays as it is', async () => {
		const fake = withPending();
		const before = structuredClone(fake.staticData);
		fake.graph.status('FINISHED');
		await expect(resumeFromLedger(fake.run, entry)).resolves.toStrictEqual({
			finishedContainerId: CONTAINER,
		});
		expect(fake.progress).toEqual([
			`publishing container ${CONTAINER}, created earlier for this item`,
		]);
		expect(fake.staticData).toEqual(before);
	});

	it.each(['EXPIRED', 'ERROR', 'IN_PROGRESS'])(
		'%s → forget the key and start over (other keys and publishes stay)',
		async (code) => {
			const fake = withPending();
			const before = structuredClone(stored(fake));
			fake.graph.status(code);
			await expect(resumeFromLedger(fake.run, entry)).resolves.toBeUndefined();
			expect(stored(fake)).toEqual({
				publishedAt: before.publishedAt,
				keys: { other: before.keys.other },
			});
			expect(fake.progress).toEqual([]);
		},
	);

	it.each<[string, GraphErrorDetails]>([
		['expired', failures.expired()],
		['invalidRequest (unknown id)', failures.invalidRequest()],
	])(
		'a read that fails as %s → the container is gone: forget the key, start over',
		async (_label, details) => {
			const fake = withPending();
			const before = structuredClone(stored(fake));
			fake.graph.fail('status', details);
			await expect(resumeFromLedger(fake.run, entry)).resolves.toBeUndefined();
			expect(stored(fake)).toEqual({
				publishedAt: before.publishedAt,
				keys: { other: before.keys.other },
			});
		},
	);

	it.each<[string, GraphErrorDetails]>([
		['transient', failures.serverError()],
		['lost reply', failures.lostReply()],
		['rateLimit', failures.rateLimit()],
		['auth', failures.auth()],
		['quota', failures.quota()],
		['invalidMedia', failures.invalidMedia()],
		['notReady', failures.notReady()],
		['unknown', failures.unknown()],
	])(
		'any other read failure (%s) stops the item: outcome unknown, with the container id; the key stays',
		async (_label, details) => {
			const fake = withPending();
			const before = structuredClone(fake.staticData);
			fake.graph.fail('status', details);
			const error = await rejection(resumeFromLedger(fake.run, entry));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(graphDetailsOf(error)).toEqual({
				...details,
				containerId: CONTAINER,
				publishOutcomeUnknown: true,
			});
			expect((error as NodeApiError).node).toBe(testNode);
			expect((error as NodeApiError).context.itemIndex).toBe(4);
			expect(fake.staticData).toEqual(before);
		},
	);

	it('a failure that is no Graph error stops the item too, as a node error; the key stays', async () => {
		const fake = withPending();
		const before = structuredClone(fake.staticData);
		const broken: LedgerContext = {
			...fake.run,
			client: {
				request: async () => await Promise.reject(new Error('socket hang up')),
				connection: fake.graph.connection.bind(fake.graph),
			},
		};
		const error = await rejection(resumeFromLedger(broken, entry));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('socket hang up');
		expect((error as NodeOperationError).node).toBe(testNode);
		expect(fake.staticData).toEqual(before);
	});
});

import { PUBLISH_WINDOW_MS, RETRY_KEY_PREFIX } from '../../nodes/Instagram/ledger/ledger';
import type { AccountLedger, KeyRecord } from '../../nodes/Instagram/ledger/ledger';
import { recordSuccessfulPublish } from '../../nodes/Instagram/ledger/record';
import type { PublishedContainer } from '../../nodes/Instagram/ledger/record';
import { fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const ACCOUNT = '17841400000000001';
const OTHER = '17841400000000002';
const CONTAINER = '17890000000000001';
const MEDIA = '17920000000000001';
const WINDOW = 30 * PUBLISH_WINDOW_MS;
const HOUR = 3_600_000;

const target: PublishedContainer = {
	accountId: ACCOUNT,
	containerId: CONTAINER,
	keyWindowMs: WINDOW,
};

function ledgers(fake: FakeRun): Record<string, AccountLedger> {
	return fake.staticData.global.instagramLedger as unknown as Record<string, AccountLedger>;
}

function withKeys(keys: Record<string, KeyRecord>): FakeRun {
	const fake = fakeRun();
	fake.staticData.global.instagramLedger = { [ACCOUNT]: { publishedAt: [], keys } };
	return fake;
}

describe('recordSuccessfulPublish', () => {
	it("counts the publish against this execution's quota, for that account only", async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', { data: [{ quota_usage: 3, config: { quota_total: 100 } }] });
		fake.graph.reply('quota', { data: [{ quota_usage: 3, config: { quota_total: 100 } }] });
		await expect(fake.run.quota.current(ACCOUNT, 0, WINDOW)).resolves.toMatchObject({ used: 3 });
		recordSuccessfulPublish(fake.run, target, MEDIA);
		// Meta's 3 plus this publish; the ledger alone would say 1.
		await expect(fake.run.quota.current(ACCOUNT, 1, WINDOW)).resolves.toMatchObject({
			used: 4,
			remaining: 96,
		});
		await expect(fake.run.quota.current(OTHER, 2, WINDOW)).resolves.toMatchObject({ used: 3 });
	});

	it('with the item key: remembers it as published, with container and media, at now', () => {
		const fake = fakeRun();
		fake.clock.current += 1_234;
		recordSuccessfulPublish(fake.run, { ...target, key: 'guid-1' }, MEDIA);
		expect(ledgers(fake)).toEqual({
			[ACCOUNT]: {
				publishedAt: [fake.clock.now()],
				keys: {
					'guid-1': {
						state: 'published',
						containerId: CONTAINER,
						mediaId: MEDIA,
						at: fake.clock.now(),
					},
				},
			},
		});
	});

	it('without an item key: the pending key that created the container becomes published', () => {
		const fake = fakeRun();
		const at = fake.clock.now() - HOUR;
		fake.staticData.global.instagramLedger = {
			[ACCOUNT]: {
				publishedAt: [],
				keys: {
					'guid-1': { state: 'pending', containerId: CONTAINER, at },
					'guid-2': { state: 'pending', containerId: '17890000000000002', at },
				},
			},
		};
		recordSuccessfulPublish(fake.run, target, MEDIA);
		expect(ledgers(fake)[ACCOUNT].keys).toEqual({
			'guid-1': {
				state: 'published',
				containerId: CONTAINER,
				mediaId: MEDIA,
				at: fake.clock.now(),
			},
			'guid-2': { state: 'pending', containerId: '17890000000000002', at },
		});
	});

	it("the item's own key wins over the key the ledger knows for the container", () => {
		const at = fakeRun().clock.now() - HOUR;
		const fake = withKeys({ 'guid-old': { state: 'pending', containerId: CONTAINER, at } });
		recordSuccessfulPublish(fake.run, { ...target, key: 'guid-new' }, MEDIA);
		expect(ledgers(fake)[ACCOUNT].keys).toEqual({
			'guid-old': { state: 'pending', containerId: CONTAINER, at },
			'guid-new': {
				state: 'published',
				containerId: CONTAINER,
				mediaId: MEDIA,
				at: fake.clock.now(),
			},
		});
	});

	it('without any key: counts the publish and remembers no key', () => {
		const fake = fakeRun();
		recordSuccessfulPublish(fake.run, target, undefined);
		expect(ledgers(fake)).toEqual({ [ACCOUNT]: { publishedAt: [fake.clock.now()], keys: {} } });
	});

	it('without a media id: still published, the media id unknown', () => {
		const fake = fakeRun();
		recordSuccessfulPublish(fake.run, { ...target, key: 'guid-1' }, undefined);
		expect(ledgers(fake)[ACCOUNT].keys['guid-1']).toEqual({
			state: 'published',
			containerId: CONTAINER,
			at: fake.clock.now(),
		});
	});

	it('writes to the shared ledger and moves the account out of the legacy one', () => {
		const fake = fakeRun();
		const at = fake.clock.now() - HOUR;
		fake.staticData.node.instagramLedger = {
			[ACCOUNT]: {
				publishedAt: [at],
				keys: { 'guid-1': { state: 'pending', containerId: CONTAINER, at } },
			},
		};
		recordSuccessfulPublish(fake.run, target, MEDIA);
		expect(ledgers(fake)[ACCOUNT]).toEqual({
			publishedAt: [at, fake.clock.now()],
			keys: {
				'guid-1': {
					state: 'published',
					containerId: CONTAINER,
					mediaId: MEDIA,
					at: fake.clock.now(),
				},
			},
		});
		expect(fake.staticData.node.instagramLedger).toEqual({});
	});

	it('uses the key window of the target when it reads the ledger', () => {
		const at = fakeRun().clock.now() - 2 * HOUR;
		const fake = withKeys({ 'guid-1': { state: 'pending', containerId: CONTAINER, at } });
		recordSuccessfulPublish(fake.run, { ...target, keyWindowMs: 2 * HOUR }, MEDIA);
		// The pending key had aged out of the window, so nothing links the publish to it.
		expect(ledgers(fake)[ACCOUNT].keys).toEqual({});
	});

	it('makes no request', () => {
		const fake = fakeRun();
		recordSuccessfulPublish(fake.run, { ...target, key: 'guid-1' }, MEDIA);
		expect(fake.graph.requests).toEqual([]);
	});
});

describe("recordSuccessfulPublish in n8n's deduplication store", () => {
	it('marks the key it was given, or the one the ledger knows for the container', async () => {
		const given = fakeRun();
		await recordSuccessfulPublish(given.run, { ...target, key: 'rss-1' }, MEDIA);
		expect([...given.marks]).toEqual([`${ACCOUNT}:rss-1`]);

		const known = withKeys({
			reel: { state: 'pending', containerId: CONTAINER, at: fakeRun().clock.now() },
		});
		await recordSuccessfulPublish(known.run, target, MEDIA);
		expect([...known.marks]).toEqual([`${ACCOUNT}:reel`]);
	});

	it('marks nothing for a container without a key, nor for a Retry On Fail guard key', async () => {
		const none = fakeRun();
		await recordSuccessfulPublish(none.run, target, MEDIA);
		expect(none.marks.size).toBe(0);
		const guard = fakeRun();
		await recordSuccessfulPublish(
			guard.run,
			{ ...target, key: `${RETRY_KEY_PREFIX}exec-1:0:abc` },
			MEDIA,
		);
		expect(guard.marks.size).toBe(0);
	});
});

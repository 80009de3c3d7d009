import type { IDataObject } from 'n8n-workflow';

import { emptyAccount } from '../../nodes/Instagram/ledger/ledger';
import type { AccountLedger, KeyRecord } from '../../nodes/Instagram/ledger/ledger';
import { LedgerStore, STATIC_DATA_KEY } from '../../nodes/Instagram/ledger/store';
import { fakeRun } from './scriptedGraph';

const ACCOUNT = '17841400000000001';
const OTHER = '17841400000000002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW = 30 * DAY;
const now = 1_700_000_000_000;

const published = (at: number, containerId?: string): KeyRecord => ({
	state: 'published',
	at,
	...(containerId ? { containerId } : {}),
});
const ledger = (publishedAt: number[], keys: Record<string, KeyRecord> = {}): AccountLedger => ({
	publishedAt,
	keys,
});
/** Static data holding the given accounts under the ledger's key. */
const holding = (accounts: Record<string, unknown>): IDataObject => ({
	instagramLedger: accounts as IDataObject,
});

describe('LedgerStore.read', () => {
	it('uses the "instagramLedger" key of static data', () => {
		expect(STATIC_DATA_KEY).toBe('instagramLedger');
	});

	it('reads the shared ledger of the account', () => {
		const shared = holding({ [ACCOUNT]: ledger([now - 1], { k: published(now - 1) }) });
		expect(new LedgerStore(shared, {}).read(ACCOUNT, now, WINDOW)).toEqual(
			ledger([now - 1], { k: published(now - 1) }),
		);
	});

	it('reads a ledger that only the legacy per-node data holds', () => {
		const legacy = holding({ [ACCOUNT]: ledger([now - 2], { old: published(now - 2) }) });
		expect(new LedgerStore({}, legacy).read(ACCOUNT, now, WINDOW)).toEqual(
			ledger([now - 2], { old: published(now - 2) }),
		);
	});

	it('merges both: publishes added up, keys from both, the later record of a key wins', () => {
		const shared = holding({
			[ACCOUNT]: ledger([now - 1], { both: published(now - 5, 'shared'), s: published(now - 1) }),
		});
		const legacy = holding({
			[ACCOUNT]: ledger([now - 3], { both: published(now - 4, 'legacy'), l: published(now - 3) }),
		});
		expect(new LedgerStore(shared, legacy).read(ACCOUNT, now, WINDOW)).toEqual(
			ledger([now - 3, now - 1], {
				both: published(now - 4, 'legacy'),
				s: published(now - 1),
				l: published(now - 3),
			}),
		);
	});

	it('on equal times the shared record of a key is kept', () => {
		const shared = holding({ [ACCOUNT]: ledger([], { k: published(now - 1, 'shared') }) });
		const legacy = holding({ [ACCOUNT]: ledger([], { k: published(now - 1, 'legacy') }) });
		expect(new LedgerStore(shared, legacy).read(ACCOUNT, now, WINDOW).keys.k.containerId).toBe(
			'shared',
		);
	});

	it('an account in neither → an empty ledger; other accounts are not mixed in', () => {
		const shared = holding({ [OTHER]: ledger([now - 1]) });
		const legacy = holding({ [OTHER]: ledger([now - 2]) });
		expect(new LedgerStore(shared, legacy).read(ACCOUNT, now, WINDOW)).toStrictEqual(
			emptyAccount(),
		);
		expect(new LedgerStore({}, {}).read(ACCOUNT, now, WINDOW)).toStrictEqual(emptyAccount());
	});

	it('works without legacy data (a store for the shared ledger only)', () => {
		const shared = holding({ [ACCOUNT]: ledger([now - 1]) });
		expect(new LedgerStore(shared).read(ACCOUNT, now, WINDOW)).toEqual(ledger([now - 1]));
		expect(new LedgerStore({}).read(ACCOUNT, now, WINDOW)).toStrictEqual(emptyAccount());
	});

	it('prunes what it reads with the given time and key window, and changes nothing stored', () => {
		const shared = holding({
			[ACCOUNT]: ledger([now - DAY, now - 1], {
				stale: published(now - 2 * HOUR),
				fresh: published(now - HOUR + 1),
			}),
		});
		const legacy = holding({ [ACCOUNT]: ledger([now - DAY - 1]) });
		const before = structuredClone({ shared, legacy });
		expect(new LedgerStore(shared, legacy).read(ACCOUNT, now, HOUR)).toEqual(
			ledger([now - 1], { fresh: published(now - HOUR + 1) }),
		);
		expect({ shared, legacy }).toEqual(before);
	});

	it.each<[string, unknown]>([
		['null', null],
		['a number', 5],
		['a string', 'ledger'],
		['publishedAt missing', { keys: {} }],
		['publishedAt not a list', { publishedAt: 'abc', keys: {} }],
		['keys missing', { publishedAt: [now - 1] }],
		['keys null', { publishedAt: [now - 1], keys: null }],
		['keys not an object', { publishedAt: [now - 1], keys: 'abc' }],
	])('an account entry that is no ledger (%s) reads as empty', (_label, entry) => {
		const shared = holding({ [ACCOUNT]: entry });
		expect(new LedgerStore(shared, {}).read(ACCOUNT, now, WINDOW)).toStrictEqual(emptyAccount());
		const legacy = holding({ [ACCOUNT]: entry });
		expect(new LedgerStore({}, legacy).read(ACCOUNT, now, WINDOW)).toStrictEqual(emptyAccount());
	});

	it('a malformed legacy entry does not hide the shared ledger', () => {
		const shared = holding({ [ACCOUNT]: ledger([now - 1]) });
		const legacy = holding({ [ACCOUNT]: { publishedAt: [now - 2], keys: 'abc' } });
		expect(new LedgerStore(shared, legacy).read(ACCOUNT, now, WINDOW)).toEqual(ledger([now - 1]));
	});

	it.each<[string, unknown]>([
		['null', null],
		['a list', [ledger([now - 1])]],
		['a string', 'ledger'],
		['a number', 7],
	])('a ledger key holding %s reads as no accounts', (_label, value) => {
		const store = new LedgerStore(
			{ instagramLedger: value as IDataObject },
			{
				instagramLedger: value as IDataObject,
			},
		);
		expect(store.read(ACCOUNT, now, WINDOW)).toStrictEqual(emptyAccount());
		expect(store.read('0', now, WINDOW)).toStrictEqual(emptyAccount());
	});
});

describe('LedgerStore.write: always to the shared ledger', () => {
	it('writes the account under the ledger key of the shared data, next to the other accounts', () => {
		const other = ledger([now - 5]);
		const shared = holding({ [OTHER]: other });
		const legacy: IDataObject = {};
		new LedgerStore(shared, legacy).write(ACCOUNT, ledger([now]));
		expect(shared).toEqual({ instagramLedger: { [OTHER]: other, [ACCOUNT]: ledger([now]) } });
		expect(legacy).toEqual({});
	});

	it('replaces the top-level value (what tells n8n the static data changed)', () => {
		const shared = holding({ [ACCOUNT]: ledger([now - 5]) });
		const before = shared.instagramLedger;
		new LedgerStore(shared).write(ACCOUNT, ledger([now]));
		expect(shared.instagramLedger).not.toBe(before);
		expect(before).toEqual({ [ACCOUNT]: ledger([now - 5]) });
		expect(shared.instagramLedger).toEqual({ [ACCOUNT]: ledger([now]) });
	});

	it.each<[string, unknown]>([
		['a list', ['junk']],
		['a string', 'junk'],
		['null', null],
	])('replaces a ledger key holding %s', (_label, value) => {
		const shared: IDataObject = { instagramLedger: value as IDataObject };
		new LedgerStore(shared).write(ACCOUNT, ledger([now]));
		expect(shared).toEqual({ instagramLedger: { [ACCOUNT]: ledger([now]) } });
	});

	it('moves the account out of the legacy data and keeps its other accounts there', () => {
		const kept = ledger([now - 9]);
		const legacy = holding({ [ACCOUNT]: ledger([now - 1]), [OTHER]: kept });
		const shared: IDataObject = {};
		new LedgerStore(shared, legacy).write(ACCOUNT, ledger([now - 1, now]));
		expect(shared).toEqual({ instagramLedger: { [ACCOUNT]: ledger([now - 1, now]) } });
		expect(legacy).toEqual({ instagramLedger: { [OTHER]: kept } });
	});

	it('leaves legacy data without this account untouched (not even rewritten)', () => {
		const legacy = holding({ [OTHER]: ledger([now - 9]) });
		const before = legacy.instagramLedger;
		new LedgerStore({}, legacy).write(ACCOUNT, ledger([now]));
		expect(legacy.instagramLedger).toBe(before);
		expect(legacy).toEqual(holding({ [OTHER]: ledger([now - 9]) }));

		const empty: IDataObject = {};
		new LedgerStore({}, empty).write(ACCOUNT, ledger([now]));
		expect(empty).toEqual({});
	});

	it('leaves a malformed legacy entry of the account where it is', () => {
		const legacy = holding({ [ACCOUNT]: { publishedAt: 'abc' } });
		new LedgerStore({}, legacy).write(ACCOUNT, ledger([now]));
		expect(legacy).toEqual(holding({ [ACCOUNT]: { publishedAt: 'abc' } }));
	});

	it('works without legacy data', () => {
		const shared: IDataObject = {};
		new LedgerStore(shared).write(ACCOUNT, ledger([now]));
		expect(shared).toEqual({ instagramLedger: { [ACCOUNT]: ledger([now]) } });
	});
});

describe('LedgerStore.update', () => {
	it('changes the merged, pruned ledger, writes it to the shared data and returns it', () => {
		const shared = holding({ [ACCOUNT]: ledger([now - 1], { s: published(now - 1) }) });
		const legacy = holding({
			[ACCOUNT]: ledger([now - 2 * DAY, now - 2], { l: published(now - 2) }),
			[OTHER]: ledger([now - 3]),
		});
		const seen: AccountLedger[] = [];
		const next = new LedgerStore(shared, legacy).update(ACCOUNT, now, WINDOW, (current) => {
			seen.push(current);
			return { ...current, publishedAt: [...current.publishedAt, now] };
		});
		const expected = ledger([now - 2, now - 1, now], {
			s: published(now - 1),
			l: published(now - 2),
		});
		expect(seen).toEqual([
			ledger([now - 2, now - 1], { s: published(now - 1), l: published(now - 2) }),
		]);
		expect(next).toEqual(expected);
		expect(shared).toEqual({ instagramLedger: { [ACCOUNT]: expected } });
		expect(legacy).toEqual({ instagramLedger: { [OTHER]: ledger([now - 3]) } });
	});

	it('a later read sees what update wrote, and the legacy copy is not counted twice', () => {
		const legacy = holding({ [ACCOUNT]: ledger([now - 2]) });
		const store = new LedgerStore({}, legacy);
		store.update(ACCOUNT, now, WINDOW, (current) => ({
			...current,
			publishedAt: [...current.publishedAt, now],
		}));
		expect(store.read(ACCOUNT, now, WINDOW)).toEqual(ledger([now - 2, now]));
	});

	it('is what the fake run uses: global is shared, node is legacy', () => {
		const fake = fakeRun({
			staticData: { global: {}, node: holding({ [ACCOUNT]: ledger([now - 2]) }) },
		});
		fake.run.ledger.update(ACCOUNT, now, WINDOW, (current) => current);
		expect(fake.staticData.global).toEqual(holding({ [ACCOUNT]: ledger([now - 2]) }));
		expect(fake.staticData.node).toEqual(holding({}));
	});
});

import {
	emptyAccount,
	forgetKey,
	keyForContainer,
	MAX_IDEMPOTENCY_KEYS,
	MAX_PUBLISH_TIMESTAMPS,
	MAX_RETRY_KEYS,
	mergeAccounts,
	nextSlotFreesAt,
	PUBLISH_WINDOW_MS,
	pruneAccount,
	publishesInWindow,
	recordPending,
	recordPublished,
	RETRY_KEY_PREFIX,
	RETRY_KEY_WINDOW_MS,
} from '../../nodes/Instagram/ledger/ledger';
import type { KeyRecord } from '../../nodes/Instagram/ledger/ledger';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = 1_800_000_000_000;

describe('ledger', () => {
	it('counts publishes in the rolling 24 h window only', () => {
		const account = { publishedAt: [now - 25 * HOUR, now - 23 * HOUR, now - HOUR], keys: {} };
		expect(publishesInWindow(account, now)).toBe(2);
		expect(nextSlotFreesAt(account, now)).toBe(now - 23 * HOUR + PUBLISH_WINDOW_MS);
		expect(nextSlotFreesAt(emptyAccount(), now)).toBeUndefined();
	});

	it('prunes old publishes and keys and caps sizes', () => {
		const keys = {
			old: { state: 'published' as const, at: now - 31 * DAY },
			fresh: { state: 'published' as const, at: now - DAY },
		};
		const publishedAt = [
			now - 2 * DAY,
			...Array.from({ length: MAX_PUBLISH_TIMESTAMPS + 5 }, (_, i) => now - i),
		];
		const pruned = pruneAccount({ publishedAt, keys }, now, 30 * DAY);
		expect(Object.keys(pruned.keys)).toEqual(['fresh']);
		expect(pruned.publishedAt).toHaveLength(MAX_PUBLISH_TIMESTAMPS);
		expect(pruned.publishedAt.every((at) => now - at < DAY)).toBe(true);
	});

	it('remembers a key from pending to published', () => {
		let account = recordPending(emptyAccount(), 'guid-1', '1789', now);
		expect(account.keys['guid-1']).toEqual({ state: 'pending', containerId: '1789', at: now });
		expect(keyForContainer(account, '1789')).toBe('guid-1');
		account = recordPublished(account, now + 1, {
			key: 'guid-1',
			containerId: '1789',
			mediaId: '1792',
		});
		expect(account.keys['guid-1']).toEqual({
			state: 'published',
			containerId: '1789',
			mediaId: '1792',
			at: now + 1,
		});
		expect(account.publishedAt).toEqual([now + 1]);
		expect(forgetKey(account, 'guid-1').keys).toEqual({});
	});

	it('counts publishes without a key too', () => {
		const account = recordPublished(emptyAccount(), now, { containerId: '1789' });
		expect(account.keys).toEqual({});
		expect(publishesInWindow(account, now)).toBe(1);
	});

	it("keeps Retry On Fail guard keys apart: 24 h window, own cap, never evicting users' keys", () => {
		const own = Object.fromEntries(
			Array.from({ length: MAX_IDEMPOTENCY_KEYS }, (_, i) => [
				`guid-${i}`,
				{ state: 'published' as const, at: now - DAY - i },
			]),
		);
		const guards = Object.fromEntries(
			Array.from({ length: MAX_RETRY_KEYS + 50 }, (_, i) => [
				`retry:exec-${i}:0:abc`,
				{ state: 'published' as const, at: now - i },
			]),
		);
		const stale = { 'retry:old:0:abc': { state: 'published' as const, at: now - DAY - 1 } };
		const pruned = pruneAccount(
			{ publishedAt: [], keys: { ...own, ...guards, ...stale } },
			now,
			30 * DAY,
		);
		const keys = Object.keys(pruned.keys);
		expect(keys.filter((key) => key.startsWith('guid-'))).toHaveLength(MAX_IDEMPOTENCY_KEYS);
		expect(keys.filter((key) => key.startsWith('retry:'))).toHaveLength(MAX_RETRY_KEYS);
		expect(keys).not.toContain('retry:old:0:abc');
		expect(keys).toContain('retry:exec-0:0:abc');
	});
});

const published = (at: number): KeyRecord => ({ state: 'published', at });
const pending = (at: number, containerId = '1789'): KeyRecord => ({
	state: 'pending',
	containerId,
	at,
});
const manyKeys = (prefix: string, count: number, at: (i: number) => number) =>
	Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, published(at(i))]));

describe('ledger constants', () => {
	it('a 24 h publish window, the Retry On Fail window equal to it, and the "retry:" prefix', () => {
		expect(PUBLISH_WINDOW_MS).toBe(86_400_000);
		expect(RETRY_KEY_WINDOW_MS).toBe(86_400_000);
		expect(RETRY_KEY_PREFIX).toBe('retry:');
		expect([MAX_PUBLISH_TIMESTAMPS, MAX_IDEMPOTENCY_KEYS, MAX_RETRY_KEYS]).toEqual([200, 500, 100]);
	});

	it('an empty account has no publishes and no keys (a fresh object each time)', () => {
		expect(emptyAccount()).toStrictEqual({ publishedAt: [], keys: {} });
		const first = emptyAccount();
		first.publishedAt.push(now);
		expect(emptyAccount().publishedAt).toEqual([]);
	});
});

describe('pruneAccount: publishes', () => {
	it.each([
		['exactly 24 h ago', now - DAY, false],
		['1 ms short of 24 h', now - DAY + 1, true],
		['1 ms past 24 h', now - DAY - 1, false],
		['just now', now, true],
	])('a publish %s is kept: %s', (_label, at, kept) => {
		const pruned = pruneAccount({ publishedAt: [at], keys: {} }, now, 30 * DAY);
		expect(pruned.publishedAt).toEqual(kept ? [at] : []);
	});

	it('sorts the publishes, oldest first', () => {
		const publishedAt = [now - 3, now - 1, now - 5, now - 2];
		expect(pruneAccount({ publishedAt, keys: {} }, now, DAY).publishedAt).toEqual([
			now - 5,
			now - 3,
			now - 2,
			now - 1,
		]);
	});

	it('keeps exactly the cap; one more drops the oldest, whatever the input order', () => {
		const atCap = Array.from({ length: MAX_PUBLISH_TIMESTAMPS }, (_, i) => now - i);
		expect(pruneAccount({ publishedAt: atCap, keys: {} }, now, DAY).publishedAt).toHaveLength(
			MAX_PUBLISH_TIMESTAMPS,
		);
		const overCap = [...atCap, now - 1_000];
		const pruned = pruneAccount({ publishedAt: overCap, keys: {} }, now, DAY).publishedAt;
		expect(pruned).toHaveLength(MAX_PUBLISH_TIMESTAMPS);
		expect(pruned).not.toContain(now - 1_000);
		expect(pruned[0]).toBe(now - (MAX_PUBLISH_TIMESTAMPS - 1));
		expect(pruned[MAX_PUBLISH_TIMESTAMPS - 1]).toBe(now);
	});

	it('does not change the account it is given', () => {
		const account = {
			publishedAt: [now - 1, now - 2 * DAY],
			keys: { old: published(now - 40 * DAY) },
		};
		const copy = structuredClone(account);
		pruneAccount(account, now, 30 * DAY);
		expect(account).toEqual(copy);
	});
});

describe("pruneAccount: users' own keys", () => {
	it.each([
		['exactly the key window ago', now - 7 * DAY, false],
		['1 ms short of the key window', now - 7 * DAY + 1, true],
		['older than 24 h but inside the window', now - 2 * DAY, true],
	])('a key last changed %s is kept: %s', (_label, at, kept) => {
		const pruned = pruneAccount({ publishedAt: [], keys: { 'guid-1': pending(at) } }, now, 7 * DAY);
		expect(pruned.keys).toEqual(kept ? { 'guid-1': pending(at) } : {});
	});

	it('keeps exactly the cap; one more drops the least recently changed', () => {
		const atCap = manyKeys('guid-', MAX_IDEMPOTENCY_KEYS, (i) => now - i);
		expect(Object.keys(pruneAccount({ publishedAt: [], keys: atCap }, now, DAY).keys)).toHaveLength(
			MAX_IDEMPOTENCY_KEYS,
		);
		// The oldest key comes first in the input, so only sorting finds it.
		const keys = { oldest: published(now - 1_000), ...atCap };
		const pruned = Object.keys(pruneAccount({ publishedAt: [], keys }, now, DAY).keys);
		expect(pruned).toHaveLength(MAX_IDEMPOTENCY_KEYS);
		expect(pruned).not.toContain('oldest');
		expect(pruned).toContain(`guid-${MAX_IDEMPOTENCY_KEYS - 1}`);
		expect(pruned).toContain('guid-0');
	});

	it('keeps the records themselves unchanged', () => {
		const keys = { a: pending(now - 5, 'c-1'), b: { ...published(now - 3), mediaId: 'm-1' } };
		expect(pruneAccount({ publishedAt: [], keys }, now, DAY).keys).toEqual(keys);
	});
});

describe('pruneAccount: Retry On Fail guard keys (own 24 h window, own cap)', () => {
	it.each([
		['exactly 24 h ago', now - DAY, false],
		['1 ms short of 24 h', now - DAY + 1, true],
	])('with a 30-day key window, a guard key %s is kept: %s', (_label, at, kept) => {
		const keys = { 'retry:exec-1:0:abc': published(at), 'guid-1': published(at) };
		const pruned = pruneAccount({ publishedAt: [], keys }, now, 30 * DAY);
		expect(Object.keys(pruned.keys).sort()).toEqual(
			kept ? ['guid-1', 'retry:exec-1:0:abc'] : ['guid-1'],
		);
	});

	it('a key window shorter than 24 h does not shorten the guard window', () => {
		const keys = {
			'retry:exec-1:0:abc': published(now - 2 * HOUR),
			'guid-1': published(now - 2 * HOUR),
		};
		const pruned = pruneAccount({ publishedAt: [], keys }, now, HOUR);
		expect(Object.keys(pruned.keys)).toEqual(['retry:exec-1:0:abc']);
	});

	it('keeps exactly the guard cap; one more drops the oldest guard', () => {
		const atCap = manyKeys('retry:exec-', MAX_RETRY_KEYS, (i) => now - i);
		expect(Object.keys(pruneAccount({ publishedAt: [], keys: atCap }, now, DAY).keys)).toHaveLength(
			MAX_RETRY_KEYS,
		);
		const keys = { 'retry:oldest': published(now - 1_000), ...atCap };
		const pruned = Object.keys(pruneAccount({ publishedAt: [], keys }, now, DAY).keys);
		expect(pruned).toHaveLength(MAX_RETRY_KEYS);
		expect(pruned).not.toContain('retry:oldest');
		expect(pruned).toContain(`retry:exec-${MAX_RETRY_KEYS - 1}`);
	});

	it("a full batch of guards and a full set of users' keys are all kept", () => {
		const own = manyKeys('guid-', MAX_IDEMPOTENCY_KEYS, (i) => now - HOUR - i);
		const guards = manyKeys('retry:exec-', MAX_RETRY_KEYS, (i) => now - i);
		const pruned = pruneAccount({ publishedAt: [], keys: { ...guards, ...own } }, now, 30 * DAY);
		expect(Object.keys(pruned.keys)).toHaveLength(MAX_IDEMPOTENCY_KEYS + MAX_RETRY_KEYS);
	});

	it('only a key that starts with the prefix is a guard', () => {
		const keys = { 'my-retry:1': published(now - 2 * DAY), 'retry:1': published(now - 2 * DAY) };
		expect(Object.keys(pruneAccount({ publishedAt: [], keys }, now, 30 * DAY).keys)).toEqual([
			'my-retry:1',
		]);
	});
});

describe('mergeAccounts', () => {
	it('adds up the publishes of both (each location counted its own), first then second', () => {
		const merged = mergeAccounts(
			{ publishedAt: [now - 2, now - 1], keys: {} },
			{ publishedAt: [now - 3], keys: {} },
		);
		expect(merged.publishedAt).toEqual([now - 2, now - 1, now - 3]);
	});

	it('keeps the keys found in only one of them', () => {
		const merged = mergeAccounts(
			{ publishedAt: [], keys: { a: pending(now - 5, 'c-a') } },
			{ publishedAt: [], keys: { b: published(now - 9) } },
		);
		expect(merged.keys).toEqual({ a: pending(now - 5, 'c-a'), b: published(now - 9) });
	});

	it.each([
		['the first is later', now - 1, now - 2, 'first'],
		['the second is later', now - 2, now - 1, 'second'],
		[
			'both have the same time (the first, i.e. the shared ledger, is kept)',
			now - 1,
			now - 1,
			'first',
		],
	])('for a key in both, the later record wins: %s', (_label, firstAt, secondAt, winner) => {
		const first = { publishedAt: [], keys: { k: pending(firstAt, 'from-first') } };
		const second = { publishedAt: [], keys: { k: pending(secondAt, 'from-second') } };
		expect(mergeAccounts(first, second).keys.k.containerId).toBe(`from-${winner}`);
	});

	it('changes neither input', () => {
		const first = { publishedAt: [now], keys: { k: pending(now - 1, 'x') } };
		const second = { publishedAt: [now - 1], keys: { k: pending(now, 'y') } };
		const copies = structuredClone([first, second]);
		mergeAccounts(first, second);
		expect([first, second]).toEqual(copies);
	});
});

describe('publishesInWindow and nextSlotFreesAt', () => {
	it.each([
		['exactly 24 h ago', [now - DAY], 0, undefined],
		['1 ms short of 24 h', [now - DAY + 1], 1, now + 1],
		[
			'several, unsorted: the oldest in the window frees first',
			[now - HOUR, now - 5 * HOUR, now - 2 * HOUR, now - 30 * HOUR],
			3,
			now - 5 * HOUR + DAY,
		],
		['none', [], 0, undefined],
	])('%s → %s in the window, next slot at %s', (_label, publishedAt, count, freesAt) => {
		const account = { publishedAt, keys: {} };
		expect(publishesInWindow(account, now)).toBe(count);
		expect(nextSlotFreesAt(account, now)).toBe(freesAt);
	});
});

describe('recording keys', () => {
	it('recordPending keeps the publishes and the other keys, and changes nothing in place', () => {
		const account = { publishedAt: [now - 1], keys: { other: published(now - 2) } };
		const copy = structuredClone(account);
		expect(recordPending(account, 'guid-1', 'c-1', now)).toStrictEqual({
			publishedAt: [now - 1],
			keys: {
				other: published(now - 2),
				'guid-1': { state: 'pending', containerId: 'c-1', at: now },
			},
		});
		expect(account).toEqual(copy);
	});

	it('recordPublished keeps the other keys, replaces the pending record and changes nothing in place', () => {
		const account = {
			publishedAt: [now - 2],
			keys: { other: published(now - 2), 'guid-1': pending(now - 1, 'c-1') },
		};
		const copy = structuredClone(account);
		expect(
			recordPublished(account, now, { key: 'guid-1', containerId: 'c-1', mediaId: 'm-1' }),
		).toStrictEqual({
			publishedAt: [now - 2, now],
			keys: {
				other: published(now - 2),
				'guid-1': { state: 'published', containerId: 'c-1', mediaId: 'm-1', at: now },
			},
		});
		expect(account).toEqual(copy);
	});

	it('recordPublished with an empty key counts the publish and remembers no key', () => {
		expect(recordPublished(emptyAccount(), now, { key: '', containerId: 'c-1' })).toStrictEqual({
			publishedAt: [now],
			keys: {},
		});
	});

	it('recordPublished at the cap drops the oldest publish and keeps the new one', () => {
		const publishedAt = Array.from({ length: MAX_PUBLISH_TIMESTAMPS }, (_, i) => now - 1_000 + i);
		const next = recordPublished({ publishedAt, keys: {} }, now, { containerId: 'c-1' });
		expect(next.publishedAt).toHaveLength(MAX_PUBLISH_TIMESTAMPS);
		expect(next.publishedAt[0]).toBe(now - 999);
		expect(next.publishedAt[MAX_PUBLISH_TIMESTAMPS - 1]).toBe(now);
	});

	it('forgetKey drops only that key, keeps the publishes and changes nothing in place', () => {
		const account = { publishedAt: [now], keys: { a: published(now), b: pending(now) } };
		const copy = structuredClone(account);
		expect(forgetKey(account, 'a')).toStrictEqual({
			publishedAt: [now],
			keys: { b: pending(now) },
		});
		expect(account).toEqual(copy);
		expect(forgetKey(account, 'missing')).toEqual(copy);
	});

	it('keyForContainer finds the key that created a container, or nothing', () => {
		const account = {
			publishedAt: [],
			keys: { a: pending(now, 'c-a'), b: pending(now, 'c-b'), c: published(now) },
		};
		expect(keyForContainer(account, 'c-b')).toBe('b');
		expect(keyForContainer(account, 'c-a')).toBe('a');
		expect(keyForContainer(account, 'c-z')).toBeUndefined();
		expect(keyForContainer(emptyAccount(), 'c-a')).toBeUndefined();
	});
});

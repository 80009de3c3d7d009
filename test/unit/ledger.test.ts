import {
	emptyAccount,
	forgetKey,
	keyForContainer,
	MAX_IDEMPOTENCY_KEYS,
	MAX_PUBLISH_TIMESTAMPS,
	MAX_RETRY_KEYS,
	nextSlotFreesAt,
	PUBLISH_WINDOW_MS,
	pruneAccount,
	publishesInWindow,
	recordPending,
	recordPublished,
} from '../../nodes/Instagram/ledger/ledger';

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

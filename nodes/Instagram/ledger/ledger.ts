/**
 * The per-account ledger kept in workflow static data. Advisory only: n8n persists static data
 * after non-manual executions and the last writer wins, so Meta's content_publishing_limit stays
 * the authority. Every function is pure and takes `now`.
 */
export const PUBLISH_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_PUBLISH_TIMESTAMPS = 200;
export const MAX_IDEMPOTENCY_KEYS = 500;
export const DEFAULT_KEY_WINDOW_DAYS = 30;
/** Keys the node makes itself to guard n8n's Retry On Fail within one execution (see retryGuard.ts). */
export const RETRY_KEY_PREFIX = 'retry:';
export const RETRY_KEY_WINDOW_MS = PUBLISH_WINDOW_MS;
export const MAX_RETRY_KEYS = 100;

export interface KeyRecord {
	state: 'pending' | 'published';
	containerId?: string;
	mediaId?: string;
	/** Epoch ms of the last change. */
	at: number;
}

export interface AccountLedger {
	publishedAt: number[];
	keys: Record<string, KeyRecord>;
}

export const emptyAccount = (): AccountLedger => ({ publishedAt: [], keys: {} });

/**
 * Drops publishes older than 24 h and keys older than their window; caps every list. Retry-guard
 * keys have their own short window and cap, so a large batch never evicts users' own keys.
 */
export function pruneAccount(
	account: AccountLedger,
	now: number,
	keyWindowMs: number,
): AccountLedger {
	const publishedAt = account.publishedAt
		.filter((at) => now - at < PUBLISH_WINDOW_MS)
		.sort((a, b) => a - b)
		.slice(-MAX_PUBLISH_TIMESTAMPS);
	const entries = Object.entries(account.keys);
	const newest = (list: Array<[string, KeyRecord]>, windowMs: number, cap: number) =>
		list
			.filter(([, record]) => now - record.at < windowMs)
			.sort(([, a], [, b]) => a.at - b.at)
			.slice(-cap);
	const own = newest(
		entries.filter(([key]) => !key.startsWith(RETRY_KEY_PREFIX)),
		keyWindowMs,
		MAX_IDEMPOTENCY_KEYS,
	);
	const guards = newest(
		entries.filter(([key]) => key.startsWith(RETRY_KEY_PREFIX)),
		RETRY_KEY_WINDOW_MS,
		MAX_RETRY_KEYS,
	);
	return { publishedAt, keys: Object.fromEntries([...own, ...guards]) };
}

/**
 * Pure: one ledger from two (the shared one and a legacy per-node one). Publishes are added up,
 * since each location counted its own; for a key in both, the later record wins.
 */
export function mergeAccounts(first: AccountLedger, second: AccountLedger): AccountLedger {
	const keys = { ...second.keys };
	for (const [key, record] of Object.entries(first.keys)) {
		if (!keys[key] || keys[key].at <= record.at) keys[key] = record;
	}
	return { publishedAt: [...first.publishedAt, ...second.publishedAt], keys };
}

export function publishesInWindow(account: AccountLedger, now: number): number {
	return account.publishedAt.filter((at) => now - at < PUBLISH_WINDOW_MS).length;
}

/** When the oldest publish in the window frees its slot (epoch ms), if any is known. */
export function nextSlotFreesAt(account: AccountLedger, now: number): number | undefined {
	const inWindow = account.publishedAt.filter((at) => now - at < PUBLISH_WINDOW_MS);
	return inWindow.length ? Math.min(...inWindow) + PUBLISH_WINDOW_MS : undefined;
}

/** Remembers that a container exists for a key whose publish outcome is not known yet. */
export function recordPending(
	account: AccountLedger,
	key: string,
	containerId: string,
	now: number,
): AccountLedger {
	return {
		...account,
		keys: { ...account.keys, [key]: { state: 'pending', containerId, at: now } },
	};
}

/** Counts a publish in the window and, with a key, remembers the result for duplicate checks. */
export function recordPublished(
	account: AccountLedger,
	now: number,
	published: { key?: string; containerId: string; mediaId?: string },
): AccountLedger {
	const keys = { ...account.keys };
	if (published.key) {
		keys[published.key] = {
			state: 'published',
			containerId: published.containerId,
			mediaId: published.mediaId,
			at: now,
		};
	}
	return { publishedAt: [...account.publishedAt, now].slice(-MAX_PUBLISH_TIMESTAMPS), keys };
}

export function forgetKey(account: AccountLedger, key: string): AccountLedger {
	const keys = { ...account.keys };
	delete keys[key];
	return { ...account, keys };
}

/** The idempotency key that created a container, if the ledger knows it. */
export function keyForContainer(account: AccountLedger, containerId: string): string | undefined {
	return Object.entries(account.keys).find(([, record]) => record.containerId === containerId)?.[0];
}

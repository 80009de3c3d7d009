import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

/**
 * Idempotency keys that were published, kept in n8n's own deduplication store (the `processed_data`
 * table the Remove Duplicates node uses) as well as in static data. Why both: that store is written at
 * once and shared by every n8n instance, while static data is saved only when an execution ends, and
 * n8n 2.41.1's queue-mode workers start each new execution without it (the execution's workflow
 * snapshot drops `staticData`), so there the ledger alone forgets every key between executions.
 * Scoped to this node, so the rows of a Remove Duplicates node in the same workflow are never touched.
 */
export interface PublishedMarks {
	wasPublished(accountId: string, key: string): Promise<boolean>;
	markPublished(accountId: string, key: string): Promise<void>;
}

const SCOPE = 'node';
const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: 10_000 };

const markOf = (accountId: string, key: string) => `instagram-published:${accountId}:${key}`;

/** Marks in n8n's store; where it is missing or fails, none (the static-data ledger still applies). */
export function publishedMarks(
	ctx: IExecuteFunctions,
	warn: (message: string) => void,
): PublishedMarks {
	// Older n8n versions have no deduplication helpers (and test doubles may have no helpers at all).
	const helpers = ctx.helpers as Partial<IExecuteFunctions['helpers']> | undefined;
	const record = helpers?.checkProcessedAndRecord;
	const remove = helpers?.removeProcessed;
	if (typeof record !== 'function' || typeof remove !== 'function') return NO_MARKS;
	let warned = false;
	const unavailable = (error: unknown) => {
		if (warned) return;
		warned = true;
		const reason = error instanceof Error ? error.message : String(error);
		warn(
			`n8n's deduplication store is unavailable (${reason}); duplicate checks use static data only`,
		);
	};
	return {
		async wasPublished(accountId, key) {
			const mark = markOf(accountId, key);
			try {
				// The store has no read-only lookup: a mark that was not there is taken out again at once.
				const { processed } = await record([mark], SCOPE, OPTIONS);
				if (processed.length > 0) return true;
				await remove([mark], SCOPE, OPTIONS);
			} catch (error) {
				unavailable(error);
			}
			return false;
		},
		async markPublished(accountId, key) {
			try {
				await record([markOf(accountId, key)], SCOPE, OPTIONS);
			} catch (error) {
				unavailable(error);
			}
		},
	};
}

export const NO_MARKS: PublishedMarks = {
	wasPublished: async () => false,
	markPublished: async () => {},
};

import type { LedgerContext } from './context';
import { keyForContainer, recordPublished } from './ledger';
import type { QuotaTracker } from './quota';
import { isRetryGuardKey } from './retryGuard';

export interface PublishedContainer {
	accountId: string;
	containerId: string;
	keyWindowMs: number;
	/** The item's key; without one, the key that created the container, if the ledger knows it. */
	key?: string;
}

/**
 * The one place a successful publish is recorded: counted against this execution's quota and
 * remembered in the ledger, with its key, so neither a re-run nor another node publishes it again.
 */
export async function recordSuccessfulPublish(
	run: LedgerContext & { quota: QuotaTracker },
	target: PublishedContainer,
	mediaId: string | undefined,
): Promise<void> {
	run.quota.recordPublish(target.accountId);
	let key = target.key;
	run.ledger.update(target.accountId, run.now(), target.keyWindowMs, (ledger) => {
		key ??= keyForContainer(ledger, target.containerId);
		return recordPublished(ledger, run.now(), { key, containerId: target.containerId, mediaId });
	});
	if (key && !isRetryGuardKey(key)) await run.marks.markPublished(target.accountId, key);
}

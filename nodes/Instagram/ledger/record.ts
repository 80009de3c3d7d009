import type { LedgerContext } from './context';
import { keyForContainer, recordPublished } from './ledger';
import type { QuotaTracker } from './quota';

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
export function recordSuccessfulPublish(
	run: LedgerContext & { quota: QuotaTracker },
	target: PublishedContainer,
	mediaId: string | undefined,
): void {
	run.quota.recordPublish(target.accountId);
	run.ledger.update(target.accountId, run.now(), target.keyWindowMs, (ledger) =>
		recordPublished(ledger, run.now(), {
			key: target.key ?? keyForContainer(ledger, target.containerId),
			containerId: target.containerId,
			mediaId,
		}),
	);
}

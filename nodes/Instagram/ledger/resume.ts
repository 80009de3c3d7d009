import { readContainerStatus } from '../transport/containerStatus';
import type { ContainerStatus } from '../transport/containerStatus';
import { graphDetailsOf, withContext } from '../transport/errors';
import type { LedgerContext } from './context';
import { forgetKey, recordPublished } from './ledger';

export interface LedgerEntry {
	accountId: string;
	key: string;
	keyWindowMs: number;
	itemIndex: number;
}

/**
 * What the ledger says about a key: already published (with what it knows of that media), a
 * FINISHED container created earlier that may be published now, or nothing (start afresh).
 */
export type Resumption =
	| { published: { containerId?: string; mediaId?: string } }
	| { finishedContainerId: string }
	| undefined;

/**
 * A key seen before. Published → done, never again. A container whose publish outcome is unknown is
 * read back: PUBLISHED → done, FINISHED → publish that container, gone → start over.
 */
export async function resumeFromLedger(
	run: LedgerContext,
	entry: LedgerEntry,
): Promise<Resumption> {
	const { accountId, key, keyWindowMs, itemIndex } = entry;
	const record = run.ledger.read(accountId, run.now(), keyWindowMs).keys[key];
	if (!record) return undefined;
	if (record.state === 'published') {
		return { published: { containerId: record.containerId, mediaId: record.mediaId } };
	}
	if (!record.containerId) return undefined;
	const containerId = record.containerId;
	const status = await readRecordedContainer(run, containerId, itemIndex);
	if (status?.status_code === 'PUBLISHED') {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
			recordPublished(ledger, run.now(), { key, containerId }),
		);
		return { published: { containerId } };
	}
	if (status?.status_code === 'FINISHED') {
		run.progress(`publishing container ${containerId}, created earlier for this item`);
		return { finishedContainerId: containerId };
	}
	run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) => forgetKey(ledger, key));
	return undefined;
}

/**
 * Reads a container remembered in the ledger. Gone (expired, unknown) → undefined, so the item
 * starts over; any other failure stops the item, because starting over could post twice.
 */
async function readRecordedContainer(
	run: LedgerContext,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus | undefined> {
	try {
		return await readContainerStatus(run.client, containerId, itemIndex);
	} catch (error) {
		const kind = graphDetailsOf(error)?.kind;
		if (kind === 'expired' || kind === 'invalidRequest') return undefined;
		throw withContext(
			run.ctx.getNode(),
			error,
			{ containerId, publishOutcomeUnknown: true },
			itemIndex,
		);
	}
}

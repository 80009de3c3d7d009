import type { IDataObject } from 'n8n-workflow';

import { graphDetailsOf, withContext } from '../transport/errors';
import { forgetKey, recordPublished } from './ledger';
import type { KeyRecord } from './ledger';
import { readContainer } from './poller';
import { isRetryGuardKey } from './retryGuard';
import type { RunContext } from './runContext';
import type { ContainerStatus, PublishKind } from './types';

export interface LedgerEntry {
	accountId: string;
	key: string;
	keyWindowMs: number;
	kind: PublishKind;
	itemIndex: number;
}

/** What the ledger says about a key: already done (the output), a FINISHED container to publish, or nothing. */
export type Resumption = { done: IDataObject } | { containerId: string } | undefined;

/**
 * A key seen before. Published → done, never again. A container whose publish outcome is unknown is
 * read back: PUBLISHED → done, FINISHED → publish that container, gone → start over.
 */
export async function resumeFromLedger(run: RunContext, entry: LedgerEntry): Promise<Resumption> {
	const { accountId, key, keyWindowMs, itemIndex } = entry;
	const record = run.ledger.read(accountId, run.now(), keyWindowMs).keys[key];
	if (!record) return undefined;
	if (record.state === 'published') return { done: alreadyPublished(entry, record) };
	if (!record.containerId) return undefined;
	const containerId = record.containerId;
	const status = await readRecordedContainer(run, containerId, itemIndex);
	if (status?.status_code === 'PUBLISHED') {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
			recordPublished(ledger, run.now(), { key, containerId }),
		);
		return { done: alreadyPublished(entry, record) };
	}
	if (status?.status_code === 'FINISHED') {
		run.progress(`publishing container ${containerId}, created earlier for this item`);
		return { containerId };
	}
	run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) => forgetKey(ledger, key));
	return undefined;
}

/**
 * A user's key → `{ skipped, reason: 'duplicate', id }`. The node's own Retry On Fail guard → the
 * published item again, since for the workflow it is the same post, published by an earlier try.
 */
function alreadyPublished(entry: LedgerEntry, record: KeyRecord): IDataObject {
	const base = { id: record.mediaId, containerId: record.containerId, accountId: entry.accountId };
	if (isRetryGuardKey(entry.key)) {
		return { ...base, status: 'PUBLISHED', mediaType: entry.kind, publishedByEarlierTry: true };
	}
	return { skipped: true, reason: 'duplicate', ...base, idempotencyKey: entry.key };
}

/**
 * Reads a container remembered in the ledger. Gone (expired, unknown) → undefined, so the item
 * starts over; any other failure stops the item, because starting over could post twice.
 */
async function readRecordedContainer(
	run: RunContext,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus | undefined> {
	try {
		return await readContainer(run, containerId, itemIndex);
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

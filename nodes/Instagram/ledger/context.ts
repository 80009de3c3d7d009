import type { IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../transport/graphClient';
import type { PublishedMarks } from './marks';
import type { LedgerStore } from './store';

/** What the ledger's steps need from one execution of the node. */
export interface LedgerContext {
	ctx: IExecuteFunctions;
	client: GraphClient;
	ledger: LedgerStore;
	/** Published idempotency keys in n8n's deduplication store (survives where static data does not). */
	marks: PublishedMarks;
	now(): number;
	/** Reports progress of long operations (log, and the browser console in manual runs). */
	progress(message: string): void;
}

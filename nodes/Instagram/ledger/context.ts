import type { IExecuteFunctions } from 'n8n-workflow';

import type { GraphClient } from '../transport/graphClient';
import type { LedgerStore } from './store';

/** What the ledger's steps need from one execution of the node. */
export interface LedgerContext {
	ctx: IExecuteFunctions;
	client: GraphClient;
	ledger: LedgerStore;
	now(): number;
	/** Reports progress of long operations (log, and the browser console in manual runs). */
	progress(message: string): void;
}

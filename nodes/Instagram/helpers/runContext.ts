import type { IExecuteFunctions } from 'n8n-workflow';

import { createGraphClient } from '../transport/graphClient';
import type { GraphClient } from '../transport/graphClient';
import type { AuthenticationMethod } from '../transport/connection';
import { LedgerStore } from './ledgerStore';
import { QuotaTracker } from './quota';

/** Everything one execution of the node shares across its items. */
export interface RunContext {
	ctx: IExecuteFunctions;
	client: GraphClient;
	ledger: LedgerStore;
	quota: QuotaTracker;
	signal?: AbortSignal;
	now(): number;
	/** Reports progress of long operations (log, and the browser console in manual runs). */
	progress(message: string): void;
	/** A note shown with the node's output in the editor (e.g. how long processing took). */
	hint(message: string): void;
}

export function createRunContext(ctx: IExecuteFunctions): RunContext {
	const authentication = ctx.getNodeParameter(
		'authentication',
		0,
		'oAuth2',
	) as AuthenticationMethod;
	const isManual = ctx.getMode() === 'manual';
	const base: Omit<RunContext, 'quota'> = {
		ctx,
		client: createGraphClient(ctx, authentication),
		ledger: new LedgerStore(ctx.getWorkflowStaticData('node')),
		signal: ctx.getExecutionCancelSignal(),
		now: () => Date.now(),
		progress(message: string) {
			ctx.logger.info(`Instagram: ${message}`);
			if (isManual) ctx.sendMessageToUI(`Instagram: ${message}`);
		},
		hint(message: string) {
			ctx.addExecutionHints({ message, type: 'info', location: 'outputPane' });
		},
	};
	return { ...base, quota: new QuotaTracker(base) };
}

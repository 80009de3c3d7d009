import type { IExecuteFunctions } from 'n8n-workflow';

import type { LedgerContext } from '../ledger/context';
import { publishedMarks } from '../ledger/marks';
import { QuotaTracker } from '../ledger/quota';
import { LedgerStore } from '../ledger/store';
import { systemClock } from '../transport/clock';
import type { Clock } from '../transport/clock';
import type { AuthenticationMethod } from '../transport/connection';
import { createGraphClient } from '../transport/graphClient';
import { DEFAULT_RETRY_POLICY } from '../transport/retry';

/** Where versions up to 0.1 kept the ledger (per node name): still read, never written. */
const LEGACY_LEDGER_SCOPE = 'node';

/** Everything one execution of the node shares across its items. */
export interface RunContext extends LedgerContext {
	quota: QuotaTracker;
	signal?: AbortSignal;
	/** Pauses (polling, read-back); rejects at once when the execution is cancelled. */
	sleep(ms: number): Promise<void>;
	/** A note shown with the node's output in the editor (e.g. how long processing took). */
	hint(message: string): void;
}

export function createRunContext(ctx: IExecuteFunctions, clock: Clock = systemClock): RunContext {
	const authentication = ctx.getNodeParameter(
		'authentication',
		0,
		'oAuth2',
	) as AuthenticationMethod;
	const isManual = ctx.getMode() === 'manual';
	const signal = ctx.getExecutionCancelSignal();
	const base: LedgerContext = {
		ctx,
		client: createGraphClient(ctx, authentication, DEFAULT_RETRY_POLICY, clock),
		// Shared by every Instagram node of the workflow, keyed by account.
		ledger: new LedgerStore(
			ctx.getWorkflowStaticData('global'),
			ctx.getWorkflowStaticData(LEGACY_LEDGER_SCOPE),
		),
		marks: publishedMarks(ctx, (message) => ctx.logger.warn(`Instagram: ${message}`)),
		now: () => clock.now(),
		progress(message: string) {
			ctx.logger.info(`Instagram: ${message}`);
			if (isManual) ctx.sendMessageToUI(`Instagram: ${message}`);
		},
	};
	return {
		...base,
		quota: new QuotaTracker(base),
		signal,
		sleep: async (ms: number) => await clock.sleep(ms, signal),
		hint(message: string) {
			ctx.addExecutionHints({ message, type: 'info', location: 'outputPane' });
		},
	};
}

// One soak batch: fresh sandbox state, one operation over 1–4 items with random faults, then
// re-runs of the same items (idempotency key, static data carried) — every execution checked.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import type { RunOptions, RunResult } from '../harness';
import { virtualClock } from '../harness/virtualClock';
import type { Sandbox } from '../sandbox';
import { instagramWorkflow, NODE } from '../workflow/fixtures';
import { FAULTS, OPERATIONS } from './catalogue';
import type { FaultContext, OperationEntry } from './catalogue';
import { checkExecution } from './invariants';
import type { Prng } from './prng';
import { readState } from './state';
import type { Tally } from './tally';

export const QUOTA_TOTAL = 100;

export interface SoakEnvironment {
	sandbox: Sandbox;
	tally: Tally;
	credentials(authentication: 'accessToken' | 'oAuth2'): RunOptions['credentials'];
	secrets: string[];
}

interface BatchSettings {
	operation: OperationEntry;
	authentication: 'accessToken' | 'oAuth2';
	continueOnFail: boolean;
	retryOnFail: boolean;
	useKey: boolean;
	options: IDataObject;
	maxWaitMs: number;
}

function settle(rng: Prng): BatchSettings {
	const operation = rng.weighted(OPERATIONS);
	const continueOnFail = rng.chance(0.5);
	const maxWaitSeconds = rng.pick([5, 30, 120]);
	const useKey = operation.viaStatus ? false : rng.chance(0.6);
	return {
		operation,
		authentication: rng.chance(0.5) ? 'accessToken' : 'oAuth2',
		continueOnFail,
		retryOnFail: !continueOnFail && rng.chance(0.6),
		useKey,
		maxWaitMs: maxWaitSeconds * 1000,
		options: {
			maxWaitSeconds,
			pollIntervalSeconds: 1,
			onQuotaExhausted: rng.chance(0.5) ? 'skip' : 'error',
			...(useKey ? { idempotencyKey: '={{ $json.key }}' } : {}),
		},
	};
}

function injectFaults(env: SoakEnvironment, rng: Prng, ctx: FaultContext): void {
	const applicable = FAULTS.filter((f) => !f.applies || f.applies(ctx));
	for (let n = rng.int(0, 3); n > 0; n--) {
		const fault = rng.weighted(applicable);
		fault.inject(env.sandbox, rng, ctx);
		env.tally.count(env.tally.injected, fault.name);
	}
}

export async function runBatch(env: SoakEnvironment, rng: Prng, batch: number): Promise<void> {
	const { sandbox, tally } = env;
	sandbox.reset();
	tally.batches++;
	const s = settle(rng);
	const markers = Array.from({ length: rng.int(1, 4) }, (_, i) => `soak-b${batch}-i${i}`);
	tally.distinctItems += markers.length;
	const items = await Promise.all(markers.map(async (m) => await s.operation.item(m, rng)));
	const uploads = s.operation.uploads && s.authentication === 'accessToken';
	const ctx: FaultContext = {
		operation: s.operation,
		uploads,
		items: items.length,
		quotaTotal: QUOTA_TOTAL,
	};
	const label = (run: number) =>
		`batch ${batch} run ${run} [${s.operation.name}, ${s.authentication}, ${s.continueOnFail ? 'continueOnFail' : s.retryOnFail ? 'retryOnFail' : 'stop on error'}${s.useKey ? ', key' : ''}]`;

	injectFaults(env, rng, ctx);
	const parameters = {
		...s.operation.parameters,
		options: { ...s.options, ...(s.operation.viaStatus ? { publishMode: 'containerOnly' } : {}) },
	};
	let result = await execute(
		env,
		s,
		parameters,
		items,
		markers,
		label(1),
		{},
		!!s.operation.viaStatus,
	);
	if (s.operation.viaStatus) {
		const prepared = result
			.json(NODE)
			.map((json, i) => ({ json: { containerId: json.containerId ?? '' }, i }));
		const ready = prepared.filter(
			(p) => typeof p.json.containerId === 'string' && p.json.containerId !== '',
		);
		if (ready.length === 0) return;
		injectFaults(env, rng, ctx);
		const status = {
			operation: 'status',
			containerId: '={{ $json.containerId }}',
			publishIfReady: true,
		};
		await execute(
			env,
			s,
			status,
			ready.map((p) => ({ json: p.json })),
			ready.map((p) => markers[p.i]),
			label(2),
			result.staticData,
			false,
		);
		return;
	}
	// Re-runs of the same items with their idempotency keys (an RSS feed emitting them again).
	for (let run = 2; s.useKey && run <= 3; run++) {
		if (rng.chance(0.5)) injectFaults(env, rng, ctx);
		result = await execute(
			env,
			s,
			parameters,
			items,
			markers,
			label(run),
			result.staticData,
			false,
		);
		if (run === 2 && rng.chance(0.5)) break;
	}
}

async function execute(
	env: SoakEnvironment,
	s: BatchSettings,
	parameters: IDataObject,
	items: INodeExecutionData[],
	markers: string[],
	label: string,
	staticData: IDataObject,
	containerOnly: boolean,
): Promise<RunResult> {
	const { sandbox, tally } = env;
	const before = await readState(sandbox);
	const firstRequest = sandbox.requests.length;
	const firstPause = virtualClock.pauses.length;
	const result = await runWorkflow({
		workflow: instagramWorkflow({
			parameters,
			authentication: s.authentication,
			continueOnFail: s.continueOnFail,
			retryOnFail: s.retryOnFail,
		}),
		credentials: env.credentials(s.authentication),
		inputItems: items,
		staticData,
	});
	await sandbox.fetchesSettled();
	tally.executions++;
	const requests = sandbox.requests.slice(firstRequest);
	for (const r of requests) if (r.fault) tally.count(tally.fired, `${r.fault} on ${r.endpoint}`);
	checkExecution(
		{
			label,
			markers,
			result,
			before,
			after: await readState(sandbox),
			requests,
			batchRequests: [...sandbox.requests],
			pauses: virtualClock.pauses.slice(firstPause),
			maxWaitMs: s.maxWaitMs,
			quotaTotal: QUOTA_TOTAL,
			secrets: env.secrets,
			containerOnly,
		},
		tally,
	);
	return result;
}

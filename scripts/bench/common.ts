/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- dev-only benchmark, never shipped in dist/ */
import { join } from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../../test/harness';
import type { RunResult } from '../../test/harness';
import { VirtualClock } from '../../test/harness/virtualClock';
import type { Sandbox } from '../../test/sandbox';
import { instagramWorkflow, sandboxCredentials } from '../../test/workflow/fixtures';
import type { Clock } from '../../nodes/Instagram/transport/clock';

/** Every timed figure is the median of this many rounds (the machines are noisy). */
export const ROUNDS = 5;

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round1 = (value: number) => Math.round(value * 10) / 10;

export interface Timing {
	wallMs: number;
	/** CPU time of this process (user + system): other processes on the machine barely move it. */
	cpuMs: number;
}

export async function measure(body: () => Promise<unknown>): Promise<Timing> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	await body();
	const used = process.cpuUsage(cpu);
	return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** The compiled node's clock module, the one `test/setup-clock.ts` swaps in jest. */
function compiledClock(): Clock {
	const path = join(__dirname, '..', '..', 'dist', 'nodes', 'Instagram', 'transport', 'clock.js');
	return (require(path) as { systemClock: Clock }).systemClock;
}

/**
 * Runs `body` with the compiled node, the sandbox and the baselines on one virtual clock: every
 * pause advances time at once (real time still passes for HTTP and the engine), so a 10-minute
 * job takes milliseconds and every strategy is timed on the same axis. The node's own loop runs
 * unmodified; only the clock it reads is replaced, as in jest.
 */
export async function withVirtualClock<T>(body: (clock: VirtualClock) => Promise<T>): Promise<T> {
	const target = compiledClock();
	const saved = { now: target.now, sleep: target.sleep };
	const clock = new VirtualClock();
	target.now = clock.now;
	target.sleep = clock.sleep;
	try {
		return await body(clock);
	} finally {
		target.now = saved.now;
		target.sleep = saved.sleep;
	}
}

/**
 * One run of the compiled Instagram node through n8n-core's WorkflowExecute. Options › Preflight is
 * off unless `parameters.options` sets it: items 1–4 use media URLs on no host, and item 6 measures
 * what the preflight adds against a media host.
 */
export async function runNode(
	sandbox: Sandbox,
	parameters: IDataObject,
	inputItems?: INodeExecutionData[],
): Promise<RunResult> {
	const options = { preflight: false, ...(parameters.options as IDataObject | undefined) };
	const result = await runWorkflow({
		workflow: instagramWorkflow({ parameters: { ...parameters, options } }),
		credentials: sandboxCredentials(sandbox),
		inputItems,
	});
	if (result.status !== 'success')
		throw new Error(`${String(parameters.operation)} run failed: ${result.error?.message}`);
	return result;
}

/** Graph calls the sandbox received (control calls excluded), counted by endpoint. */
export function callsByEndpoint(sandbox: Sandbox): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const call of sandbox.calls()) counts[call.endpoint] = (counts[call.endpoint] ?? 0) + 1;
	return counts;
}

/** A minimal Graph client for the baselines: same sandbox, same token, no engine. */
export function graphClient(sandbox: Sandbox) {
	const base = `${sandbox.url}/v25.0`;
	const headers = { Authorization: `Bearer ${sandbox.tokens.page}` };
	const call = async <T>(method: 'GET' | 'POST', path: string, params: Record<string, string>) => {
		const query = new URLSearchParams(params);
		const response = await fetch(
			method === 'GET' ? `${base}${path}?${query}` : `${base}${path}`,
			method === 'GET' ? { headers } : { method, headers, body: query },
		);
		const body = (await response.json()) as T;
		if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(body)}`);
		return body;
	};
	return {
		account: sandbox.accounts[0].id,
		get: async <T>(path: string, params: Record<string, string> = {}) =>
			await call<T>('GET', path, params),
		post: async <T>(path: string, params: Record<string, string>) =>
			await call<T>('POST', path, params),
	};
}
export type GraphClient = ReturnType<typeof graphClient>;

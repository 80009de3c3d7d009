/**
 * Item 2 — waiting strategy: reels that process for 5 s, 20 s, 2 min and 10 min. The delay from
 * the moment the container is FINISHED to the publish call, and the status polls used: the
 * compiled node (through WorkflowExecute) against the peers' strategies, on one virtual clock.
 */
import { startSandbox } from '../../test/sandbox';
import type { Sandbox } from '../../test/sandbox';
import { graphClient, median, round1, ROUNDS, runNode, withVirtualClock } from './common';
import { BASELINES, MODEL_OF_NODE, runBaseline, WHAT_IFS } from './strategies';
import type { BaselineRun } from './strategies';

export const WAIT_LATENCY_MS = 10;
export const JOBS_S = [5, 20, 120, 600];
/**
 * Round r processes for the nominal time × (1 + JITTER[r]): with exactly 600 s a 60 s timer lands
 * on FINISHED by luck, and a real reel's processing time is never a multiple of anyone's timer.
 * ±4 % spans one 60 s period at 10 min; the mean shows what luck the median may hide.
 */
export const JITTER = [-0.04, -0.02, 0, 0.02, 0.04];
/** The node's Max Wait for these runs (its default, 600 s, would stop the 10-minute job). */
export const NODE_MAX_WAIT_S = 1800;
export const OURS = 'this node';

export interface WaitFigure {
	strategy: string;
	jobS: number;
	/** Median over the rounds that published; null when most rounds gave up. */
	delayS: number | null;
	/** Mean of the same delays: a fixed timer's median can be luck (600 s is a multiple of 60 s). */
	meanDelayS: number | null;
	/** Every round's delay (s; null = gave up), in round order. */
	roundsDelayS: (number | null)[];
	polls: number;
	gaveUp: number;
	gaveUpAfterS?: number;
}

interface Sample {
	delayMs?: number;
	polls: number;
	gaveUpAfterMs?: number;
}

function sampleOf(sandbox: Sandbox, processingMs: number, run: BaselineRun): Sample {
	const polls = sandbox.calls('containerStatus').length;
	if (!run.published) return { polls, gaveUpAfterMs: run.gaveUpAfterMs };
	const [created] = sandbox.calls('createContainer');
	const [published] = sandbox.calls('publish');
	return { polls, delayMs: published.at - (created.at + processingMs) };
}

function summarise(strategy: string, jobS: number, samples: Sample[]): WaitFigure {
	const done = samples.filter((sample) => sample.delayMs !== undefined);
	const gaveUp = samples.length - done.length;
	const gaveUpAt = samples.flatMap((s) => (s.gaveUpAfterMs === undefined ? [] : [s.gaveUpAfterMs]));
	const delays = done.map((sample) => sample.delayMs! / 1000);
	const enough = done.length > samples.length / 2;
	return {
		strategy,
		jobS,
		delayS: enough ? round1(median(delays)) : null,
		meanDelayS: enough ? round1(delays.reduce((sum, d) => sum + d, 0) / delays.length) : null,
		roundsDelayS: samples.map((s) => (s.delayMs === undefined ? null : round1(s.delayMs / 1000))),
		polls: median(samples.map((sample) => sample.polls)),
		gaveUp,
		...(gaveUpAt.length ? { gaveUpAfterS: round1(median(gaveUpAt) / 1000) } : {}),
	};
}

/**
 * The what-ifs are only worth reading if the node's rule, re-implemented, polls like the node.
 * Real time still passes on the virtual clock (the engine, a loaded machine), so a job that ends
 * right at a check may be seen one check apart: that much is allowed, no more.
 */
function checkModel(jobS: number, node: Sample[], model: Sample[]): void {
	const apart = node.some((sample, round) => Math.abs(sample.polls - model[round].polls) > 1);
	if (apart || node.length !== model.length)
		throw new Error(
			`${jobS} s job: the node polled ${node.map((s) => s.polls)}, its model ${model.map((s) => s.polls)}`,
		);
}

export async function benchWaiting(): Promise<WaitFigure[]> {
	return await withVirtualClock(async (clock) => {
		const figures: WaitFigure[] = [];
		for (const jobS of JOBS_S) {
			const samples = new Map<string, Sample[]>();
			const add = (name: string, sample: Sample) =>
				samples.set(name, [...(samples.get(name) ?? []), sample]);
			for (let round = 0; round < ROUNDS; round++) {
				const processingMs = Math.round(jobS * 1000 * (1 + JITTER[round % JITTER.length]));
				const sandbox = await startSandbox({
					latencyMs: WAIT_LATENCY_MS,
					quotaTotal: 1000,
					now: clock.now,
					processing: { reel: { ms: processingMs, polls: 0 } },
				});
				try {
					await runNode(sandbox, {
						operation: 'reel',
						videoUrl: 'https://cdn.example.com/bench/reel.mp4',
						caption: 'Bench',
						options: { maxWaitSeconds: NODE_MAX_WAIT_S },
					});
					add(OURS, sampleOf(sandbox, processingMs, { published: true }));
					for (const baseline of [...BASELINES, ...WHAT_IFS, MODEL_OF_NODE]) {
						sandbox.reset();
						const run = await runBaseline(graphClient(sandbox), clock, baseline);
						add(baseline.name, sampleOf(sandbox, processingMs, run));
					}
				} finally {
					clock.reset();
					await sandbox.close();
				}
			}
			checkModel(jobS, samples.get(OURS) ?? [], samples.get(MODEL_OF_NODE.name) ?? []);
			samples.delete(MODEL_OF_NODE.name);
			for (const [name, list] of samples) figures.push(summarise(name, jobS, list));
		}
		return figures;
	});
}

/**
 * The peers' ways of waiting for a reel to process (`/work/shared/reference/peers.md`), as small
 * functions that drive the sandbox over HTTP: create the container, sleep, read the status, and
 * publish once it is FINISHED. Each sleeps on the same clock as the node, so all are comparable.
 */
import type { Clock } from '../../nodes/Instagram/transport/clock';
import type { GraphClient } from './common';

export interface Baseline {
	name: string;
	/** Where the rule comes from. */
	source: string;
	/**
	 * Pause before status check number `check` (1-based), `elapsedMs` after the container was made,
	 * `previousMs` the pause before the previous check; undefined = give up before it.
	 */
	delayBefore(check: number, elapsedMs: number, previousMs: number): number | undefined;
}

const every =
	(ms: number, maxChecks = Infinity) =>
	(check: number) =>
		check > maxChecks ? undefined : ms;

export const BASELINES: Baseline[] = [
	{
		name: 'fixed 30 s Wait loop',
		source: 'common n8n template: Wait 30 s → status → IF → back to Wait',
		delayBefore: every(30_000),
	},
	{
		name: 'every 60 s (Meta)',
		source: "Meta's advice, once a minute (its guide also says to stop after 5 min; not applied)",
		delayBefore: every(60_000),
	},
	{
		name: 'every 20 s (Postiz)',
		source: 'Postiz pending-post workflow: 20 s, at most 90 checks',
		delayBefore: every(20_000, 90),
	},
	{
		name: 'adaptive 0.5→2 s, 90 s cap',
		source:
			'@mookielianhd/n8n-nodes-instagram: 0.5 s × 10, 1 s × 10, then 2 s; 40 checks and 90 s at most',
		delayBefore: (check, elapsedMs) => {
			if (check > 40) return undefined;
			const ms = check <= 10 ? 500 : check <= 20 ? 1000 : 2000;
			return elapsedMs + ms > 90_000 ? undefined : ms;
		},
	},
];

/** The node's rule: first check after 1 s, then ×1.5 up to `capMs(elapsedMs)`. */
function nodeRuleWithCap(capMs: (elapsedMs: number) => number) {
	return (check: number, elapsedMs: number, previousMs: number) =>
		check === 1 ? 1000 : Math.min(capMs(elapsedMs), Math.round(previousMs * 1.5));
}

/** wait.ts: at most 30 s apart for the first 2 minutes, then at most 60 s. */
const shippedCap = (elapsedMs: number) => (elapsedMs < 120_000 ? 30_000 : 60_000);

/** The node's own rule with other caps, to show what its cap buys. Neither is shipped. */
export const WHAT_IFS: Baseline[] = [
	{
		name: 'what-if: 30 s cap throughout',
		source: 'wait.ts with the cap at 30 s all the way (the rule before 2026-12-02)',
		delayBefore: nodeRuleWithCap(() => 30_000),
	},
	{
		name: 'what-if: 60 s cap from the start',
		source: 'wait.ts with the cap at 60 s from the first check',
		delayBefore: nodeRuleWithCap(() => 60_000),
	},
];

/** The node's rule as it ships: must use as many polls as the node, or the what-ifs are off. */
export const MODEL_OF_NODE: Baseline = {
	name: 'model of the node',
	source: 'wait.ts re-implemented; checked against the node, not printed',
	delayBefore: nodeRuleWithCap(shippedCap),
};

export interface BaselineRun {
	published: boolean;
	/** Clock time (ms) at which the strategy stopped without publishing. */
	gaveUpAfterMs?: number;
}

/** Creates a reel container, waits by the baseline's rule, publishes once it is FINISHED. */
export async function runBaseline(
	graph: GraphClient,
	clock: Clock,
	baseline: Baseline,
): Promise<BaselineRun> {
	const { id } = await graph.post<{ id: string }>(`/${graph.account}/media`, {
		media_type: 'REELS',
		video_url: 'https://cdn.example.com/bench/reel.mp4',
		caption: 'Bench',
	});
	const started = clock.now();
	let previous = 0;
	for (let check = 1; ; check++) {
		const delay = baseline.delayBefore(check, clock.now() - started, previous);
		if (delay === undefined) return { published: false, gaveUpAfterMs: clock.now() - started };
		previous = delay;
		await clock.sleep(delay);
		const status = await graph.get<{ status_code: string }>(`/${id}`, {
			fields: 'status_code',
		});
		if (status.status_code === 'FINISHED') break;
		if (status.status_code !== 'IN_PROGRESS') throw new Error(`container ${status.status_code}`);
	}
	await graph.post(`/${graph.account}/media_publish`, { creation_id: id });
	return { published: true };
}

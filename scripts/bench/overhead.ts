/**
 * Item 4 — node overhead: 100 image posts in one execution through WorkflowExecute against a
 * zero-latency sandbox, minus the same Graph calls made by a bare HTTP client against the same
 * sandbox (what the sandbox and the sockets cost). What is left is the node, n8n's engine and its
 * request helper: the time an item spends outside the sandbox beyond the wire.
 */
import type { RecordedRequest, Sandbox } from '../../test/sandbox';
import { startSandbox } from '../../test/sandbox';
import { graphClient, measure, median, ROUNDS, runNode } from './common';
import type { GraphClient, Timing } from './common';

export const OVERHEAD_ITEMS = 100;
const items = Array.from({ length: OVERHEAD_ITEMS }, (_, i) => ({
	json: { url: `https://cdn.example.com/bench/overhead-${i}.jpg` },
}));

export interface OverheadFigure {
	items: number;
	nodeMsPerItem: number;
	bareClientMsPerItem: number;
	overheadMsPerItem: number;
	/**
	 * The same difference in CPU time of this process (node run − bare run): the sandbox runs in
	 * this process for both, so it cancels out; unlike wall time, other processes on the machine
	 * barely move it.
	 */
	overheadCpuMsPerItem: number;
}

async function nodeRun(sandbox: Sandbox): Promise<Timing> {
	sandbox.reset();
	return await measure(
		async () =>
			await runNode(
				sandbox,
				{ operation: 'post', imageUrl: '={{ $json.url }}', caption: 'Bench' },
				items,
			),
	);
}

/** Replays the node's recorded calls, endpoint by endpoint, with the ids the sandbox hands out now. */
async function bareRun(sandbox: Sandbox, recorded: RecordedRequest[]): Promise<Timing> {
	sandbox.reset();
	return await measure(async () => await replay(sandbox, recorded));
}

async function replay(sandbox: Sandbox, recorded: RecordedRequest[]): Promise<void> {
	const graph: GraphClient = graphClient(sandbox);
	const { account } = graph;
	let container = '';
	let media = '';
	for (const call of recorded) {
		const fields = String(call.query.fields ?? '');
		if (call.endpoint === 'quota')
			await graph.get(`/${account}/content_publishing_limit`, { fields });
		else if (call.endpoint === 'createContainer')
			({ id: container } = await graph.post<{ id: string }>(`/${account}/media`, {
				image_url: String(call.body.image_url),
				caption: String(call.body.caption ?? ''),
			}));
		else if (call.endpoint === 'publish')
			({ id: media } = await graph.post<{ id: string }>(`/${account}/media_publish`, {
				creation_id: container,
			}));
		else if (call.endpoint === 'media') await graph.get(`/${media}`, { fields });
		else if (call.endpoint === 'containerStatus') await graph.get(`/${container}`, { fields });
		else throw new Error(`overhead bench: no replay for ${call.endpoint}`);
	}
}

export async function benchOverhead(): Promise<OverheadFigure> {
	const sandbox = await startSandbox({ latencyMs: 0, quotaTotal: 1000 });
	try {
		await nodeRun(sandbox); // warm-up
		const recorded = sandbox.calls();
		await bareRun(sandbox, recorded);
		const node: Timing[] = [];
		const bare: Timing[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			node.push(await nodeRun(sandbox));
			bare.push(await bareRun(sandbox, recorded));
		}
		const perItem = (ms: number) => Math.round((ms / OVERHEAD_ITEMS) * 100) / 100;
		const difference = (key: keyof Timing) =>
			perItem(median(node.map((timing, round) => timing[key] - bare[round][key])));
		return {
			items: OVERHEAD_ITEMS,
			nodeMsPerItem: perItem(median(node.map((timing) => timing.wallMs))),
			bareClientMsPerItem: perItem(median(bare.map((timing) => timing.wallMs))),
			overheadMsPerItem: difference('wallMs'),
			overheadCpuMsPerItem: difference('cpuMs'),
		};
	} finally {
		await sandbox.close();
	}
}

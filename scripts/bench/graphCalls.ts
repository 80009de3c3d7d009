/**
 * Item 1 — Graph calls the compiled node makes (through WorkflowExecute) per image post, per
 * 10-child mixed carousel, per reel with 20 s processing and per batch of 50 image posts, against
 * the physical minimum. Counts are deterministic; each is checked to be the same in every round.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../../test/sandbox';
import type { Sandbox } from '../../test/sandbox';
import { callsByEndpoint, ROUNDS, runNode, withVirtualClock } from './common';

export const BATCH = 50;
const CAROUSEL = [
	...Array.from({ length: 7 }, (_, i) => `https://cdn.example.com/bench/${i}.jpg`),
	...Array.from({ length: 3 }, (_, i) => `https://cdn.example.com/bench/${i}.mp4`),
];
const REEL_PROCESSING_MS = 20_000;

export interface CallFigure {
	case: string;
	calls: number;
	byEndpoint: Record<string, number>;
	minimum: number;
	minimumRule: string;
	/** Goal ceiling, when the issue sets one. */
	goal?: number;
}

interface Case {
	name: string;
	parameters: IDataObject;
	inputItems?: INodeExecutionData[];
	minimum: (polls: number) => number;
	minimumRule: string;
	goal?: number;
}

const CASES: Case[] = [
	{
		name: 'image post',
		parameters: { operation: 'post', imageUrl: 'https://cdn.example.com/bench/photo.jpg' },
		minimum: () => 2,
		minimumRule: 'create + publish',
		goal: 3,
	},
	{
		name: 'carousel, 10 children (7 images, 3 videos)',
		parameters: { operation: 'carousel', inputMode: 'json', itemsJson: JSON.stringify(CAROUSEL) },
		minimum: () => CAROUSEL.length + 2,
		minimumRule: 'N children + parent + publish',
	},
	{
		name: 'reel, 20 s processing',
		parameters: {
			operation: 'reel',
			videoUrl: 'https://cdn.example.com/bench/reel.mp4',
			options: { maxWaitSeconds: 600 },
		},
		minimum: (polls) => 2 + polls,
		minimumRule: 'create + publish + the polls made',
	},
	{
		name: `batch of ${BATCH} image posts`,
		parameters: { operation: 'post', imageUrl: '={{ $json.url }}' },
		inputItems: Array.from({ length: BATCH }, (_, i) => ({
			json: { url: `https://cdn.example.com/bench/batch-${i}.jpg` },
		})),
		minimum: () => 2 * BATCH + 1,
		minimumRule: '2 per post + 1 quota read',
		goal: 2 * BATCH + 1,
	},
];

async function countOnce(sandbox: Sandbox, spec: Case): Promise<CallFigure> {
	sandbox.reset();
	await runNode(sandbox, { caption: 'Bench', ...spec.parameters }, spec.inputItems);
	const byEndpoint = callsByEndpoint(sandbox);
	const calls = Object.values(byEndpoint).reduce((sum, n) => sum + n, 0);
	return {
		case: spec.name,
		calls,
		byEndpoint,
		minimum: spec.minimum(byEndpoint.containerStatus ?? 0),
		minimumRule: spec.minimumRule,
		...(spec.goal === undefined ? {} : { goal: spec.goal }),
	};
}

export async function benchGraphCalls(): Promise<CallFigure[]> {
	return await withVirtualClock(async (clock) => {
		const sandbox = await startSandbox({
			latencyMs: 0,
			quotaTotal: 1000,
			now: clock.now,
			processing: {
				reel: { ms: REEL_PROCESSING_MS, polls: 0 },
				video: { ms: 0, polls: 0 },
			},
		});
		try {
			const figures: CallFigure[] = [];
			for (const spec of CASES) {
				const rounds: CallFigure[] = [];
				for (let round = 0; round < ROUNDS; round++) rounds.push(await countOnce(sandbox, spec));
				const counts = new Set(rounds.map((figure) => figure.calls));
				if (counts.size !== 1) throw new Error(`${spec.name}: call counts differ ${[...counts]}`);
				figures.push(rounds[0]);
			}
			return figures;
		} finally {
			await sandbox.close();
		}
	});
}

/**
 * Item 3 — a 10-image carousel at 150 ms per Graph call: the compiled node through WorkflowExecute
 * (children created in parallel) against the same calls made one after another (the peers'
 * sequential child creation). Real time; medians of the rounds, the ratio from the same run.
 */
import { startSandbox } from '../../test/sandbox';
import type { Sandbox } from '../../test/sandbox';
import { graphClient, median, ROUNDS, runNode } from './common';

export const CAROUSEL_LATENCY_MS = 150;
export const CAROUSEL_CHILDREN = 10;
const urls = Array.from(
	{ length: CAROUSEL_CHILDREN },
	(_, i) => `https://cdn.example.com/bench/${i}.jpg`,
);

export interface CarouselFigure {
	children: number;
	latencyMs: number;
	nodeMs: number;
	sequentialMs: number;
	speedUp: number;
}

async function nodeCarousel(sandbox: Sandbox): Promise<number> {
	const started = performance.now();
	await runNode(sandbox, {
		operation: 'carousel',
		caption: 'Bench',
		inputMode: 'json',
		itemsJson: JSON.stringify(urls),
	});
	return performance.now() - started;
}

/** The same calls the node makes (quota, children, parent, publish), each waiting for the previous. */
async function sequentialCarousel(sandbox: Sandbox): Promise<number> {
	const graph = graphClient(sandbox);
	const started = performance.now();
	await graph.get(`/${graph.account}/content_publishing_limit`, {
		fields: 'config,quota_usage',
	});
	const children: string[] = [];
	for (const url of urls) {
		const { id } = await graph.post<{ id: string }>(`/${graph.account}/media`, {
			image_url: url,
			is_carousel_item: 'true',
		});
		children.push(id);
	}
	const parent = await graph.post<{ id: string }>(`/${graph.account}/media`, {
		media_type: 'CAROUSEL',
		caption: 'Bench',
		children: children.join(','),
	});
	await graph.post(`/${graph.account}/media_publish`, { creation_id: parent.id });
	return performance.now() - started;
}

export async function benchCarousel(): Promise<CarouselFigure> {
	const sandbox = await startSandbox({ latencyMs: CAROUSEL_LATENCY_MS, quotaTotal: 1000 });
	try {
		await nodeCarousel(sandbox); // warm-up: module loading, n8n-core DI container
		const parallel: number[] = [];
		const sequential: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			sandbox.reset();
			parallel.push(await nodeCarousel(sandbox));
			sandbox.reset();
			sequential.push(await sequentialCarousel(sandbox));
		}
		const nodeMs = median(parallel);
		const sequentialMs = median(sequential);
		return {
			children: CAROUSEL_CHILDREN,
			latencyMs: CAROUSEL_LATENCY_MS,
			nodeMs: Math.round(nodeMs),
			sequentialMs: Math.round(sequentialMs),
			speedUp: Math.round((sequentialMs / nodeMs) * 100) / 100,
		};
	} finally {
		await sandbox.close();
	}
}

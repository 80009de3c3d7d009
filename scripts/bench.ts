/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only benchmark, never shipped in dist/ */
/**
 * npm run bench — prints figures, asserts nothing (speed targets are read off these numbers).
 *
 * Carousel: a 10-image carousel through n8n's engine with the compiled node (children created in
 * parallel) against the same Graph calls made one after another, with 150 ms sandbox latency.
 */
import axios from 'axios';

import { prepareEnvironment, runWorkflow } from '../test/harness';
import { startSandbox } from '../test/sandbox';
import type { Sandbox } from '../test/sandbox';
import { instagramWorkflow, sandboxCredentials } from '../test/workflow/fixtures';

const LATENCY_MS = 150;
const CHILDREN = 10;
const ROUNDS = 5;
const urls = Array.from({ length: CHILDREN }, (_, i) => `https://cdn.example.com/bench/${i}.jpg`);

async function nodeCarousel(sandbox: Sandbox): Promise<number> {
	const started = performance.now();
	const result = await runWorkflow({
		workflow: instagramWorkflow({
			parameters: {
				operation: 'carousel',
				caption: 'Bench',
				inputMode: 'json',
				itemsJson: JSON.stringify(urls),
			},
		}),
		credentials: sandboxCredentials(sandbox),
	});
	if (result.status !== 'success') throw new Error(`carousel run failed: ${result.error?.message}`);
	return performance.now() - started;
}

/** The same calls the node makes, but each child waits for the previous one. */
async function sequentialCarousel(sandbox: Sandbox): Promise<number> {
	const account = sandbox.accounts[0].id;
	const graph = axios.create({
		baseURL: `${sandbox.url}/v25.0`,
		headers: { Authorization: `Bearer ${sandbox.tokens.page}` },
	});
	const started = performance.now();
	await graph.get(`/${account}/content_publishing_limit`, {
		params: { fields: 'config,quota_usage' },
	});
	const children: string[] = [];
	for (const url of urls) {
		const { data } = await graph.post<{ id: string }>(
			`/${account}/media`,
			new URLSearchParams({ image_url: url, is_carousel_item: 'true' }),
		);
		children.push(data.id);
	}
	const parent = await graph.post<{ id: string }>(
		`/${account}/media`,
		new URLSearchParams({ media_type: 'CAROUSEL', caption: 'Bench', children: children.join(',') }),
	);
	await graph.post(
		`/${account}/media_publish`,
		new URLSearchParams({ creation_id: parent.data.id }),
	);
	return performance.now() - started;
}

async function main() {
	prepareEnvironment();
	const sandbox = await startSandbox({ latencyMs: LATENCY_MS, quotaTotal: 1000 });
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
		const median = (values: number[]) =>
			[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
		const p = median(parallel);
		const s = median(sequential);
		console.log(
			`carousel, ${CHILDREN} images, ${LATENCY_MS} ms per Graph call, median of ${ROUNDS}:`,
		);
		console.log(`  node (children in parallel, through WorkflowExecute): ${p.toFixed(0)} ms`);
		console.log(`  children one after another (same calls):            ${s.toFixed(0)} ms`);
		console.log(`  speed-up: ${(s / p).toFixed(2)}x (target ≥ 3x)`);
		const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
		console.log(`  heap used after the runs: ${heapMb.toFixed(1)} MB`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

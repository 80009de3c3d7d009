/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/no-dangerous-functions -- dev-only benchmark, never shipped in dist/ */
/**
 * npm run bench — every figure of issue 13 in one run, against the Graph sandbox: Graph calls,
 * waiting strategies (the node vs the peers'), carousel parallelism, node overhead, memory of a
 * 1 GB upload (own process), preflight cost. Prints tables and writes the same
 * figures to bench/results.json. Asserts nothing: goals are read off the figures, met or missed.
 */
import { execFile } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { availableParallelism, loadavg } from 'os';
import { join } from 'path';

import { prepareEnvironment } from '../test/harness';
import { benchCarousel } from './bench/carousel';
import { ROUNDS } from './bench/common';
import { checkGoals } from './bench/goals';
import type { Figures, MemoryFigure } from './bench/goals';
import { benchGraphCalls } from './bench/graphCalls';
import { benchOverhead } from './bench/overhead';
import { benchPreflight } from './bench/preflight';
import { printReport } from './bench/report';
import { benchWaiting } from './bench/waiting';

const ROOT = join(__dirname, '..');
export const RESULTS_FILE = join(ROOT, 'bench', 'results.json');

/** Item 5 in a fresh process, so its RSS baseline is not the rest of the bench's. */
async function benchMemory(): Promise<MemoryFigure | undefined> {
	const script = join(__dirname, 'bench-upload.ts');
	const stdout = await new Promise<string>((resolve) => {
		execFile(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', script],
			{ cwd: ROOT, maxBuffer: 1024 * 1024 },
			(error, out, err) => {
				if (error) console.error(`upload bench failed: ${error.message}\n${err}`);
				resolve(out);
			},
		);
	});
	const line = stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
	return line ? (JSON.parse(line.slice('BENCH_RESULT '.length)) as MemoryFigure) : undefined;
}

async function timed<T>(label: string, body: () => Promise<T>): Promise<T> {
	const started = performance.now();
	const value = await body();
	console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return value;
}

async function main() {
	prepareEnvironment();
	const started = performance.now();
	const load = loadavg().map((n) => Math.round(n * 100) / 100);
	console.log(
		`npm run bench: ${ROUNDS} rounds per figure, medians; load average at start ${load.join(' ')} on ${availableParallelism()} cores; sections:`,
	);
	// The carousel goes first: its warm-up loads n8n-core for everything after it.
	const carousel = await timed('3 carousel', benchCarousel);
	const graphCalls = await timed('1 Graph calls', benchGraphCalls);
	const waiting = await timed('2 waiting', benchWaiting);
	const overhead = await timed('4 overhead', benchOverhead);
	const memory = await timed('5 memory (own process)', benchMemory);
	const preflight = await timed('6 preflight', benchPreflight);
	const figures: Figures = { graphCalls, waiting, carousel, overhead, memory };
	const goals = checkGoals(figures);
	printReport(figures, preflight, goals);
	const wallS = Math.round((performance.now() - started) / 100) / 10;
	mkdirSync(join(ROOT, 'bench'), { recursive: true });
	const results = {
		date: new Date().toISOString(),
		cores: availableParallelism(),
		node: process.version,
		loadAverageAtStart: load,
		rounds: ROUNDS,
		wallSeconds: wallS,
		...figures,
		preflight,
		goals,
	};
	writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, '\t')}\n`);
	console.log(`\nwall time ${wallS} s on ${results.cores} cores; figures in bench/results.json`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

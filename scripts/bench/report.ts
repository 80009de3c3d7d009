/* eslint-disable no-console -- dev-only benchmark output */
/** Prints the figures of one run as plain-text tables. */
import type { Figures, Goal } from './goals';
import type { PreflightFigure } from './preflight';
import { BASELINES, WHAT_IFS } from './strategies';
import { JITTER, JOBS_S, NODE_MAX_WAIT_S, OURS, WAIT_LATENCY_MS } from './waiting';

function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)]
		.map((text) => `  ${text.trimEnd()}`)
		.join('\n');
}

const jobLabel = (s: number) => (s < 60 ? `${s} s` : `${s / 60} min`);

export function printReport(figures: Figures, preflight: PreflightFigure, goals: Goal[]): void {
	console.log('\n1. Graph calls (compiled node through WorkflowExecute)');
	const endpoints = (byEndpoint: Record<string, number>) =>
		Object.entries(byEndpoint)
			.map(([name, n]) => `${name} ${n}`)
			.join(', ');
	console.log(
		table(
			['case', 'calls', 'minimum', 'by endpoint'],
			figures.graphCalls.map((f) => [
				f.case,
				String(f.calls),
				`${f.minimum} (${f.minimumRule})`,
				endpoints(f.byEndpoint),
			]),
		),
	);

	console.log(
		'\n2. Waiting for a reel: FINISHED → publish call, median s (mean) / status polls, median',
	);
	const strategies = [OURS, ...[...BASELINES, ...WHAT_IFS].map((b) => b.name)];
	const cell = (strategy: string, jobS: number) => {
		const f = figures.waiting.find((w) => w.strategy === strategy && w.jobS === jobS);
		if (!f) return '-';
		if (f.delayS === null) return `gives up at ${f.gaveUpAfterS} s / ${f.polls}`;
		const gaveUp = f.gaveUp ? `, ${f.gaveUp} gave up` : '';
		return `${f.delayS.toFixed(1)} s (${f.meanDelayS?.toFixed(1)}) / ${f.polls}${gaveUp}`;
	};
	console.log(
		table(
			['strategy', ...JOBS_S.map(jobLabel)],
			strategies.map((s) => [s, ...JOBS_S.map((jobS) => cell(s, jobS))]),
		),
	);
	for (const b of [...BASELINES, ...WHAT_IFS]) console.log(`  ${b.name}: ${b.source}`);
	console.log(
		`  virtual clock (no scaling; seconds are unscaled), ${WAIT_LATENCY_MS} ms per call, processing time × (1 ${JITTER.map((j) => `${j >= 0 ? '+' : ''}${j * 100}%`).join(', ')}) over the rounds; node: default poll options, Max Wait ${NODE_MAX_WAIT_S} s`,
	);

	const c = figures.carousel;
	console.log(`\n3. Carousel of ${c.children} images, ${c.latencyMs} ms per Graph call (median)`);
	console.log(
		table(
			['node (parallel children)', 'sequential children', 'speed-up'],
			[[`${c.nodeMs} ms`, `${c.sequentialMs} ms`, `${c.speedUp}×`]],
		),
	);
	const sequentialTrips = c.children + 3;
	console.log(
		`  at most ${(sequentialTrips / 4).toFixed(2)}× with these calls: ${sequentialTrips} round trips one after another vs 4 (quota, children together, parent, publish)`,
	);

	const o = figures.overhead;
	console.log(`\n4. Node overhead, ${o.items} image posts in one execution, zero-latency sandbox`);
	console.log(
		table(
			['node, ms/item', 'bare HTTP client, same calls', 'overhead, ms/item', 'same in CPU ms/item'],
			[
				[
					`${o.nodeMsPerItem}`,
					`${o.bareClientMsPerItem}`,
					`${o.overheadMsPerItem}`,
					`${o.overheadCpuMsPerItem}`,
				],
			],
		),
	);

	const m = figures.memory;
	console.log('\n5. Memory: 1 GB reel from a filesystem-mode binary (resumable upload)');
	console.log(
		m
			? `  peak RSS growth ${m.rssGrowthMb} MB (RSS before ${m.rssBeforeMb} MB), ${m.seconds} s`
			: '  not measured: the upload bench failed (see its output above)',
	);

	console.log(
		'\n6. Preflight cost: Options › Preflight on − off, media on a loopback host, per media item (median)',
	);
	console.log(
		table(
			['case', 'extra wall ms', 'extra CPU ms', 'bytes fetched', 'requests', 'kind'],
			preflight.cases.map((c) => [
				c.label,
				`${c.extraMsPerItem}`,
				`${c.extraCpuMsPerItem}`,
				`${c.bytesPerItem}`,
				`${c.requestsPerItem}`,
				c.requests,
			]),
		),
	);
	console.log(
		'  loopback: no network latency; on a real host each check also waits one round trip to it (4 carousel children at a time)',
	);

	console.log('\nGoals');
	console.log(
		table(
			['goal', 'measured', ''],
			goals.map((g) => [g.goal, g.measured, g.met ? 'met' : 'MISSED']),
		),
	);
}

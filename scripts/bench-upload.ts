/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only benchmark, never shipped in dist/ */
/**
 * npm run bench, item 5 (run in its own process, so the RSS baseline is not the other items') — a 1 GB reel from a filesystem-mode binary, through n8n's engine
 * with the compiled node, uploaded to the sandbox's resumable endpoint (Facebook Login). Prints
 * the process's peak RSS growth during the run (goal ≤ 64 MB: the bytes stream from disk to the
 * socket, never held whole) and the throughput. The sandbox runs in this process too and hashes
 * the bytes as they arrive, so the figure covers both ends.
 */
import {
	binarySha256,
	deleteStoredBinaries,
	prepareEnvironment,
	runWorkflow,
	storeBinaryStream,
	patternStream,
} from '../test/harness';
import { startSandbox } from '../test/sandbox';
import { instagramWorkflow, sandboxCredentials } from '../test/workflow/fixtures';

/** 1 GB as Meta counts it (its 1 GB reel limit is decimal; 1 GiB would be refused before upload). */
const VIDEO_BYTES = 1000 * 1000 * 1000;
const GOAL_MB = 64;
const SAMPLE_MS = 20;
const MB = 1024 * 1024;

async function main() {
	prepareEnvironment();
	const sandbox = await startSandbox({ processing: { reel: { polls: 0 } } });
	try {
		const stored = await storeBinaryStream(patternStream(VIDEO_BYTES), {
			fileName: 'bench-reel.mp4',
			mimeType: 'video/mp4',
		});
		const run = async () =>
			await runWorkflow({
				workflow: instagramWorkflow({
					parameters: {
						operation: 'reel',
						videoSource: 'binary',
						caption: 'Bench',
						options: { pollIntervalSeconds: 1, maxWaitSeconds: 60 },
					},
				}),
				credentials: sandboxCredentials(sandbox),
				inputItems: [{ json: {}, binary: { data: stored } }],
			});
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, SAMPLE_MS);
		const started = performance.now();
		const result = await run();
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		if (result.status !== 'success') throw new Error(`reel run failed: ${result.error?.message}`);
		const [upload] = sandbox.calls('upload');
		const { bytes: received, sha256 } = (upload?.body ?? {}) as { bytes?: number; sha256?: string };
		if (received !== VIDEO_BYTES) throw new Error(`the sandbox received ${received} bytes`);
		if (sha256 !== (await binarySha256(stored))) throw new Error('the uploaded bytes differ');
		const growth = (peak - baseline) / MB;
		console.log(`resumable upload, ${VIDEO_BYTES / 1e9} GB reel from a filesystem-mode binary:`);
		console.log(
			`  bytes received by the upload endpoint: ${received} (same sha256 as the stored binary)`,
		);
		console.log(
			`  time: ${seconds.toFixed(1)} s (${(VIDEO_BYTES / MB / seconds).toFixed(0)} MiB/s)`,
		);
		console.log(
			`  RSS before the run: ${(baseline / MB).toFixed(1)} MB, peak: ${(peak / MB).toFixed(1)} MB`,
		);
		console.log(`  peak RSS growth: ${growth.toFixed(1)} MB (goal ≤ ${GOAL_MB} MB)`);
		// scripts/bench.ts reads this line for the table and bench/results.json.
		console.log(
			`BENCH_RESULT ${JSON.stringify({
				videoBytes: VIDEO_BYTES,
				seconds: Math.round(seconds * 10) / 10,
				rssBeforeMb: Math.round((baseline / MB) * 10) / 10,
				rssGrowthMb: Math.round(growth * 10) / 10,
				goalMb: GOAL_MB,
			})}`,
		);
	} finally {
		await deleteStoredBinaries();
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

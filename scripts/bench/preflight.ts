/**
 * Item 6 — preflight cost: what Options › Preflight (on by default) adds per media item. The same
 * runs with the option off and on, media on a loopback host (the sandbox downloads it like Meta,
 * in both runs): 50 image posts in one execution, a 10-image carousel, 10 reels. Wall and CPU
 * time on − off, per item, medians; bytes and requests the host served to n8n (not to "Meta").
 * Loopback has no network latency: on a real host each check also costs one round trip to it
 * (carousel children 4 at a time).
 */
import type { IDataObject } from 'n8n-workflow';

import { startMediaHost, startSandbox } from '../../test/sandbox';
import type { MediaHost, Sandbox } from '../../test/sandbox';
import { measure, median, ROUNDS, round1, runNode, withVirtualClock } from './common';
import type { Timing } from './common';

export const PREFLIGHT_POSTS = 50;
const IMAGES = ['/photo-4x5.jpg', '/photo-1x1.jpg', '/photo-16x9.jpg'];

interface Case {
	label: string;
	mediaItems: number;
	/** Publishes one run must make (a check that the runs did the work). */
	publishes: number;
	virtualClock?: boolean;
	parameters: (media: MediaHost) => IDataObject;
	input?: (media: MediaHost) => Array<{ json: IDataObject }>;
}

const REELS = 10;
const numbered = (count: number, url: (i: number) => string) =>
	Array.from({ length: count }, (_, i) => ({ json: { url: url(i), caption: `Bench ${i}` } }));

const CASES: Case[] = [
	{
		label: `${PREFLIGHT_POSTS} image posts, one execution`,
		mediaItems: PREFLIGHT_POSTS,
		publishes: PREFLIGHT_POSTS,
		parameters: () => ({
			operation: 'post',
			imageUrl: '={{ $json.url }}',
			caption: '={{ $json.caption }}',
		}),
		input: (media) => numbered(PREFLIGHT_POSTS, (i) => media.urlOf(IMAGES[i % IMAGES.length])),
	},
	{
		label: 'carousel of 10 images',
		mediaItems: 10,
		publishes: 1,
		parameters: (media) => ({
			operation: 'carousel',
			caption: 'Bench',
			inputMode: 'json',
			itemsJson: JSON.stringify(
				Array.from({ length: 10 }, (_, i) => media.urlOf(IMAGES[i % IMAGES.length])),
			),
		}),
	},
	{
		// On the virtual clock: the status polls take no wall time, so the difference is the preflight's.
		label: `${REELS} reels (2 MiB MP4), one execution`,
		mediaItems: REELS,
		publishes: REELS,
		virtualClock: true,
		parameters: () => ({
			operation: 'reel',
			videoUrl: '={{ $json.url }}',
			caption: '={{ $json.caption }}',
		}),
		input: (media) => numbered(REELS, () => media.urlOf('/clip.mp4')),
	},
];

export interface PreflightCaseFigure {
	label: string;
	mediaItems: number;
	extraMsPerItem: number;
	extraCpuMsPerItem: number;
	bytesPerItem: number;
	requestsPerItem: number;
	/** Methods the host saw from n8n, e.g. "GET (Range)" or "HEAD". */
	requests: string;
}

export interface PreflightFigure {
	cases: PreflightCaseFigure[];
}

async function timedRun(
	sandbox: Sandbox,
	media: MediaHost,
	spec: Case,
	preflight: boolean,
): Promise<Timing> {
	sandbox.reset();
	media.reset();
	const run = async () =>
		await runNode(
			sandbox,
			{ ...spec.parameters(media), options: { preflight, maxWaitSeconds: 600 } },
			spec.input?.(media),
		);
	const timing = await measure(
		async () => await (spec.virtualClock ? withVirtualClock(run) : run()),
	);
	const published = sandbox.calls('publish').filter((call) => call.status === 200).length;
	if (published !== spec.publishes)
		throw new Error(`${spec.label}: ${published} publishes, expected ${spec.publishes}`);
	return timing;
}

async function benchCase(sandbox: Sandbox, media: MediaHost, spec: Case) {
	await timedRun(sandbox, media, spec, true); // warm-up
	const on: Timing[] = [];
	const off: Timing[] = [];
	let served = media.fromN8n();
	for (let round = 0; round < ROUNDS; round++) {
		off.push(await timedRun(sandbox, media, spec, false));
		if (media.fromN8n().length > 0) throw new Error(`${spec.label}: preflight off sent requests`);
		on.push(await timedRun(sandbox, media, spec, true));
		served = media.fromN8n();
	}
	const perItem = (ms: number) => Math.round((ms / spec.mediaItems) * 100) / 100;
	const extra = (key: keyof Timing) =>
		perItem(median(on.map((timing, round) => timing[key] - off[round][key])));
	const kinds = new Set(served.map((s) => (s.range ? `${s.method} (Range)` : s.method)));
	return {
		label: spec.label,
		mediaItems: spec.mediaItems,
		extraMsPerItem: extra('wallMs'),
		extraCpuMsPerItem: extra('cpuMs'),
		bytesPerItem: round1(served.reduce((sum, s) => sum + s.bytesSent, 0) / spec.mediaItems),
		requestsPerItem: round1(served.length / spec.mediaItems),
		requests: [...kinds].join(', '),
	};
}

export async function benchPreflight(): Promise<PreflightFigure> {
	const sandbox = await startSandbox({
		latencyMs: 0,
		quotaTotal: 1000,
		processing: { reel: { polls: 1 } },
	});
	const media = await startMediaHost();
	try {
		const cases: PreflightCaseFigure[] = [];
		for (const spec of CASES) cases.push(await benchCase(sandbox, media, spec));
		return { cases };
	} finally {
		await media.close();
		await sandbox.close();
	}
}

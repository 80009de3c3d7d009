import { BINARY_ENCODING } from 'n8n-workflow';

import { MEDIA_LIMITS } from '../parameters/mediaLimits';
import { mapWithLimit } from '../publish/containers';
import { graphApiIsLocal } from '../publish/media';
import type { RunContext } from '../publish/runContext';
import type { MediaRef } from '../publish/types';
import { judge } from './policy';
import { probeMedia } from './probe';
import { readFirstBytes } from './readHead';
import { carouselRatioHint, describeChecked, preflightError } from './report';
import { PREFLIGHT_READ_BYTES, shortUrl } from './response';
import type { CheckedMedia, MediaToCheck } from './types';

export type { MediaToCheck } from './types';

/** Carousel children are checked a few at a time: each is one small request to its host. */
const PARALLEL_CHECKS = 4;
/** Base64 characters that decode to the first 64 KB of an in-memory binary. */
const BASE64_HEAD_CHARS = Math.ceil(PREFLIGHT_READ_BYTES / 3) * 4;

/**
 * The item's preflight step, or undefined when Options › Preflight is off. It runs after the
 * parameters are checked and before any Graph request; a definitive problem fails the item.
 */
export function mediaPreflight(
	run: RunContext,
	itemIndex: number,
	enabled: boolean,
	media: MediaToCheck[],
): (() => Promise<void>) | undefined {
	if (!enabled || media.length === 0) return undefined;
	return async () => {
		const allowPrivateHosts = await graphApiIsLocal(run);
		const checked = await mapWithLimit(
			media,
			PARALLEL_CHECKS,
			async (entry) => await checkMedia(run, entry, allowPrivateHosts),
		);
		const failed = checked.find((entry) => entry.verdict.problem);
		if (failed) throw preflightError(run, itemIndex, failed);
		for (const entry of checked) {
			run.progress(`preflight: ${describeChecked(entry)}`);
			for (const hint of entry.verdict.hints)
				run.hint(`Item ${itemIndex}: ${entry.subject} (${entry.where}) ${hint}`);
		}
		const ratios = carouselRatioHint(checked);
		if (ratios) run.hint(`Item ${itemIndex}: ${ratios}`);
	};
}

async function checkMedia(
	run: RunContext,
	entry: MediaToCheck,
	allowPrivateHosts: boolean,
): Promise<CheckedMedia> {
	const { media, target } = entry;
	if (media.from === 'binary') {
		// Checked locally: n8n's metadata and the first bytes, no request.
		const head = await binaryHead(run, media);
		const observation = {
			status: 200,
			contentType: media.mimeType,
			size: media.bytes,
			head,
			sizeHintGiven: media.warning !== undefined,
		};
		return {
			...entry,
			where: `binary "${media.propertyName}"`,
			verdict: judge(observation, target),
		};
	}
	const where = shortUrl(media.url);
	const outcome = await probeMedia(run.ctx, {
		url: media.url,
		kind: MEDIA_LIMITS[target].kind,
		allowPrivateHosts,
		signal: run.signal,
	});
	if (outcome.kind === 'answered')
		return { ...entry, where, verdict: judge(outcome.observation, target) };
	if (outcome.kind === 'refused')
		return { ...entry, where, verdict: { problem: outcome.problem, hints: [] } };
	return {
		...entry,
		where,
		verdict: {
			hints: [
				`could not be checked: ${outcome.reason}. n8n's network is not Meta's, so the item went on; Meta reports it if it cannot fetch the file.`,
			],
		},
	};
}

async function binaryHead(
	run: RunContext,
	media: Extract<MediaRef, { from: 'binary' }>,
): Promise<Uint8Array> {
	const { binary } = media;
	if (binary.id)
		return await readFirstBytes(
			await run.ctx.helpers.getBinaryStream(binary.id),
			PREFLIGHT_READ_BYTES,
		);
	return Buffer.from(binary.data.slice(0, BASE64_HEAD_CHARS), BINARY_ENCODING);
}

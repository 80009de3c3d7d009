import { formatBytes, MEDIA_LIMITS } from '../parameters/mediaLimits';
import type { MediaTarget } from '../parameters/mediaLimits';
import { formatOfType, sniffFormat } from './formats';
import { formatProblem } from './formatProblem';
import { readJpegHeader } from './jpeg';
import { megabytes, ratioFits, ratioText } from './ratio';
import { shortUrl } from './response';
import { httpProblem } from './status';
import type { Observation, Verdict } from './types';

/** Pure: Meta's rules for the target against what the preflight saw. */
export function judge(observation: Observation, target: MediaTarget): Verdict {
	const limit = MEDIA_LIMITS[target];
	const via = observation.redirectedTo
		? ` (after a redirect to ${shortUrl(observation.redirectedTo)})`
		: '';
	const status = httpProblem(observation.status, via);
	if (status) return status;
	const declared = formatOfType(observation.contentType);
	const format = (observation.head && sniffFormat(observation.head)) ?? declared;
	const problem = formatProblem(format, declared, observation, limit, via);
	const { size } = observation;
	// An unknown size passes the size checks.
	const bytes = size ?? 0;
	if (problem) return { problem, hints: [], format, size };
	const hints: string[] = [];
	if (size === 0) {
		return {
			problem: {
				code: 'empty',
				says: `is empty (0 bytes)${via}`,
				fix: 'Check the URL: the file has no content.',
			},
			hints,
			format,
			size,
		};
	}
	if (bytes > limit.maxBytes) {
		return {
			problem: {
				code: 'size',
				says: `is ${megabytes(bytes)}; Instagram takes up to ${formatBytes(limit.maxBytes)} for ${limit.label}`,
				fix:
					limit.kind === 'image'
						? 'Make the image smaller (e.g. at most 1440 px wide, JPEG quality about 85), e.g. with an Edit Image node before this one.'
						: 'Compress or shorten the video (H.264, at most 25 Mbps) before publishing it.',
			},
			hints,
			format,
			size,
		};
	}
	if (
		!observation.sizeHintGiven &&
		limit.warnAboveBytes !== undefined &&
		bytes > limit.warnAboveBytes
	) {
		hints.push(
			`is ${megabytes(bytes)}: Meta's current docs allow ${formatBytes(limit.warnAboveBytes)} for ${limit.label} (older docs ${formatBytes(limit.maxBytes)}), so Meta may reject it.`,
		);
	}
	const jpeg = observation.head ? readJpegHeader(observation.head) : undefined;
	if (!jpeg?.width || !jpeg.height) return { hints, format, size };
	const rotated = (jpeg.orientation ?? 1) >= 5;
	const shown = rotated
		? { width: jpeg.height, height: jpeg.width }
		: { width: jpeg.width, height: jpeg.height };
	const verdict = { hints, format, size, ...shown };
	const ratio = limit.aspectRatio;
	if (!ratio) return verdict;
	const storedFits = ratioFits(jpeg.width, jpeg.height, ratio);
	const shownFits = ratioFits(shown.width, shown.height, ratio);
	if (!storedFits && !shownFits) {
		const is = ratioText(shown.width, shown.height);
		return {
			...verdict,
			problem: {
				code: 'aspectRatio',
				says: `is ${shown.width}×${shown.height} px (${is}); Instagram takes ${ratio.text} for ${limit.label}`,
				fix: `Crop it to ${ratio.text} (e.g. 1080×1350, 1080×1080 or 1080×566), e.g. with an Edit Image node before this one; this image is ${is}.`,
			},
		};
	}
	if (storedFits !== shownFits) {
		hints.push(
			`is stored as ${jpeg.width}×${jpeg.height} px but shown turned (EXIF orientation ${jpeg.orientation}) as ${ratioText(shown.width, shown.height)}; one of the two is outside ${ratio.text}, so Meta may reject it. Rotating the pixels (e.g. with an Edit Image node) avoids the doubt.`,
		);
	}
	return verdict;
}

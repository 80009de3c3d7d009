import { NodeOperationError } from 'n8n-workflow';

import type { RunContext } from '../publish/runContext';
import type { CheckedMedia } from './types';
import { FORMAT_LABELS } from './formats';
import { megabytes, ratioText } from './ratio';
import { nonAsciiCharacters } from './response';

/** The item's error for a definitive problem: what, where (item, child, URL) and what to change. */
export function preflightError(
	run: RunContext,
	itemIndex: number,
	entry: CheckedMedia,
): NodeOperationError {
	const problem = entry.verdict.problem;
	if (!problem) throw new Error('preflightError needs a problem');
	const typed = entry.media.from === 'url' ? nonAsciiCharacters(entry.media.url) : [];
	const ascii =
		typed.length && (problem.code === 'httpStatus' || problem.code === 'html')
			? ` The URL has characters outside US-ASCII (${typed.join(' ')}), sent percent-encoded as Meta requires; if the host names the file differently, rename it to plain ASCII letters.`
			: '';
	const error = new NodeOperationError(
		run.ctx.getNode(),
		`${entry.subject} (${entry.where}) ${problem.says} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `${problem.fix}${ascii} Found by the media preflight (Options › Preflight); no request was sent to Instagram.`,
		},
	);
	error.context.instagram = {
		// Not a Graph error kind: nothing was sent to Meta.
		kind: 'mediaPreflight',
		problem: problem.code,
		media: entry.where,
		...(entry.childNumber !== undefined ? { child: entry.childNumber } : {}),
		action: problem.fix,
		requestSent: false,
	};
	return error;
}

/** For the log: what the preflight found, e.g. "Image URL (https://…/a.jpg): a JPEG image, 245 KB, 1080×1350 px (4:5)". */
export function describeChecked(entry: CheckedMedia): string {
	const { verdict } = entry;
	const facts = [
		verdict.format ? FORMAT_LABELS[verdict.format] : 'type not known',
		verdict.size !== undefined ? megabytes(verdict.size) : undefined,
		verdict.width && verdict.height
			? `${verdict.width}×${verdict.height} px (${ratioText(verdict.width, verdict.height)})`
			: undefined,
	].filter((fact) => fact !== undefined);
	const unchecked = verdict.hints.some((hint) => hint.startsWith('could not be checked'));
	return `${entry.subject} (${entry.where}): ${unchecked ? 'not checked' : facts.join(', ')}`;
}

/** Instagram shows every carousel item at the first one's ratio: a hint when the image items differ. */
export function carouselRatioHint(checked: CheckedMedia[]): string | undefined {
	const images = checked.filter(
		(entry) => entry.childNumber !== undefined && entry.verdict.width && entry.verdict.height,
	);
	const ratios = images.map((entry) => ({
		child: entry.childNumber,
		text: ratioText(entry.verdict.width ?? 0, entry.verdict.height ?? 1),
		value: Math.round(((entry.verdict.width ?? 0) / (entry.verdict.height ?? 1)) * 100),
	}));
	if (new Set(ratios.map((ratio) => ratio.value)).size < 2) return undefined;
	const list = ratios.map((ratio) => `${ratio.child}: ${ratio.text}`).join(', ');
	return `the carousel's images have different aspect ratios (${list}); Instagram crops them all to the first one's (${ratios[0].text}). Crop them to one ratio if that matters.`;
}

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { MediaRef } from '../publish/types';
import { formatBytes, MEDIA_LIMITS } from './mediaLimits';
import type { MediaTarget } from './mediaLimits';
import { checkMediaUrl, InvalidParameterError } from './validate';
import type { ParameterRef } from './validate';

export interface MediaInput {
	/** `url` or `binary`, as the source parameter says. */
	source: unknown;
	url: unknown;
	propertyName: unknown;
	target: MediaTarget;
	urlRef: ParameterRef;
	propertyRef: ParameterRef;
	/** Media on loopback or private hosts are allowed only when the Graph API is itself local. */
	allowPrivateHosts: boolean;
}

/** Reads and checks one media file of an item, before any request. */
export async function readMedia(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: MediaInput,
): Promise<MediaRef> {
	if (input.source !== 'binary') {
		return {
			from: 'url',
			url: checkMediaUrl(input.url, input.urlRef, { allowPrivateHosts: input.allowPrivateHosts }),
		};
	}
	const propertyName = String(input.propertyName ?? '').trim();
	if (!propertyName) throw new InvalidParameterError(input.propertyRef, 'is required');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		throw new InvalidParameterError(
			input.propertyRef,
			`names "${propertyName.slice(0, 60)}", but the item has no binary data of that name`,
			'Set it to the name under which the previous node put the file (n8n shows it on the Binary tab of the item).',
		);
	}
	// n8n's stored size, not the item's `bytes`: older nodes omit it, and a resumable upload's
	// file_size must equal exactly what the stream will send.
	const bytes = binary.id
		? (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize
		: base64Bytes(binary.data);
	return { from: 'binary', propertyName, binary, bytes, ...checkBinaryMedia(binary, bytes, input) };
}

/** Pure: the binary's type and size against Meta's rules for the target. */
export function checkBinaryMedia(
	binary: Pick<IBinaryData, 'mimeType' | 'fileName'>,
	bytes: number,
	input: Pick<MediaInput, 'target' | 'propertyRef'>,
): { mimeType: string; warning?: string } {
	const limit = MEDIA_LIMITS[input.target];
	const mimeType = String(binary.mimeType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	const file = binary.fileName ? `"${binary.fileName.slice(0, 60)}" ` : '';
	if (!limit.mimeTypes.includes(mimeType)) {
		throw new InvalidParameterError(
			input.propertyRef,
			`holds ${file}of type ${mimeType || 'unknown'}; Instagram takes ${limit.mimeTypes.join(' or ')} for ${limit.label}`,
			limit.kind === 'image'
				? 'Convert the image to JPEG first (e.g. with the Edit Image node).'
				: 'Convert the video to MP4 (H.264, AAC) first.',
		);
	}
	if (bytes > limit.maxBytes) {
		throw new InvalidParameterError(
			input.propertyRef,
			`holds ${file}of ${formatBytes(bytes)}; Instagram takes up to ${formatBytes(limit.maxBytes)} for ${limit.label}`,
		);
	}
	if (limit.warnAboveBytes !== undefined && bytes > limit.warnAboveBytes) {
		return {
			mimeType,
			warning: `${file}is ${formatBytes(bytes)}: Meta's current docs allow ${formatBytes(limit.warnAboveBytes)} for ${limit.label} (older docs ${formatBytes(limit.maxBytes)}), so Meta may reject it.`,
		};
	}
	return { mimeType };
}

/** Pure: whether a MIME type is an image or a video, if it says. */
export function mediaKindOf(mimeType: unknown): 'image' | 'video' | undefined {
	const type = String(mimeType ?? '').toLowerCase();
	if (type.startsWith('image/')) return 'image';
	if (type.startsWith('video/')) return 'video';
	return undefined;
}

/** Pure: the decoded size of base64 text, without decoding it. */
export function base64Bytes(data: string): number {
	const text = data.replace(/\s/g, '');
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return Math.floor((text.length * 3) / 4) - padding;
}

import { checkAltText, checkMediaUrl, InvalidParameterError, parseJsonParameter } from './validate';
import type { ParameterRef } from './validate';

export const MIN_CAROUSEL_ITEMS = 2;
export const MAX_CAROUSEL_ITEMS = 10;

export interface CarouselItem {
	type: 'image' | 'video';
	url: string;
	altText?: string;
}

const IMAGE_EXTENSIONS = /\.(jpe?g)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|mov|m4v)$/i;

/** Pure: the media type from a URL's file extension, if it tells. */
export function inferMediaType(url: string): 'image' | 'video' | undefined {
	const path = url.split(/[?#]/)[0];
	if (IMAGE_EXTENSIONS.test(path)) return 'image';
	if (VIDEO_EXTENSIONS.test(path)) return 'video';
	return undefined;
}

/** Pure: 2–10 checked items from the UI list or from JSON (URL strings or { type?, url, altText? }). */
export function parseCarouselItems(raw: unknown, parameter: ParameterRef): CarouselItem[] {
	const list =
		typeof raw === 'string'
			? parseJsonParameter(
					raw,
					parameter,
					'Give a JSON array of URLs or of { type, url, altText } objects.',
				)
			: raw;
	if (!Array.isArray(list)) {
		throw new InvalidParameterError(
			parameter,
			'must be a list of media',
			'e.g. ["https://cdn.example.com/1.jpg", {"type":"video","url":"https://cdn.example.com/2.mp4"}]',
		);
	}
	if (list.length < MIN_CAROUSEL_ITEMS || list.length > MAX_CAROUSEL_ITEMS) {
		throw new InvalidParameterError(
			parameter,
			`has ${list.length} item(s); a carousel needs ${MIN_CAROUSEL_ITEMS} to ${MAX_CAROUSEL_ITEMS}`,
		);
	}
	return list.map((entry, index) => parseItem(entry, index, parameter));
}

function parseItem(entry: unknown, index: number, parameter: ParameterRef): CarouselItem {
	const ref = {
		name: `${parameter.name}[${index}]`,
		displayName: `${parameter.displayName} #${index + 1}`,
	};
	const record = (typeof entry === 'string' ? { url: entry } : entry) as Record<
		string,
		unknown
	> | null;
	if (!record || typeof record !== 'object')
		throw new InvalidParameterError(ref, 'must be a URL or { type, url, altText }');
	const url = checkMediaUrl(record.url, { ...ref, displayName: `${ref.displayName} URL` });
	const declared =
		typeof record.type === 'string' && record.type ? record.type.toLowerCase() : undefined;
	const type = declared ?? inferMediaType(url);
	if (type !== 'image' && type !== 'video') {
		throw new InvalidParameterError(
			ref,
			declared
				? `has an unknown type "${declared.slice(0, 20)}"`
				: 'has no type and its URL does not end in .jpg, .jpeg, .mp4 or .mov',
			'Give the item as { "type": "image" | "video", "url": "…" }.',
		);
	}
	const altText = checkAltText(record.altText, {
		...ref,
		displayName: `${ref.displayName} Alt Text`,
	});
	if (altText && type === 'video')
		throw new InvalidParameterError(ref, 'has alt text, which Instagram only accepts on images');
	return { type, url, ...(altText ? { altText } : {}) };
}

import { checkAltText, checkMediaUrl, InvalidParameterError, parseJsonParameter } from './validate';
import type { MediaUrlRules, ParameterRef } from './validate';

export const MIN_CAROUSEL_ITEMS = 2;
export const MAX_CAROUSEL_ITEMS = 10;

export type CarouselMediaType = 'image' | 'video';

/** A child from a URL, or from a binary property of the item (its type may come from the MIME type). */
export type CarouselItem =
	| { type: CarouselMediaType; url: string; altText?: string }
	| { type?: CarouselMediaType; binaryPropertyName: string; altText?: string };

const IMAGE_EXTENSIONS = /\.(jpe?g)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|mov|m4v)$/i;

/** Pure: the media type from a URL's file extension, if it tells. */
export function inferMediaType(url: string): 'image' | 'video' | undefined {
	const path = url.split(/[?#]/)[0];
	if (IMAGE_EXTENSIONS.test(path)) return 'image';
	if (VIDEO_EXTENSIONS.test(path)) return 'video';
	return undefined;
}

/**
 * Pure: 2–10 checked items from the UI list (`source` url | binary) or from JSON (URL strings,
 * { type?, url, altText? } or { type?, binaryPropertyName, altText? }).
 */
export function parseCarouselItems(
	raw: unknown,
	parameter: ParameterRef,
	rules: MediaUrlRules = {},
): CarouselItem[] {
	const list =
		typeof raw === 'string'
			? parseJsonParameter(
					raw,
					parameter,
					'Give a JSON array of URLs or of { type, url, altText } or { type, binaryPropertyName } objects.',
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
	return list.map((entry, index) => parseItem(entry, index, parameter, rules));
}

function parseItem(
	entry: unknown,
	index: number,
	parameter: ParameterRef,
	rules: MediaUrlRules,
): CarouselItem {
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
	if (isBinaryEntry(record, ref)) return parseBinaryItem(record, ref);
	const url = checkMediaUrl(record.url, { ...ref, displayName: `${ref.displayName} URL` }, rules);
	const declared = declaredType(record);
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
	const altText = readAltText(record, ref, type);
	return { type, url, ...(altText ? { altText } : {}) };
}

/** The UI list says so with `source`; a JSON entry by naming a binary property instead of a URL. */
function isBinaryEntry(record: Record<string, unknown>, ref: ParameterRef): boolean {
	if (record.source === 'binary') return true;
	if (record.source !== undefined) return false;
	const named = record.binaryPropertyName !== undefined;
	if (named && record.url !== undefined)
		throw new InvalidParameterError(ref, 'has both a url and a binaryPropertyName; give one');
	return named;
}

function parseBinaryItem(record: Record<string, unknown>, ref: ParameterRef): CarouselItem {
	const binaryPropertyName =
		typeof record.binaryPropertyName === 'string' ? record.binaryPropertyName.trim() : '';
	if (!binaryPropertyName) {
		throw new InvalidParameterError(
			{ ...ref, displayName: `${ref.displayName} Input Binary Field` },
			'is required',
			'Name the input binary field that holds the file, e.g. "data".',
		);
	}
	const declared = declaredType(record);
	if (declared !== undefined && declared !== 'image' && declared !== 'video')
		throw new InvalidParameterError(ref, `has an unknown type "${declared.slice(0, 20)}"`);
	const altText = readAltText(record, ref, declared);
	return {
		...(declared ? { type: declared } : {}),
		binaryPropertyName,
		...(altText ? { altText } : {}),
	};
}

function declaredType(record: Record<string, unknown>): string | undefined {
	return typeof record.type === 'string' && record.type ? record.type.toLowerCase() : undefined;
}

/** Alt text is for images; a binary child without a type is checked again once its type is known. */
export function readAltText(
	record: Record<string, unknown>,
	ref: ParameterRef,
	type: string | undefined,
): string | undefined {
	const altText = checkAltText(record.altText, {
		...ref,
		displayName: `${ref.displayName} Alt Text`,
	});
	if (altText && type === 'video')
		throw new InvalidParameterError(ref, 'has alt text, which Instagram only accepts on images');
	return altText;
}

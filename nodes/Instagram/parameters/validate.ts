import { isPrivateHost } from '../transport/hosts';

/** A parameter as the user sees it (label) and as workflows store it (name). */
export interface ParameterRef {
	name: string;
	displayName: string;
}

/** Raised by the pure checks below; the router turns it into a NodeOperationError for the item. */
export class InvalidParameterError extends Error {
	constructor(
		readonly parameter: ParameterRef,
		problem: string,
		readonly hint?: string,
	) {
		super(`'${parameter.displayName}' (${parameter.name}) ${problem}`);
		this.name = 'InvalidParameterError';
	}
}

export const CAPTION_MAX_CHARS = 2200;
export const CAPTION_MAX_HASHTAGS = 30;
export const CAPTION_MAX_MENTIONS = 20;
export const ALT_TEXT_MAX_CHARS = 1000;

export interface MediaUrlRules {
	/**
	 * Loopback and private media hosts are fine when the Graph API itself is local (the sandbox or
	 * a proxy on the same network), since whatever downloads the media is then local too.
	 */
	allowPrivateHosts?: boolean;
}

/** Pure: a URL Meta's servers can fetch: http(s), a public host, ASCII-encoded. Returns it normalised. */
export function checkMediaUrl(
	value: unknown,
	parameter: ParameterRef,
	rules: MediaUrlRules = {},
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text)
		throw new InvalidParameterError(
			parameter,
			'is required',
			'Enter a public https URL of the file, e.g. https://cdn.example.com/photo.jpg',
		);
	const url = parseUrl(text);
	if (!url)
		throw new InvalidParameterError(
			parameter,
			'is not a valid URL',
			'Enter a full URL starting with https://',
		);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new InvalidParameterError(
			parameter,
			'must be an http(s) URL',
			'Meta downloads the file itself, so it needs a public web address.',
		);
	}
	if (!rules.allowPrivateHosts && isPrivateHost(url.hostname)) {
		throw new InvalidParameterError(
			parameter,
			'must be a public URL',
			'Meta downloads the file from its own servers, so localhost and private network addresses cannot work. Host the file publicly (e.g. a CDN or object storage).',
		);
	}
	// A non-ASCII path is percent-encoded below; a non-ASCII host would silently become punycode
	// (xn--…), which can be a look-alike of the host the user meant.
	if (/[^ -~]/.test(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '')) {
		throw new InvalidParameterError(
			parameter,
			'has non-ASCII characters in its host name',
			'Use the host name in ASCII (its xn-- form) if you really mean it.',
		);
	}
	if (url.username || url.password) {
		throw new InvalidParameterError(
			parameter,
			'must not contain a user name or password',
			'Meta cannot log in to fetch media.',
		);
	}
	return url.href;
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** Pure: caption limits from Meta's docs (2200 characters, 30 hashtags, 20 @-mentions). */
export function checkCaption(value: unknown, parameter: ParameterRef): string | undefined {
	const caption =
		typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (!caption) return undefined;
	if (caption.length > CAPTION_MAX_CHARS) {
		throw new InvalidParameterError(
			parameter,
			`is ${caption.length} characters long; Instagram allows ${CAPTION_MAX_CHARS}`,
		);
	}
	const hashtags = caption.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
	if (hashtags > CAPTION_MAX_HASHTAGS) {
		throw new InvalidParameterError(
			parameter,
			`has ${hashtags} hashtags; Instagram allows ${CAPTION_MAX_HASHTAGS}`,
			'Move extra hashtags to Options › First Comment.',
		);
	}
	const mentions = caption.match(/(^|[^\p{L}\p{N}_.])@[A-Za-z0-9._]+/gu)?.length ?? 0;
	if (mentions > CAPTION_MAX_MENTIONS) {
		throw new InvalidParameterError(
			parameter,
			`has ${mentions} @-mentions; Instagram allows ${CAPTION_MAX_MENTIONS}`,
		);
	}
	return caption;
}

export function checkAltText(value: unknown, parameter: ParameterRef): string | undefined {
	const text = typeof value === 'string' ? value : '';
	if (!text) return undefined;
	if (text.length > ALT_TEXT_MAX_CHARS) {
		throw new InvalidParameterError(
			parameter,
			`is ${text.length} characters long; Instagram allows ${ALT_TEXT_MAX_CHARS}`,
		);
	}
	return text;
}

/** Pure: a numeric Graph id (IG account, container, Page/location). */
export function checkGraphId(
	value: unknown,
	parameter: ParameterRef,
	options: { allowMe?: boolean } = {},
): string {
	const id = String(value ?? '').trim();
	if (options.allowMe && id === 'me') return id;
	if (!/^\d{5,25}$/.test(id)) {
		throw new InvalidParameterError(
			parameter,
			'must be a numeric ID',
			'e.g. 17841400000000000; pick the account from the list or paste its ID.',
		);
	}
	return id;
}

export function checkOptionalGraphId(value: unknown, parameter: ParameterRef): string | undefined {
	return value === undefined || value === null || value === ''
		? undefined
		: checkGraphId(value, parameter);
}

/** Pure: a whole number within bounds (e.g. a thumbnail offset in ms). */
export function checkInteger(
	value: unknown,
	parameter: ParameterRef,
	min: number,
	max: number,
): number {
	const number = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(number) || number < min || number > max) {
		throw new InvalidParameterError(parameter, `must be a whole number from ${min} to ${max}`);
	}
	return number;
}

const NOT_JSON = Symbol('not JSON');

/** Pure: parses JSON text given in a parameter; invalid JSON names the parameter. */
export function parseJsonParameter(text: string, parameter: ParameterRef, hint: string): unknown {
	const parsed = tryParseJson(text);
	if (parsed === NOT_JSON) throw new InvalidParameterError(parameter, 'is not valid JSON', hint);
	return parsed;
}

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

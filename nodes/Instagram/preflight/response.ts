/** Pure helpers for the preflight's one request: headers, sizes, redirects, URLs in messages. */

/** The bytes the preflight reads of a file at most: enough for any JPEG header or `ftyp` box. */
export const PREFLIGHT_READ_BYTES = 64 * 1024;
export const RANGE_HEADER = `bytes=0-${PREFLIGHT_READ_BYTES - 1}`;

export type Headers = Record<string, unknown>;

/** Pure: a header's value, whatever the case of its name and whether it came as a list. */
export function headerOf(headers: Headers, name: string): string | undefined {
	const value = Object.entries(headers).find(
		([candidate]) => candidate.toLowerCase() === name,
	)?.[1];
	const first = Array.isArray(value) ? (value as unknown[])[0] : value;
	return first === undefined || first === null ? undefined : String(first);
}

export interface ContentRange {
	start: number;
	end: number;
	/** The whole file's size; undefined for `*` (unknown). */
	total?: number;
}

/** Pure: `bytes 0-65535/1234567` (or `bytes *\/1234567` in a 416) → its numbers. */
export function parseContentRange(value: string | undefined): ContentRange | undefined {
	const match = /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i.exec(String(value));
	if (!match) return undefined;
	const total = match[3] === '*' ? undefined : Number(match[3]);
	if (match[1] === undefined) return total === undefined ? undefined : { start: 0, end: -1, total };
	return { start: Number(match[1]), end: Number(match[2]), total };
}

/**
 * Pure: the whole file's size from an answer. A 206 says it in Content-Range; a 200 (the host
 * ignored the range, or answered a HEAD) in Content-Length; a 416 in `Content-Range: bytes *\/size`.
 */
export function fileSizeOf(status: number, headers: Headers): number | undefined {
	if (status === 206 || status === 416)
		return parseContentRange(headerOf(headers, 'content-range'))?.total;
	if (status < 200 || status >= 300) return undefined;
	const length = headerOf(headers, 'content-length');
	return length !== undefined && /^\d+$/.test(length.trim()) ? Number(length) : undefined;
}

/** Pure: where a redirect points (absolute), or undefined if the answer is not one. */
export function redirectTarget(status: number, headers: Headers, from: string): string | undefined {
	if (![301, 302, 303, 307, 308].includes(status)) return undefined;
	const location = headerOf(headers, 'location');
	if (!location) return undefined;
	try {
		return new URL(location, from).href;
	} catch {
		return undefined;
	}
}

const MAX_URL_CHARS = 80;

/** Pure: a URL for messages: no query string or fragment (they may hold tokens), at most 80 characters. */
export function shortUrl(url: string): string {
	let text: string;
	try {
		const parsed = new URL(url);
		text = `${parsed.origin}${parsed.pathname}`;
	} catch {
		text = url.split(/[?#]/)[0];
	}
	if (text.length <= MAX_URL_CHARS) return text;
	return `${text.slice(0, 50)}…${text.slice(-(MAX_URL_CHARS - 51))}`;
}

/** Pure: the non-ASCII characters the user typed into a URL (normalised URLs carry them percent-encoded). */
export function nonAsciiCharacters(url: string): string[] {
	let decoded: string;
	try {
		const parsed = new URL(url);
		decoded = decodeURIComponent(parsed.pathname) + parsed.hostname;
	} catch {
		return [];
	}
	return [...new Set([...decoded].filter((character) => character.charCodeAt(0) > 127))];
}

const NETWORK_REASONS: Array<[RegExp, string]> = [
	[/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'its host name was not found'],
	[/^ECONNREFUSED$/, 'the connection was refused'],
	[
		/^(ETIMEDOUT|ECONNABORTED|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/,
		'it did not answer in time',
	],
	[/^(ECONNRESET|EPIPE|ERR_STREAM_PREMATURE_CLOSE)$/, 'the connection was reset'],
	[/^(EHOSTUNREACH|ENETUNREACH|ENETDOWN)$/, 'its network is unreachable from n8n'],
	[/CERT|TLS|SSL|SELF_SIGNED/, "its TLS certificate was not accepted by n8n's host"],
];

/** Pure: why a request got no answer, in words (never the error's own text: it may quote the URL). */
export function networkReason(error: unknown): string {
	const record = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
	const code = String(record.code ?? record.cause?.code ?? '');
	const reason = NETWORK_REASONS.find(([pattern]) => pattern.test(code))?.[1];
	return reason ?? (code ? `the request failed (${code.slice(0, 40)})` : 'the request failed');
}

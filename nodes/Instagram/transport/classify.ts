import type { GraphErrorBody, GraphErrorDetails, GraphErrorKind } from './errorKinds';

// Codes from Meta's error-handling guide and the Instagram error-code reference.
const AUTH_CODES = new Set([102, 190]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001, 80002]);
const TRANSIENT_CODES = new Set([1, 2]);
const TRANSIENT_SUBCODES = new Set([2207001, 2207003, 2207008, 2207032]);
const EXPIRED_SUBCODES = new Set([2207006, 2207020, 2207053]);
const RESTRICTED_SUBCODES = new Set([2207050, 2207051, 2207081]);
const INVALID_MEDIA_CODES = new Set([352, 9004, 36000, 36001, 36003, 36004]);
const TOKEN_EXPIRED_SUBCODE = 463;

/** Pure: turns an HTTP status and a Graph error body into a classified error. */
export function classifyGraphError(
	httpStatus: number | undefined,
	body: GraphErrorBody | undefined,
): GraphErrorDetails {
	const code = body?.code;
	const subcode = body?.error_subcode;
	const details: GraphErrorDetails = {
		kind: kindOf(httpStatus, code, subcode, body?.is_transient),
		httpStatus,
		code,
		subcode,
		fbtraceId: body?.fbtrace_id,
		isTransient: body?.is_transient,
		metaMessage: body?.message,
		userTitle: body?.error_user_title,
		userMessage: body?.error_user_msg,
	};
	if (code === 190 && subcode === TOKEN_EXPIRED_SUBCODE) details.tokenExpired = true;
	return dropUndefined(details);
}

function kindOf(
	httpStatus: number | undefined,
	code: number | undefined,
	subcode: number | undefined,
	isTransient: boolean | undefined,
): GraphErrorKind {
	if (code === undefined) return kindFromStatus(httpStatus);
	if (AUTH_CODES.has(code)) return 'auth';
	if (code === 9 && subcode === 2207042) return 'quota';
	if (code === 9007 || subcode === 2207027) return 'notReady';
	if (subcode !== undefined && RESTRICTED_SUBCODES.has(subcode)) return 'permission';
	if (RATE_LIMIT_CODES.has(code)) return 'rateLimit';
	if (subcode !== undefined && EXPIRED_SUBCODES.has(subcode)) return 'expired';
	if (subcode !== undefined && TRANSIENT_SUBCODES.has(subcode)) return 'transient';
	// A specific publishing subcode (e.g. 1/2207057, bad thumbnail offset) outranks a generic code.
	if (INVALID_MEDIA_CODES.has(code) || isMediaSubcode(subcode)) return 'invalidMedia';
	if (TRANSIENT_CODES.has(code) || isTransient === true) return 'transient';
	if (code === 10 || (code >= 200 && code <= 299) || code === 368 || httpStatus === 403)
		return 'permission';
	if (code === 100) return 'invalidRequest';
	return kindFromStatus(httpStatus);
}

function kindFromStatus(httpStatus: number | undefined): GraphErrorKind {
	if (httpStatus === undefined) return 'transient';
	if (httpStatus === 401) return 'auth';
	if (httpStatus === 403) return 'permission';
	if (httpStatus === 429) return 'rateLimit';
	if (httpStatus >= 500) return 'transient';
	return 'unknown';
}

function isMediaSubcode(subcode: number | undefined): boolean {
	return subcode !== undefined && subcode >= 2207000 && subcode < 2208000;
}

/** Pure: the subcode Meta buries in a container's `status` text, e.g. "…failed with error code 2207026". */
export function parseStatusSubcode(statusText: string | undefined): number | undefined {
	const match = /error code (\d+)/i.exec(statusText ?? '');
	return match ? Number(match[1]) : undefined;
}

/** Pure: the longest wait Meta asks for in a usage header, in minutes. */
export function regainAccessMinutes(
	headers: Record<string, unknown> | undefined,
): number | undefined {
	const raw = headerValue(headers, 'x-business-use-case-usage');
	if (!raw) return undefined;
	try {
		const usage = JSON.parse(raw) as Record<
			string,
			Array<{ estimated_time_to_regain_access?: number }>
		>;
		const waits = Object.values(usage)
			.flat()
			.map((entry) => entry.estimated_time_to_regain_access ?? 0);
		return waits.length ? Math.max(...waits) : undefined;
	} catch {
		return undefined;
	}
}

/** Pure: the highest usage percentage Meta reports for this app/account. */
export function usagePercent(headers: Record<string, unknown> | undefined): number | undefined {
	const values: number[] = [];
	for (const name of ['x-app-usage', 'x-business-use-case-usage']) {
		const raw = headerValue(headers, name);
		if (!raw) continue;
		const numbers = raw.match(/"(?:call_count|total_cputime|total_time)":\s*(\d+)/g) ?? [];
		for (const entry of numbers) values.push(Number(entry.split(':')[1]));
	}
	return values.length ? Math.max(...values) : undefined;
}

function headerValue(
	headers: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((header) => header.toLowerCase() === name);
	const value = key ? headers[key] : undefined;
	return typeof value === 'string' ? value : undefined;
}

function dropUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

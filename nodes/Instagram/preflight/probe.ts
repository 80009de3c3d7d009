import type { IExecuteFunctions } from 'n8n-workflow';

import { asNodeError } from '../transport/errors';
import { isPrivateHost } from '../transport/hosts';
import { discardBody, readFirstBytes } from './readHead';
import {
	fileSizeOf,
	headerOf,
	networkReason,
	PREFLIGHT_READ_BYTES,
	RANGE_HEADER,
	redirectTarget,
	shortUrl,
} from './response';
import type { Headers } from './response';
import type { Observation, Problem } from './types';

/** Its own short timeout: a slow answer to n8n says little about Meta's download. */
export const PREFLIGHT_TIMEOUT_MS = 5_000;
export const MAX_REDIRECTS = 5;
/** HEAD answers that mean "not this way" (S3-style signed links are signed for GET only). */
const HEAD_REFUSED = [400, 403, 405, 501];

export type ProbeOutcome =
	| { kind: 'answered'; observation: Observation }
	/** No answer (DNS, refused, timeout): not definitive, n8n's network is not Meta's. */
	| { kind: 'unreachable'; reason: string }
	| { kind: 'refused'; problem: Problem };

export interface ProbeRequest {
	url: string;
	kind: 'image' | 'video';
	/** A redirect to a private host is refused unless the Graph API is itself local. */
	allowPrivateHosts: boolean;
	signal?: AbortSignal;
}

interface FullResponse {
	body: unknown;
	headers: Headers;
	statusCode: number;
}

/**
 * The preflight's one request for a media URL. Images: a ranged GET for the first 64 KB (type,
 * size, JPEG header). Videos: a HEAD, or that ranged GET when the host refuses HEAD.
 */
export async function probeMedia(
	ctx: IExecuteFunctions,
	request: ProbeRequest,
): Promise<ProbeOutcome> {
	if (request.kind === 'image') return await follow(ctx, request, 'GET');
	const head = await follow(ctx, request, 'HEAD');
	if (head.kind !== 'answered' || !HEAD_REFUSED.includes(head.observation.status)) return head;
	const url = head.observation.redirectedTo ?? request.url;
	return await follow(ctx, { ...request, url }, 'GET');
}

/** Follows redirects itself (at most 5), so that every hop is checked against the reachability rule. */
async function follow(
	ctx: IExecuteFunctions,
	request: ProbeRequest,
	method: 'GET' | 'HEAD',
): Promise<ProbeOutcome> {
	let current = request.url;
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		const response = await send(ctx, current, method, request.signal);
		if ('reason' in response) return { kind: 'unreachable', reason: response.reason };
		const next = redirectTarget(response.statusCode, response.headers, current);
		if (next === undefined) {
			const observation = await observe(response, method);
			if (hop > 0) observation.redirectedTo = current;
			return { kind: 'answered', observation };
		}
		discardBody(response.body);
		const problem = redirectProblem(next, request.allowPrivateHosts);
		if (problem) return { kind: 'refused', problem };
		current = next;
	}
	return {
		kind: 'refused',
		problem: {
			code: 'redirect',
			says: `redirects more than ${MAX_REDIRECTS} times`,
			fix: 'Use the final, direct link to the file.',
		},
	};
}

async function send(
	ctx: IExecuteFunctions,
	url: string,
	method: 'GET' | 'HEAD',
	signal: AbortSignal | undefined,
): Promise<FullResponse | { reason: string }> {
	try {
		return (await ctx.helpers.httpRequest({
			url,
			method,
			// identity: sizes and first bytes as stored, not compressed for the wire.
			headers:
				method === 'GET'
					? { Range: RANGE_HEADER, 'Accept-Encoding': 'identity' }
					: { 'Accept-Encoding': 'identity' },
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: PREFLIGHT_TIMEOUT_MS,
			abortSignal: signal,
		})) as FullResponse;
	} catch (error) {
		// A cancelled execution stops here; anything else is only "no answer".
		if (signal?.aborted) throw asNodeError(ctx.getNode(), error);
		return { reason: networkReason(error) };
	}
}

async function observe(response: FullResponse, method: 'GET' | 'HEAD'): Promise<Observation> {
	const status = response.statusCode;
	const success = status >= 200 && status < 300;
	const observation: Observation = {
		status,
		contentType: headerOf(response.headers, 'content-type'),
		size: fileSizeOf(status, response.headers),
	};
	if (method === 'GET' && success)
		observation.head = await readFirstBytes(response.body, PREFLIGHT_READ_BYTES);
	else discardBody(response.body);
	return observation;
}

function redirectProblem(next: string, allowPrivateHosts: boolean): Problem | undefined {
	const target = new URL(next);
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		return {
			code: 'redirect',
			says: `redirects to a ${target.protocol} address, which Meta cannot download`,
			fix: 'Use a direct http(s) link to the file.',
		};
	}
	if (!allowPrivateHosts && isPrivateHost(target.hostname)) {
		return {
			code: 'redirect',
			says: `redirects to ${shortUrl(next)}, a private address Meta's servers cannot reach`,
			fix: 'Host the file publicly (e.g. a CDN or object storage) and use that link.',
		};
	}
	return undefined;
}

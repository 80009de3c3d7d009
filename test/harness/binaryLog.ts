/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// What the signed-URL server (binaryServer.ts) received; loading this file does not load n8n-core.
import type { IncomingMessage } from 'http';
import { sleep } from 'n8n-workflow';

export interface SignedUrlRequest {
	seq: number;
	/** Date.now() when the request arrived. */
	at: number;
	method: string;
	/** Path and query as received (the token included). */
	url: string;
	path: string;
	userAgent?: string;
	/** The JWT verified (true) or not (false); undefined when never checked (bot filter, bad query, other route). */
	tokenValid?: boolean;
	/** The binary data id the token names, once it verified. */
	binaryDataId?: string;
	status: number;
	/** Response headers, lower-case names. */
	headers: Record<string, string>;
	/** Body bytes written (after compression, when n8n's compression() would compress). */
	bytesSent: number;
	/** Text body of a 400 (n8n's error message) or the zod issue's message of a malformed query. */
	error?: string;
	/** `streaming` until the body is sent; `aborted` when the client went away first. */
	state: 'streaming' | 'finished' | 'aborted';
}

/** Set by binaryServer.ts while its server runs, so closing it never loads n8n-core. */
export const serverLifecycle: { close?: () => Promise<void> } = {};

const log: SignedUrlRequest[] = [];
let seq = 0;

/** Every request the signed-URL server received in this process so far (a copy, oldest first). */
export const signedUrlRequests = (): SignedUrlRequest[] => [...log];

/** Next sequence number: requests with `seq >=` this arrive from now on. */
export const nextSignedRequestSeq = () => seq + 1;

export function signedRequestsSince(firstSeq: number, beforeSeq = nextSignedRequestSeq()) {
	return log.filter((r) => r.seq >= firstSeq && r.seq < beforeSeq);
}

/**
 * Resolves once no logged response is still `streaming` (a client can read the last byte a moment
 * before the server's stream reports its end), or after `timeoutMs`.
 */
export async function signedRequestsSettled(timeoutMs = 5000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (log.some((r) => r.state === 'streaming') && Date.now() < until) await sleep(5);
}

export function clearSignedUrlRequests(): void {
	log.length = 0;
}

export function newSignedRequest(req: IncomingMessage): SignedUrlRequest {
	const ua = req.headers['user-agent'];
	const rec: SignedUrlRequest = {
		seq: ++seq,
		at: Date.now(),
		method: req.method ?? 'GET',
		url: req.url ?? '/',
		path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
		userAgent: Array.isArray(ua) ? ua[0] : ua,
		status: 0,
		headers: {},
		bytesSent: 0,
		state: 'streaming',
	};
	log.push(rec);
	return rec;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// n8n 2.41.1's `GET /rest/binary-data/signed?token=…` (BinaryDataController.getSigned), on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { Socket } from 'net';
import { pipeline, Transform } from 'stream';
import { constants, createBrotliCompress, createDeflate, createGzip } from 'zlib';
import { FileNotFoundError, getHtmlSandboxCSP, isValidNonDefaultMode } from 'n8n-core';
import type { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { binaryDataService } from './binary';
import { newSignedRequest, serverLifecycle, type SignedUrlRequest } from './binaryLog';
import { fromCore } from './progress';

export const SIGNED_PATH = '/rest/binary-data/signed';

// ---- n8n's compression() (compression 1.8.1 with its defaults: threshold 1 kB, br > gzip > deflate)

const EXTRACT_TYPE = /^\s*([^;\s]*)(?:;|\s|$)/;
function compressible(type: string): boolean {
	const db = fromCore<Record<string, { compressible?: boolean } | undefined>>('mime-db');
	const mime = (EXTRACT_TYPE.exec(type)?.[1] ?? '').toLowerCase();
	const known = db[mime]?.compressible;
	return known ?? /^text\/|\+(?:json|text|xml)$/i.test(mime);
}

function negotiateEncoding(accept: string | undefined): 'br' | 'gzip' | 'deflate' | undefined {
	if (!accept) return undefined;
	const q = new Map<string, number>();
	for (const part of accept.split(',')) {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (!coding) continue;
		const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v);
		q.set(coding, weight === undefined ? 1 : Number(weight));
	}
	const quality = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
	let best: 'br' | 'gzip' | 'deflate' | undefined;
	for (const coding of ['br', 'gzip', 'deflate'] as const)
		if (quality(coding) > 0 && (best === undefined || quality(coding) > quality(best)))
			best = coding;
	if (best && (q.get('identity') ?? 0) > quality(best)) return undefined;
	return best;
}

/** What compression() does to the response; returns the compressor to pipe through, if any. */
function applyCompression(req: IncomingMessage, res: ServerResponse): Transform | undefined {
	const type = res.getHeader('Content-Type');
	if (typeof type !== 'string' || !compressible(type)) return undefined;
	res.setHeader('Vary', 'Accept-Encoding');
	const length = res.getHeader('Content-Length');
	if (length !== undefined && Number(length) < 1024) return undefined;
	if (req.method === 'HEAD') return undefined;
	const encoding = negotiateEncoding(req.headers['accept-encoding']);
	if (!encoding) return undefined;
	res.setHeader('Content-Encoding', encoding);
	res.removeHeader('Content-Length');
	return encoding === 'br'
		? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
		: encoding === 'gzip'
			? createGzip()
			: createDeflate();
}

// ---- BinaryDataController.getSigned

class BadRequest extends Error {}

/** BinaryDataController.validateBinaryDataId. */
function validateBinaryDataId(id: string | undefined): asserts id is string {
	if (!id) throw new BadRequest('Missing binary data ID');
	const separator = id.indexOf(':');
	if (separator === -1) throw new BadRequest('Malformed binary data ID');
	if (!isValidNonDefaultMode(id.substring(0, separator)))
		throw new BadRequest('Invalid binary data mode');
	const path = id.substring(separator + 1);
	if (path === '' || path === '/' || path === '//')
		throw new BadRequest('Malformed binary data ID');
	if (path.split(/[/\\]/).includes('..')) throw new BadRequest('Malformed binary data ID');
}

/** The zod issue BinaryDataSignedQueryDto reports (n8n answers it as JSON with status 400). */
function queryIssue(tokens: string[]): Record<string, unknown> | undefined {
	if (tokens.length === 0)
		return {
			code: 'invalid_type',
			expected: 'string',
			received: 'undefined',
			path: ['token'],
			message: 'Required',
		};
	if (tokens.length > 1)
		return {
			code: 'invalid_type',
			expected: 'string',
			received: 'array',
			path: ['token'],
			message: 'Expected string, received array',
		};
	if (!/^[A-Za-z0-9-_]+\.[A-Za-z0-9-_]+\.[A-Za-z0-9-_]+$/.test(tokens[0]))
		return {
			validation: 'regex',
			code: 'invalid_string',
			message: 'Token must be a valid JWT format',
			path: ['token'],
		};
	return undefined;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

type Settled<T> = { value: T } | { error: unknown };

/** The result or the error of `run` (so unexpected errors are rethrown outside a catch clause). */
function settle<T>(run: () => T): Settled<T> {
	try {
		return { value: run() };
	} catch (error: unknown) {
		return { error };
	}
}

async function settleAsync<T>(run: () => Promise<T>): Promise<Settled<T>> {
	try {
		return { value: await run() };
	} catch (error: unknown) {
		return { error };
	}
}

const JWT_ERRORS = ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'];

function headersOf(res: ServerResponse): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(res.getHeaders()))
		if (value !== undefined) out[name] = String(value);
	return out;
}

async function handle(req: IncomingMessage, res: ServerResponse, rec: SignedUrlRequest) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const end = (status: number, body?: string, type?: string) => {
		if (type) res.setHeader('Content-Type', type);
		// compression() adds Vary to every compressible response; behind it a body without a
		// Content-Length (the controller's res.end(message)) goes out chunked.
		if (type && compressible(type)) res.setHeader('Vary', 'Accept-Encoding');
		res.statusCode = status;
		rec.status = status;
		rec.headers = headersOf(res);
		if (body !== undefined) res.write(body);
		res.end();
		rec.state = 'finished';
	};
	// n8n's bot filter (isbot.spawn(['bot'])) runs before every REST route: 204, nothing else.
	if (rec.userAgent !== undefined && /bot/i.test(rec.userAgent)) return end(204);
	const method = req.method ?? 'GET';
	const route = url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;
	if (route !== SIGNED_PATH || (method !== 'GET' && method !== 'HEAD')) {
		// Express's finalhandler page (any other route of n8n's REST API is out of scope here).
		const page = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${escapeHtml(method)} ${escapeHtml(url.pathname)}</pre>\n</body>\n</html>\n`;
		res.setHeader('Content-Security-Policy', "default-src 'none'");
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Content-Length', Buffer.byteLength(page));
		return end(404, page, 'text/html; charset=utf-8');
	}
	const issue = queryIssue(url.searchParams.getAll('token'));
	if (issue) {
		rec.error = String(issue.message);
		const json = JSON.stringify(issue);
		res.setHeader('Content-Length', Buffer.byteLength(json)); // res.json()
		return end(400, json, 'application/json; charset=utf-8');
	}
	const service = await binaryDataService();
	const verified = settle(() => {
		const id = service.validateSignedToken(url.searchParams.get('token') as string);
		rec.tokenValid = true;
		validateBinaryDataId(id);
		return id;
	});
	if ('error' in verified) {
		const { error } = verified;
		const badToken = error instanceof Error && JWT_ERRORS.includes(error.name);
		if (!(badToken || error instanceof BadRequest)) throw error;
		if (badToken) rec.tokenValid = false;
		rec.error = (error as Error).message;
		return end(400, rec.error);
	}
	const id = verified.value;
	rec.binaryDataId = id;
	// setContentHeaders(id, 'download', res): metadata errors are ignored, as in n8n.
	let fileName: string | undefined;
	let mimeType: string | undefined;
	try {
		const metadata = await service.getMetadata(id);
		fileName = metadata.fileName;
		mimeType = metadata.mimeType;
		res.setHeader('Content-Length', metadata.fileSize);
		expectedBytes.set(rec, metadata.fileSize);
	} catch {
		// n8n: `catch {}`
	}
	if (mimeType) res.setHeader('Content-Type', mimeType);
	res.setHeader('Content-Security-Policy', getHtmlSandboxCSP());
	res.setHeader(
		'Content-Disposition',
		fileName ? `attachment; filename="${encodeURIComponent(fileName)}"` : 'attachment',
	);
	const opened = await settleAsync(async () => await service.getAsStream(id));
	if ('error' in opened) {
		if (!(opened.error instanceof FileNotFoundError)) throw opened.error;
		// n8n would keep a Content-Length of surviving metadata and send no body; dropped so clients don't hang.
		res.removeHeader('Content-Length');
		return end(404);
	}
	const body = opened.value;
	const compressor = applyCompression(req, res);
	rec.status = 200;
	rec.headers = headersOf(res);
	if (method === 'HEAD') {
		body.destroy();
		return end(200);
	}
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			rec.bytesSent += chunk.length;
			callback(null, chunk);
		},
	});
	const done = (error: NodeJS.ErrnoException | null) => {
		rec.state = error && !wholeBodySent(rec, compressor !== undefined) ? 'aborted' : 'finished';
	};
	res.statusCode = 200;
	if (compressor) pipeline(body, compressor, counter, res, done);
	else pipeline(body, counter, res, done);
}

/** The file size each download announced, for telling a finished download from an aborted one. */
const expectedBytes = new WeakMap<SignedUrlRequest, number>();

/**
 * A client that has read the whole body may close the connection before the server sees its own
 * 'finish': that is a finished download, not an aborted one. (Compressed bodies have no known size.)
 */
function wholeBodySent(rec: SignedUrlRequest, compressed: boolean): boolean {
	const expected = expectedBytes.get(rec);
	return !compressed && expected !== undefined && rec.bytesSent >= expected;
}

// ---- lifecycle

interface Running {
	server: Server;
	origin: string;
	sockets: Set<Socket>;
}
let running: Promise<Running> | undefined;

async function listen(): Promise<Running> {
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		const rec = newSignedRequest(req);
		res.on('close', () => {
			if (rec.state !== 'streaming') return;
			rec.state = res.writableFinished || wholeBodySent(rec, false) ? 'finished' : 'aborted';
		});
		handle(req, res, rec).catch((error: unknown) => {
			rec.error = error instanceof Error ? error.message : String(error);
			rec.status = 500;
			rec.state = 'finished';
			if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ code: 0, message: rec.error }));
		});
	});
	// Never keeps a process (or a jest worker) alive on its own.
	server.on('connection', (socket) => {
		socket.unref();
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	server.unref();
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { server, origin: `http://127.0.0.1:${port}`, sockets };
}

/** Starts the server once (lazily); `restApiUrl` is what additionalData.restApiUrl must be. */
export async function startBinaryServer(): Promise<{ origin: string; restApiUrl: string }> {
	running ??= listen().catch((error: unknown) => {
		running = undefined;
		throw error;
	});
	serverLifecycle.close = closeBinaryServer;
	const { origin } = await running;
	return { origin, restApiUrl: `${origin}/rest` };
}

/** What `this.helpers.createBinarySignedUrl(binary, expiresIn)` returns in a run, outside of one. */
export async function createBinarySignedUrl(
	binary: IBinaryData,
	expiresIn?: Parameters<BinaryDataService['createSignedToken']>[1],
): Promise<string> {
	const [{ restApiUrl }, service] = await Promise.all([startBinaryServer(), binaryDataService()]);
	return `${restApiUrl}/binary-data/signed?token=${service.createSignedToken(binary, expiresIn)}`;
}

/** Closes the server and its connections (a later use starts a new one on another port). */
export async function closeBinaryServer(): Promise<void> {
	const current = running;
	running = undefined;
	serverLifecycle.close = undefined;
	if (!current) return;
	const { server, sockets } = await current;
	for (const socket of sockets) socket.destroy();
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

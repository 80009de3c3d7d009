/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Meta downloads `image_url` / `video_url` / `file_url` itself: for loopback URLs the sandbox does too.
import { createHash } from 'crypto';
import { request as httpRequest, type IncomingMessage } from 'http';
import { request as httpsRequest } from 'https';
import { pipeline, Writable, type Transform } from 'stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'zlib';

import type { Container } from './model';
import type { MediaFetch, MediaFetchKind, MediaFetchOptions } from './types';

/** The crawler user agent Meta is known to fetch link and media URLs with (n8n's bot filter lets it through). */
export const META_USER_AGENT =
	'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)';

/** `http(s)://localhost`, `127.x.x.x` or `[::1]`: the only URLs the sandbox really downloads. */
export function isLoopbackUrl(url: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
	const host = parsed.hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function decoder(encoding: string | undefined): Transform | undefined {
	switch ((encoding ?? '').trim().toLowerCase()) {
		case 'gzip':
		case 'x-gzip':
			return createGunzip();
		case 'deflate':
			return createInflate();
		case 'br':
			return createBrotliDecompress();
		default:
			return undefined;
	}
}

const header = (res: IncomingMessage, name: string) => {
	const v = res.headers[name];
	return Array.isArray(v) ? v[0] : v;
};

/** Downloads `url`, hashing the (decoded) body as it streams; never rejects. */
function download(
	rec: MediaFetch,
	options: MediaFetchOptions,
	signal: AbortSignal,
	started: number,
): Promise<MediaFetch> {
	return new Promise((resolve) => {
		const hash = createHash('sha256');
		const finish = (error?: Error | null) => {
			if (rec.done) return;
			rec.sha256 = hash.digest('hex');
			if (error) rec.error = error.message;
			rec.ok =
				!error && rec.status >= 200 && rec.status < 300 && rec.status !== 204 && rec.bytes > 0;
			if (!error && !rec.ok)
				rec.error =
					rec.status === 204 || (rec.status >= 200 && rec.status < 300)
						? `HTTP ${rec.status} with an empty body`
						: `HTTP ${rec.status}`;
			rec.durationMs = Date.now() - started;
			rec.done = true;
			resolve(rec);
		};
		const url = new URL(rec.url);
		const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = request(
			url,
			{
				method: 'GET',
				headers: {
					'User-Agent': rec.userAgent,
					Accept: '*/*',
					'Accept-Encoding': 'gzip, deflate',
				},
				signal,
				rejectUnauthorized: false,
			},
			(res) => {
				rec.status = res.statusCode ?? 0;
				rec.contentType = header(res, 'content-type');
				const length = header(res, 'content-length');
				rec.contentLength = length === undefined ? undefined : Number(length);
				rec.contentEncoding = header(res, 'content-encoding');
				const sink = new Writable({
					write(chunk: Buffer, _encoding, callback) {
						hash.update(chunk);
						rec.bytes += chunk.length;
						callback();
					},
				});
				const decode = decoder(rec.contentEncoding);
				const done = (error: NodeJS.ErrnoException | null) => finish(error);
				if (decode) pipeline(res, decode, sink, done);
				else pipeline(res, sink, done);
			},
		);
		const idleMs = options.idleTimeoutMs ?? 30_000;
		req.setTimeout(idleMs, () => req.destroy(new Error(`no data for ${idleMs} ms`)));
		req.on('error', (error) => finish(error));
		req.end();
	});
}

/** Runs and records the sandbox's media downloads. */
export class MediaFetcher {
	readonly records: MediaFetch[] = [];
	private readonly byContainer = new Map<string, Promise<MediaFetch>>();
	private readonly running = new Set<Promise<MediaFetch>>();
	private controller = new AbortController();
	private seq = 0;

	constructor(
		private readonly options: MediaFetchOptions,
		private readonly clock: () => number,
	) {}

	/** Downloads now (an image, while its container is created). */
	async fetch(url: string, kind: MediaFetchKind, containerId?: string): Promise<MediaFetch> {
		const rec: MediaFetch = {
			seq: ++this.seq,
			at: this.clock(),
			url,
			kind,
			containerId,
			userAgent: this.options.userAgent ?? META_USER_AGENT,
			status: 0,
			bytes: 0,
			sha256: '',
			ok: false,
			done: false,
			durationMs: 0,
		};
		this.records.push(rec);
		const job = download(rec, this.options, this.controller.signal, Date.now());
		this.running.add(job);
		try {
			return await job;
		} finally {
			this.running.delete(job);
		}
	}

	/** Downloads while the container processes (a video or `file_url`): IN_PROGRESS until done, ERROR 2207052 if it fails. */
	background(c: Container, url: string, kind: MediaFetchKind): void {
		c.fetch = 'pending';
		c.fetched = undefined;
		const job = this.fetch(url, kind, c.id).then((rec) => {
			c.fetched = rec;
			c.fetch = 'done';
			// A processingError fault the test asked for keeps its own subcode.
			if (!rec.ok) c.errorSubcode ??= 2207052;
			return rec;
		});
		this.byContainer.set(c.id, job);
		void job.finally(() => {
			if (this.byContainer.get(c.id) === job) this.byContainer.delete(c.id);
		});
	}

	/** Waits (at most `ms`) for the container's running download. */
	async waitFor(containerId: string | undefined, ms: number): Promise<void> {
		const job = containerId === undefined ? undefined : this.byContainer.get(containerId);
		if (!job) return;
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, ms);
		});
		try {
			await Promise.race([job, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	async settled(): Promise<void> {
		while (this.running.size > 0 || this.byContainer.size > 0) {
			await Promise.all([...this.running, ...this.byContainer.values()]);
			// let the `finally` handlers that empty byContainer run
			await new Promise<void>((resolve) => setImmediate(resolve));
		}
	}

	/** Aborts the running downloads (they end with status 0 and an abort error) and waits for them. */
	async abortAll(): Promise<void> {
		const jobs = [...this.running, ...this.byContainer.values()];
		const old = this.controller;
		this.controller = new AbortController();
		old.abort();
		await Promise.allSettled(jobs);
	}

	clear(): void {
		this.records.length = 0;
		this.seq = 0;
	}
}

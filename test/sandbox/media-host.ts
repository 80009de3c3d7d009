/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// A media host on 127.0.0.1 serving the sample media, logging every request and the bytes it sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'http';

import { META_USER_AGENT } from './media-fetch';
import { jpegSample, LOGIN_PAGE, mp4Sample, pngSample } from './samples';

/** One request the media host answered. `bytesSent`: body bytes handed to the socket before it closed. */
export interface MediaServed {
	seq: number;
	/** Date.now() when the request arrived (the sandbox logs Graph requests with the same clock by default). */
	at: number;
	method: string;
	path: string;
	range?: string;
	userAgent?: string;
	/** Whether it came from the sandbox's Meta download (facebookexternalhit), not from n8n. */
	byMeta: boolean;
	status: number;
	bytesSent: number;
	/** The client closed the connection before the whole body was sent. */
	aborted: boolean;
}

interface Sample {
	type: string;
	body: () => Buffer;
	/** Answer HEAD with 405, as some hosts do. */
	refuseHead?: boolean;
	/** Answer 200 with the whole body whatever the Range header says. */
	ignoreRange?: boolean;
	/** Pause between 16 KB chunks, like a host farther away than 127.0.0.1 (so a closed connection is seen). */
	paceMs?: number;
}

const cached = (make: () => Buffer) => {
	let buffer: Buffer | undefined;
	return () => (buffer ??= make());
};
const jpeg = (width: number, height: number, options?: Parameters<typeof jpegSample>[2]) => ({
	type: 'image/jpeg',
	body: cached(() => jpegSample(width, height, options)),
});
const MIB = 1024 * 1024;

/** The catalogue: path → sample. Statuses and redirects are in `answerSpecial`. */
export const SAMPLES: Record<string, Sample> = {
	'/photo-4x5.jpg': jpeg(1080, 1350),
	'/photo-1x1.jpg': jpeg(1080, 1080),
	'/photo-16x9.jpg': jpeg(1920, 1080),
	'/story-9x16.jpg': jpeg(1080, 1920),
	'/wide-3x1.jpg': jpeg(3000, 1000),
	'/rotated-portrait.jpg': jpeg(1350, 1080, { orientation: 6 }),
	'/big-exif.jpg': jpeg(3000, 1000, { commentBytes: 70_000 }),
	'/huge.jpg': jpeg(1080, 1080, { totalBytes: 9 * MIB }),
	'/ignores-range.jpg': {
		...jpeg(1080, 1350, { totalBytes: 6 * MIB }),
		ignoreRange: true,
		paceMs: 1,
	},
	'/photo.png': { type: 'image/png', body: cached(() => pngSample(1080, 1080)) },
	'/png-named.jpg': { type: 'image/jpeg', body: cached(() => pngSample(1080, 1080)) },
	'/clip.mp4': { type: 'video/mp4', body: cached(() => mp4Sample(2 * MIB)) },
	'/clip.mov': { type: 'video/quicktime', body: cached(() => mp4Sample(MIB, 'qt  ')) },
	'/no-head/clip.mp4': {
		type: 'video/mp4',
		body: cached(() => mp4Sample(2 * MIB)),
		refuseHead: true,
	},
	'/login': { type: 'text/html; charset=utf-8', body: cached(() => Buffer.from(LOGIN_PAGE)) },
};

export interface MediaHost {
	url: string;
	/** Every request, in order. */
	served: MediaServed[];
	/** Requests from n8n (the preflight), i.e. not the sandbox's Meta downloads. */
	fromN8n(): MediaServed[];
	urlOf(path: string): string;
	reset(): void;
	close(): Promise<void>;
}

function answerSpecial(path: string, res: ServerResponse): number | undefined {
	const send = (status: number, headers: Record<string, string>, body = '') => {
		res.writeHead(status, { 'Content-Length': String(Buffer.byteLength(body)), ...headers });
		res.end(body);
		return status;
	};
	if (path === '/forbidden.jpg') return send(403, { 'Content-Type': 'text/plain' }, 'Forbidden');
	if (path === '/share/photo.jpg') return send(302, { Location: '/login?next=%2Fphoto.jpg' });
	if (path.startsWith('/moved/')) return send(301, { Location: path.slice('/moved'.length) });
	if (!(path in SAMPLES)) return send(404, { 'Content-Type': 'text/plain' }, 'Not Found');
	return undefined;
}

/** Sends `body` in 16 KB chunks with back-pressure, counting what the socket took until it closed. */
async function stream(
	res: ServerResponse,
	body: Buffer,
	record: MediaServed,
	paceMs = 0,
): Promise<void> {
	for (let at = 0; at < body.length && !res.destroyed; at += 16 * 1024) {
		const chunk = body.subarray(at, at + 16 * 1024);
		record.bytesSent += chunk.length;
		if (!res.write(chunk)) await drained(res);
		if (paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs));
	}
	record.aborted = res.destroyed && record.bytesSent < body.length;
	res.end();
}

async function drained(res: ServerResponse): Promise<void> {
	await new Promise<void>((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

async function answer(
	req: IncomingMessage,
	res: ServerResponse,
	record: MediaServed,
): Promise<void> {
	const special = answerSpecial(record.path, res);
	if (special !== undefined) {
		record.status = special;
		return;
	}
	const sample = SAMPLES[record.path];
	const body = sample.body();
	if (record.method === 'HEAD') {
		record.status = sample.refuseHead ? 405 : 200;
		res.writeHead(
			record.status,
			sample.refuseHead
				? { Allow: 'GET' }
				: {
						'Content-Type': sample.type,
						'Content-Length': String(body.length),
						'Accept-Ranges': 'bytes',
					},
		);
		res.end();
		return;
	}
	const range = /^bytes=(\d+)-(\d*)$/.exec(record.range ?? '');
	if (range && !sample.ignoreRange) {
		const start = Number(range[1]);
		const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
		record.status = 206;
		res.writeHead(206, {
			'Content-Type': sample.type,
			'Content-Length': String(end - start + 1),
			'Content-Range': `bytes ${start}-${end}/${body.length}`,
		});
		return await stream(res, body.subarray(start, end + 1), record);
	}
	record.status = 200;
	res.writeHead(200, { 'Content-Type': sample.type, 'Content-Length': String(body.length) });
	await stream(res, body, record, sample.paceMs);
}

/** Starts the media host on 127.0.0.1 (`port` 0: any free port). */
export async function startMediaHost(port = 0): Promise<MediaHost> {
	const served: MediaServed[] = [];
	const server = createServer((req, res) => {
		const userAgent = req.headers['user-agent'];
		const record: MediaServed = {
			seq: served.length + 1,
			at: Date.now(),
			method: req.method ?? 'GET',
			path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
			range: req.headers.range,
			userAgent,
			byMeta: userAgent === META_USER_AGENT,
			status: 0,
			bytesSent: 0,
			aborted: false,
		};
		served.push(record);
		void answer(req, res, record).catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address();
	const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	return {
		url,
		served,
		fromN8n: () => served.filter((record) => !record.byMeta),
		urlOf: (path: string) => `${url}${path}`,
		reset: () => {
			served.length = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

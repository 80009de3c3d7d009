/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import axios from 'axios';
import { createHash } from 'crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import { gzipSync } from 'zlib';

import { isLoopbackUrl, META_USER_AGENT } from './index';
import { IG, JPG, MP4, sandboxes } from './test-utils';

const JPEG = Buffer.from('\xff\xd8\xff\xe0 sandbox jpeg bytes', 'latin1');
const VIDEO = Buffer.alloc(2_000_000, 7);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A loopback media host: what Meta would download from (an n8n signed URL, a local file server). */
async function mediaHost() {
	const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
	let release: () => void = () => undefined;
	let held = Promise.resolve();
	const server: Server = createServer((req, res) => {
		const path = req.url ?? '/';
		seen.push({ path, headers: req.headers });
		const send = (status: number, body: Buffer, type: string, extra = {}) => {
			res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, ...extra });
			res.end(body);
		};
		if (path === '/a.jpg') return send(200, JPEG, 'image/jpeg');
		if (path === '/clip.mp4') return send(200, VIDEO, 'video/mp4');
		if (path === '/held.mp4') return void held.then(() => send(200, VIDEO, 'video/mp4'));
		if (path === '/gz.jpg')
			return send(200, gzipSync(JPEG), 'image/jpeg', { 'Content-Encoding': 'gzip' });
		if (path === '/bot.jpg') {
			res.writeHead(204);
			return res.end();
		}
		if (path === '/empty.jpg') return send(200, Buffer.alloc(0), 'image/jpeg');
		return send(404, Buffer.from('not found'), 'text/plain');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: (path: string) => `http://127.0.0.1:${port}${path}`,
		port,
		seen,
		/** Requests for /held.mp4 wait until release(). */
		hold() {
			held = new Promise<void>((resolve) => (release = resolve));
		},
		release: () => release(),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return typeof address === 'object' && address ? address.port : 0;
}

describe('Graph sandbox: Meta downloads loopback media URLs', () => {
	const h = sandboxes();
	let host: Awaited<ReturnType<typeof mediaHost>>;
	beforeEach(async () => {
		host = await mediaHost();
	});
	afterEach(async () => await host.close());

	it('isLoopbackUrl: localhost, 127.x.x.x and [::1] over http(s) only', () => {
		for (const url of [
			'http://127.0.0.1:5678/rest/binary-data/signed?token=a.b.c',
			'https://127.8.9.10/x.jpg',
			'http://localhost/x.jpg',
			'http://LOCALHOST:1/x',
			'http://[::1]:8080/x.mp4',
			'http://127.1/x.jpg',
		])
			expect([url, isLoopbackUrl(url)]).toEqual([url, true]);
		for (const url of [
			'https://cdn.example.com/a.jpg',
			'http://127.0.0.1.evil.example.com/a.jpg',
			'http://localhost.evil.example.com/a.jpg',
			'http://10.0.0.1/a.jpg',
			'ftp://127.0.0.1/a.jpg',
			'file:///tmp/a.jpg',
			'not a url',
		])
			expect([url, isLoopbackUrl(url)]).toEqual([url, false]);
	});

	it('an image is downloaded while its container is created; fetched is on the container and in /__sandbox/state', async () => {
		const { sb, api } = await h.open();
		const url = host.url('/a.jpg');
		const created = await api.post(`/${IG}/media`, { image_url: url, caption: 'local' });
		expect(created.status).toBe(200);
		const fetched = {
			seq: 1,
			at: h.now,
			url,
			kind: 'image',
			containerId: created.data.id,
			userAgent: META_USER_AGENT,
			status: 200,
			bytes: JPEG.length,
			sha256: sha(JPEG),
			contentType: 'image/jpeg',
			contentLength: JPEG.length,
			ok: true,
			done: true,
		};
		expect(sb.fetches).toEqual([{ ...fetched, durationMs: expect.any(Number) }]);
		expect(host.seen).toEqual([
			{
				path: '/a.jpg',
				headers: expect.objectContaining({
					'user-agent': META_USER_AGENT,
					'accept-encoding': 'gzip, deflate',
				}),
			},
		]);
		const state = (await axios.get(`${sb.url}/__sandbox/state`)).data;
		expect(state.containers[0]).toMatchObject({
			id: created.data.id,
			fetch: 'done',
			fetched,
			status_code: 'FINISHED',
		});
		expect(state.fetches).toEqual([expect.objectContaining(fetched)]);
		expect((await api.post(`/${IG}/media_publish`, { creation_id: created.data.id })).status).toBe(
			200,
		);
		// gzip is undone before hashing
		await api.post(`/${IG}/media`, { image_url: host.url('/gz.jpg') });
		expect(sb.fetches[1]).toMatchObject({
			contentEncoding: 'gzip',
			bytes: JPEG.length,
			sha256: sha(JPEG),
		});
		// localhost resolves to loopback too
		const port = new URL(url).port;
		await api.post(`/${IG}/media`, { image_url: `http://localhost:${port}/a.jpg` });
		expect(sb.fetches[2]).toMatchObject({ status: 200, ok: true, sha256: sha(JPEG) });
	});

	it('a failed image download (404, 204 as n8n answers bots, empty, refused) fails the create with 9004/2207052', async () => {
		const { sb, api } = await h.open();
		const refused = `http://127.0.0.1:${await closedPort()}/a.jpg`;
		const cases: Array<[string, number, string]> = [
			[host.url('/nope.jpg'), 404, 'HTTP 404'],
			[host.url('/bot.jpg'), 204, 'HTTP 204 with an empty body'],
			[host.url('/empty.jpg'), 200, 'HTTP 200 with an empty body'],
			[refused, 0, expect.stringContaining('ECONNREFUSED') as unknown as string],
		];
		for (const [url, status, error] of cases) {
			const res = await api.post(`/${IG}/media`, { image_url: url });
			expect(res.status).toBe(400);
			expect(res.data.error).toMatchObject({
				code: 9004,
				error_subcode: 2207052,
				error_user_msg: expect.stringContaining(
					`The media could not be fetched from this URI: ${url}.`,
				),
			});
			expect(sb.fetches.at(-1)).toMatchObject({
				url,
				status,
				ok: false,
				error,
				containerId: undefined,
			});
		}
		expect((await axios.get(`${sb.url}/__sandbox/state`)).data.containers).toEqual([]);
	});

	it('a video is downloaded in the background: IN_PROGRESS meanwhile, status reads wait for it, publish is refused', async () => {
		const { sb, api } = await h.open();
		host.hold();
		const url = host.url('/held.mp4');
		const { id } = (await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: url })).data;
		expect(sb.fetches).toEqual([
			expect.objectContaining({ kind: 'video', containerId: id, done: false }),
		]);
		const state = (await axios.get(`${sb.url}/__sandbox/state`)).data;
		expect(state.containers[0]).toMatchObject({ fetch: 'pending', status_code: 'IN_PROGRESS' });
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).data.error).toMatchObject({
			code: 9007,
			error_subcode: 2207027,
		});
		const firstRead = api.get(`/${id}?fields=status_code`);
		setTimeout(() => host.release(), 50);
		expect((await firstRead).data.status_code).toBe('IN_PROGRESS');
		expect(sb.fetches[0]).toMatchObject({
			done: true,
			ok: true,
			bytes: VIDEO.length,
			sha256: sha(VIDEO),
		});
		const codes = [];
		for (let i = 0; i < 2; i++)
			codes.push((await api.get(`/${id}?fields=status_code`)).data.status_code);
		expect(codes).toEqual(['IN_PROGRESS', 'FINISHED']);
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
	});

	it('a failed video download ends the container in ERROR 2207052; a processingError fault keeps its subcode', async () => {
		const { sb, api } = await h.open({ processing: { reel: { polls: 0 } } });
		const bad = await api.post(`/${IG}/media`, {
			media_type: 'REELS',
			video_url: host.url('/x.mp4'),
		});
		expect(bad.status).toBe(200);
		expect((await api.get(`/${bad.data.id}?fields=status_code,status`)).data).toMatchObject({
			status_code: 'ERROR',
			status: 'Error: Media upload has failed with error code 2207052',
		});
		sb.fault({ endpoint: 'createContainer', kind: 'processingError', subcode: 2207026 });
		const faulty = await api.post(`/${IG}/media`, {
			media_type: 'REELS',
			video_url: host.url('/x.mp4'),
		});
		expect((await api.get(`/${faulty.data.id}?fields=status_code,status`)).data.status).toBe(
			'Error: Media upload has failed with error code 2207026',
		);
		const good = await api.post(`/${IG}/media`, {
			media_type: 'REELS',
			video_url: host.url('/clip.mp4'),
		});
		await sb.fetchesSettled();
		expect(sb.fetches.map((f) => [f.kind, f.status, f.ok])).toEqual([
			['video', 404, false],
			['video', 404, false],
			['video', 200, true],
		]);
		expect((await api.get(`/${good.data.id}?fields=status_code`)).data.status_code).toBe(
			'FINISHED',
		);
	});

	it('a loopback file_url of a resumable upload is downloaded in the background too', async () => {
		const { sb, api } = await h.open();
		const { id, uri } = (
			await api.post(`/${IG}/media`, { media_type: 'REELS', upload_type: 'resumable' })
		).data;
		const up = await axios.post(uri, undefined, {
			headers: {
				Authorization: `OAuth ${sb.tokens.facebook}`,
				offset: '0',
				file_url: host.url('/clip.mp4'),
			},
		});
		expect(up.data).toEqual({ success: true, message: 'Upload successful.' });
		await sb.fetchesSettled();
		expect(sb.fetches).toEqual([
			expect.objectContaining({ kind: 'file_url', containerId: id, ok: true, sha256: sha(VIDEO) }),
		]);
	});

	it('other URLs are never fetched; reset() aborts running downloads', async () => {
		const { sb, api } = await h.open();
		await api.post(`/${IG}/media`, { image_url: JPG });
		await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: MP4 });
		expect(sb.fetches).toEqual([]);
		expect(host.seen).toEqual([]);
		host.hold();
		await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: host.url('/held.mp4') });
		const running = sb.fetches[0];
		sb.reset();
		await sb.fetchesSettled();
		expect(running).toMatchObject({
			done: true,
			ok: false,
			status: 0,
			error: expect.stringMatching(/abort/i),
		});
		expect(sb.fetches).toEqual([]);
		host.release();
	});
});

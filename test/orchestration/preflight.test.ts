/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only: a stream stands in for a response body */
import { NodeOperationError } from 'n8n-workflow';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { Readable } from 'stream';

import { mediaPreflight } from '../../nodes/Instagram/preflight/check';
import type { MediaToCheck } from '../../nodes/Instagram/preflight/check';
import { probeMedia } from '../../nodes/Instagram/preflight/probe';
import type { ProbeRequest } from '../../nodes/Instagram/preflight/probe';
import { readFirstBytes } from '../../nodes/Instagram/preflight/readHead';
import { createContainer } from '../../nodes/Instagram/publish/containers';
import { runPublishPlan } from '../../nodes/Instagram/publish/pipeline';
import type { PublishPlan } from '../../nodes/Instagram/publish/pipeline';
import { publishAtOnce } from '../../nodes/Instagram/publish/wait';
import { jpegSample, pngSample } from '../sandbox/samples';
import { ACCOUNT, CONTAINER, MEDIA, rejection, staticDataWith } from './publishFixtures';
import { fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

interface Answer {
	status: number;
	headers?: Record<string, string | undefined>;
	body?: Buffer;
}
type Host = (request: IHttpRequestOptions) => Answer | Error;

/** A fake n8n httpRequest over a function of the request; records every request and its body stream. */
function mediaHost(fake: FakeRun, host: Host) {
	const requests: IHttpRequestOptions[] = [];
	const bodies: Readable[] = [];
	const helpers = {
		httpRequest: async (request: IHttpRequestOptions) => {
			requests.push(request);
			const answer = host(request);
			if (answer instanceof Error) throw answer;
			const body = Readable.from(chunks(answer.body ?? Buffer.alloc(0)));
			bodies.push(body);
			return await Promise.resolve({
				body,
				headers: answer.headers ?? {},
				statusCode: answer.status,
			});
		},
	};
	(fake.run.ctx as unknown as { helpers: typeof helpers }).helpers = helpers;
	return { requests, bodies };
}

function* chunks(buffer: Buffer) {
	for (let at = 0; at < buffer.length; at += 16 * 1024) yield buffer.subarray(at, at + 16 * 1024);
}

const networkError = (code: string) =>
	Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
const request = (url: string, kind: ProbeRequest['kind'] = 'image'): ProbeRequest => ({
	url,
	kind,
	allowPrivateHosts: false,
});

describe('probeMedia: one request, redirects checked hop by hop', () => {
	it('images: one ranged GET, as a stream, no redirects followed by n8n, a short timeout', async () => {
		const fake = fakeRun();
		const jpeg = jpegSample(1080, 1350);
		const { requests } = mediaHost(fake, () => ({
			status: 206,
			headers: {
				'content-type': 'image/jpeg',
				'content-range': `bytes 0-${jpeg.length - 1}/${jpeg.length}`,
			},
			body: jpeg,
		}));
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/a.jpg'));
		expect(outcome).toEqual({
			kind: 'answered',
			observation: {
				status: 206,
				contentType: 'image/jpeg',
				size: jpeg.length,
				head: expect.any(Buffer),
			},
		});
		expect(requests).toEqual([
			{
				url: 'https://cdn.example.com/a.jpg',
				method: 'GET',
				headers: { Range: 'bytes=0-65535', 'Accept-Encoding': 'identity' },
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: 5000,
				abortSignal: undefined,
			},
		]);
	});

	it('a body longer than 64 KB is read to 64 KB and destroyed', async () => {
		const fake = fakeRun();
		const { bodies } = mediaHost(fake, () => ({
			status: 200,
			headers: { 'content-length': '3000000' },
			body: Buffer.alloc(3_000_000),
		}));
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/a.jpg'));
		expect(outcome.kind === 'answered' && outcome.observation.head?.length).toBe(65536);
		expect(outcome.kind === 'answered' && outcome.observation.size).toBe(3_000_000);
		expect(bodies[0].destroyed).toBe(true);
	});

	it('follows up to 5 redirects (relative ones too) and says where it ended', async () => {
		const fake = fakeRun();
		const { requests, bodies } = mediaHost(fake, ({ url }) =>
			url.endsWith('/5')
				? { status: 200, headers: { 'content-type': 'image/jpeg' }, body: jpegSample(8, 8) }
				: { status: 302, headers: { location: String(Number(url.slice(-1)) + 1) } },
		);
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/r/0'));
		expect(requests.map((sent) => sent.url)).toEqual(
			[0, 1, 2, 3, 4, 5].map((n) => `https://cdn.example.com/r/${n}`),
		);
		expect(outcome).toMatchObject({
			kind: 'answered',
			observation: { status: 200, redirectedTo: 'https://cdn.example.com/r/5' },
		});
		expect(bodies.slice(0, 5).every((body) => body.destroyed)).toBe(true);
	});

	it('more than 5 redirects: refused after the sixth answer', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, ({ url }) => ({
			status: 301,
			headers: { location: `${url}x` },
		}));
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/a'));
		expect(outcome).toEqual({
			kind: 'refused',
			problem: {
				code: 'redirect',
				says: 'redirects more than 5 times',
				fix: 'Use the final, direct link to the file.',
			},
		});
		expect(requests).toHaveLength(6);
	});

	it.each([
		[
			'a private host',
			'http://192.168.1.20/a.jpg',
			/^redirects to http:\/\/192\.168\.1\.20\/a\.jpg, a private address Meta's servers cannot reach$/,
		],
		[
			'localhost',
			'http://localhost:8080/a.jpg?token=secret',
			/^redirects to http:\/\/localhost:8080\/a\.jpg, a private/,
		],
		[
			'a non-web address',
			'ftp://cdn.example.com/a.jpg',
			/^redirects to a ftp: address, which Meta cannot download$/,
		],
	])('a redirect to %s is refused without following it', async (_, location, says) => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, () => ({ status: 302, headers: { location } }));
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/a.jpg'));
		expect(outcome).toEqual({
			kind: 'refused',
			problem: { code: 'redirect', says: expect.stringMatching(says), fix: expect.any(String) },
		});
		expect(requests).toHaveLength(1);
	});

	it('a redirect to a private host is followed when the Graph API is local too', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, ({ url }) =>
			url.includes('127.0.0.1')
				? { status: 200 }
				: { status: 302, headers: { location: 'http://127.0.0.1:9/a.jpg' } },
		);
		const outcome = await probeMedia(fake.run.ctx, {
			...request('https://cdn.example.com/a.jpg'),
			allowPrivateHosts: true,
		});
		expect(outcome).toMatchObject({ kind: 'answered', observation: { status: 200 } });
		expect(requests).toHaveLength(2);
	});

	it('video: a HEAD; a 404 to HEAD is the answer (no second request)', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, () => ({ status: 404 }));
		const outcome = await probeMedia(
			fake.run.ctx,
			request('https://cdn.example.com/v.mp4', 'video'),
		);
		expect(outcome).toMatchObject({ kind: 'answered', observation: { status: 404 } });
		expect(requests.map((sent) => [sent.method, sent.headers])).toEqual([
			['HEAD', { 'Accept-Encoding': 'identity' }],
		]);
	});

	it.each([400, 403, 405, 501])(
		'video: HEAD answered %d → the ranged GET, at the URL HEAD was redirected to',
		async (status) => {
			const fake = fakeRun();
			const { requests } = mediaHost(fake, ({ method, url }) =>
				url === 'https://cdn.example.com/v.mp4'
					? { status: 302, headers: { location: '/signed/v.mp4' } }
					: method === 'HEAD'
						? { status }
						: { status: 206, headers: { 'content-type': 'video/mp4' } },
			);
			const outcome = await probeMedia(
				fake.run.ctx,
				request('https://cdn.example.com/v.mp4', 'video'),
			);
			expect(requests.map((sent) => `${sent.method} ${sent.url}`)).toEqual([
				'HEAD https://cdn.example.com/v.mp4',
				'HEAD https://cdn.example.com/signed/v.mp4',
				'GET https://cdn.example.com/signed/v.mp4',
			]);
			expect(outcome).toMatchObject({
				kind: 'answered',
				observation: { status: 206, contentType: 'video/mp4' },
			});
		},
	);

	it('video: HEAD not answered → unreachable, no GET', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, () => networkError('ECONNREFUSED'));
		await expect(
			probeMedia(fake.run.ctx, request('https://cdn.example.com/v.mp4', 'video')),
		).resolves.toEqual({ kind: 'unreachable', reason: 'the connection was refused' });
		expect(requests).toHaveLength(1);
	});

	it('a cancelled execution is not "unreachable": the abort goes through', async () => {
		const fake = fakeRun();
		const controller = new AbortController();
		controller.abort();
		const abort = Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' });
		mediaHost(fake, () => abort);
		const error = await rejection(
			probeMedia(fake.run.ctx, {
				...request('https://cdn.example.com/a.jpg'),
				signal: controller.signal,
			}),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).cause).toBe(abort);
	});

	it('error answers are not read, only let go', async () => {
		const fake = fakeRun();
		const { bodies } = mediaHost(fake, () => ({
			status: 403,
			headers: { 'content-type': 'text/html' },
			body: Buffer.from('<html>'),
		}));
		const outcome = await probeMedia(fake.run.ctx, request('https://cdn.example.com/a.jpg'));
		expect(outcome).toEqual({
			kind: 'answered',
			observation: { status: 403, contentType: 'text/html', size: undefined },
		});
		expect(bodies[0].destroyed).toBe(true);
	});
});

describe('readFirstBytes', () => {
	it('takes buffers as they are, up to the limit', async () => {
		await expect(readFirstBytes(Buffer.from('abcdef'), 4)).resolves.toEqual(Buffer.from('abcd'));
	});
	it('a stream that breaks off gives what arrived', async () => {
		async function* broken() {
			yield Buffer.from('abc');
			throw new Error('reset');
		}
		await expect(readFirstBytes(broken(), 10)).resolves.toEqual(Buffer.from('abc'));
	});
	it('strings are bytes too; anything else is nothing', async () => {
		await expect(readFirstBytes(Readable.from(['ab', 'cd']), 3)).resolves.toEqual(
			Buffer.from('abc'),
		);
		await expect(readFirstBytes(undefined, 3)).resolves.toEqual(new Uint8Array(0));
	});
});

const url = (path: string) => `https://cdn.example.com${path}`;
const child = (n: number, path: string): MediaToCheck => ({
	media: { from: 'url', url: url(path) },
	target: 'carouselImage',
	subject: `Carousel item ${n}`,
	childNumber: n,
});
/** Serves /png… as PNG, /wide… as 3:1, /gone as 404, /down with no answer, anything else as a 4:5 JPEG. */
const catalogue: Host = ({ url: requested }) => {
	if (requested.includes('/down')) return networkError('ENOTFOUND');
	if (requested.endsWith('/gone')) return { status: 404 };
	const body = requested.includes('/png')
		? pngSample(8, 8)
		: requested.includes('/wide')
			? jpegSample(300, 100)
			: jpegSample(1080, 1350);
	return {
		status: 206,
		headers: { 'content-range': `bytes 0-${body.length - 1}/${body.length}` },
		body,
	};
};

describe('mediaPreflight', () => {
	it('off (or nothing to check): no step at all', () => {
		const fake = fakeRun();
		expect(mediaPreflight(fake.run, 0, false, [child(1, '/a.jpg')])).toBeUndefined();
		expect(mediaPreflight(fake.run, 0, true, [])).toBeUndefined();
	});

	it('checks every child and reports the first failing one by position', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, catalogue);
		const step = mediaPreflight(fake.run, 3, true, [
			child(1, '/a.jpg'),
			child(2, '/wide.jpg'),
			child(3, '/png.jpg'),
		]);
		const error = await rejection(step?.() ?? Promise.resolve());
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			'Carousel item 2 (https://cdn.example.com/wide.jpg) is 300×100 px (3:1); Instagram takes 4:5 … 1.91:1 for a carousel image [item 3]',
		);
		expect((error as NodeOperationError).context).toMatchObject({
			itemIndex: 3,
			instagram: {
				kind: 'mediaPreflight',
				problem: 'aspectRatio',
				media: 'https://cdn.example.com/wide.jpg',
				child: 2,
				requestSent: false,
			},
		});
		expect(requests).toHaveLength(3);
		expect(fake.hints).toEqual([]);
	});

	it('passes with a log line per medium; unreachable ones give a hint, other hints are named', async () => {
		const fake = fakeRun();
		mediaHost(fake, catalogue);
		const step = mediaPreflight(fake.run, 1, true, [child(1, '/a.jpg'), child(2, '/down/b.jpg')]);
		await step?.();
		expect(fake.progress).toEqual([
			'preflight: Carousel item 1 (https://cdn.example.com/a.jpg): a JPEG image, 6 KB, 1080×1350 px (4:5)',
			'preflight: Carousel item 2 (https://cdn.example.com/down/b.jpg): not checked',
		]);
		expect(fake.hints).toEqual([
			"Item 1: Carousel item 2 (https://cdn.example.com/down/b.jpg) could not be checked: its host name was not found. n8n's network is not Meta's, so the item went on; Meta reports it if it cannot fetch the file.",
		]);
	});

	it('a 404 on a URL typed with non-ASCII characters says how to fix the name', async () => {
		const fake = fakeRun();
		mediaHost(fake, () => ({ status: 404 }));
		const step = mediaPreflight(fake.run, 0, true, [
			{
				media: { from: 'url', url: new URL(url('/çà.jpg')).href },
				target: 'feedImage',
				subject: 'Image URL',
			},
		]);
		const error = (await rejection(step?.() ?? Promise.resolve())) as NodeOperationError;
		expect(error.description).toBe(
			'Check the URL: there is no file at this address. The URL has characters outside US-ASCII (ç à), sent percent-encoded as Meta requires; if the host names the file differently, rename it to plain ASCII letters. Found by the media preflight (Options › Preflight); no request was sent to Instagram.',
		);
	});

	it('an in-memory binary is checked from its first 64 KB, decoded from base64, with no request', async () => {
		const fake = fakeRun();
		const { requests } = mediaHost(fake, catalogue);
		const bytes = jpegSample(3000, 1000, { commentBytes: 10_000 });
		const binary = { data: bytes.toString('base64'), mimeType: 'image/jpeg' };
		const step = mediaPreflight(fake.run, 0, true, [
			{
				media: {
					from: 'binary',
					propertyName: 'data',
					binary,
					bytes: bytes.length,
					mimeType: 'image/jpeg',
				},
				target: 'feedImage',
				subject: 'Input Binary Field',
			},
		]);
		const error = (await rejection(step?.() ?? Promise.resolve())) as NodeOperationError;
		expect(error.message).toBe(
			'Input Binary Field (binary "data") is 3000×1000 px (3:1); Instagram takes 4:5 … 1.91:1 for a feed image [item 0]',
		);
		expect(requests).toEqual([]);
	});
});

describe('runPublishPlan with a preflight step', () => {
	const plan = (
		fake: FakeRun,
		preflight: () => Promise<void>,
		idempotencyKey?: string,
	): PublishPlan => ({
		accountId: ACCOUNT,
		kind: 'IMAGE',
		label: 'Image',
		options: {
			publishMode: 'publish',
			maxWaitSeconds: 60,
			pollIntervalSeconds: 1,
			onQuotaExhausted: 'error',
			idempotencyWindowDays: 30,
			includePermalink: false,
			preflight: true,
			idempotencyKey,
		},
		content: { image_url: url('/a.jpg') },
		build: async () => ({
			containerId: await createContainer(
				fake.run,
				ACCOUNT,
				{ params: { image_url: url('/a.jpg') }, label: 'Image' },
				0,
			),
		}),
		readiness: publishAtOnce,
		preflight,
	});

	it('runs before the quota read; a definitive failure sends no Graph request', async () => {
		const fake = fakeRun();
		const problem = new Error('bad media');
		await expect(
			runPublishPlan(
				fake.run,
				0,
				plan(fake, async () => await Promise.reject(problem)),
			),
		).rejects.toBe(problem);
		expect(fake.graph.sequence).toEqual([]);
	});

	it('passing, the item goes on: quota, create, publish', async () => {
		const fake = fakeRun();
		let checkedBeforeGraph = false;
		fake.graph
			.reply('quota', { data: [{ quota_usage: 0, config: { quota_total: 100 } }] })
			.reply('create', { id: CONTAINER })
			.reply('publish', { id: MEDIA });
		await runPublishPlan(
			fake.run,
			0,
			plan(fake, async () => {
				checkedBeforeGraph = fake.graph.sequence.length === 0;
				await Promise.resolve();
			}),
		);
		expect(checkedBeforeGraph).toBe(true);
		expect(fake.graph.sequence).toEqual(['quota', 'create', 'publish']);
	});

	it('never for a key already published (no request of any kind)', async () => {
		const fake = fakeRun({
			staticData: staticDataWith({
				k: { state: 'published', containerId: CONTAINER, mediaId: MEDIA, at: Date.now() },
			}),
		});
		const preflight = jest.fn(async () => await Promise.resolve());
		await expect(runPublishPlan(fake.run, 0, plan(fake, preflight, 'k'))).resolves.toMatchObject({
			skipped: true,
			reason: 'duplicate',
		});
		expect(preflight).not.toHaveBeenCalled();
		expect(fake.graph.sequence).toEqual([]);
	});

	it('never for a FINISHED container resumed from the ledger: Meta already has the media', async () => {
		const fake = fakeRun({
			staticData: staticDataWith({
				k: { state: 'pending', containerId: CONTAINER, at: Date.now() },
			}),
		});
		const preflight = jest.fn(async () => await Promise.resolve());
		fake.graph
			.status('FINISHED')
			.reply('quota', { data: [{ quota_usage: 0, config: { quota_total: 100 } }] })
			.reply('publish', { id: MEDIA });
		await expect(runPublishPlan(fake.run, 0, plan(fake, preflight, 'k'))).resolves.toMatchObject({
			published: true,
			id: MEDIA,
		});
		expect(preflight).not.toHaveBeenCalled();
	});
});

import type { IDataObject } from 'n8n-workflow';

import { storeBinary } from '../harness';
import type { RunResult } from '../harness';
import { startMediaHost, startSandbox } from '../sandbox';
import type { MediaHost, Sandbox } from '../sandbox';
import { jpegSample, pngSample } from '../sandbox/samples';
import { callCounts, FAST_OPTIONS, NODE, publicGraphCredentials, runInstagram } from './fixtures';
import type { WorkflowSpec } from './fixtures';

const RANGE = 'bytes=0-65535';

describe('Media preflight through WorkflowExecute', () => {
	let sandbox: Sandbox;
	let media: MediaHost;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 1 }, story: { polls: 1 } } });
		media = await startMediaHost();
	});
	afterAll(async () => {
		await sandbox.close();
		await media.close();
	});
	beforeEach(() => {
		sandbox.reset();
		media.reset();
	});

	const post = (imageUrl: string, options: IDataObject = {}): WorkflowSpec => ({
		parameters: { operation: 'post', imageUrl, options: { ...FAST_OPTIONS, ...options } },
	});
	const reel = (videoUrl: string): WorkflowSpec => ({
		parameters: { operation: 'reel', videoUrl, options: FAST_OPTIONS },
	});
	const carousel = (urls: unknown[], continueOnFail = false): WorkflowSpec => ({
		parameters: {
			operation: 'carousel',
			inputMode: 'json',
			itemsJson: JSON.stringify(urls),
			options: FAST_OPTIONS,
		},
		continueOnFail,
	});
	/** The item failed before any Graph request, with both parts of the message. */
	const refused = (result: RunResult, message: RegExp, fix: RegExp) => {
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(fix);
		expect(result.error?.description).toMatch(/no request was sent to Instagram/);
		expect(sandbox.requests).toEqual([]);
	};
	const host = () => media.url.replace(/[.]/g, '\\.');

	it('PNG as a feed image: "convert to JPEG", one ranged GET, zero Graph requests', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/photo.png')));
		refused(
			result,
			new RegExp(
				`^Image URL \\(${host()}/photo\\.png\\) is a PNG image; Instagram takes only JPEG for a feed image \\[item 0\\]$`,
			),
			/^Convert it to JPEG, e\.g\. with an Edit Image node \(Format: JPEG\) before this one\./,
		);
		expect(media.served).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/photo.png',
				range: RANGE,
				status: 206,
				bytesSent: pngSample(1080, 1080).length,
				byMeta: false,
			}),
		]);
	});

	it('a 3:1 JPEG: "crop to 4:5 … 1.91:1, this image is 3:1"', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/wide-3x1.jpg')));
		refused(
			result,
			/\(.*\/wide-3x1\.jpg\) is 3000×1000 px \(3:1\); Instagram takes 4:5 … 1\.91:1 for a feed image \[item 0\]$/,
			/^Crop it to 4:5 … 1\.91:1 \(e\.g\. 1080×1350, 1080×1080 or 1080×566\), e\.g\. with an Edit Image node before this one; this image is 3:1\./,
		);
		expect(media.served).toHaveLength(1);
	});

	it('a 403 URL: "make the file public"', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/forbidden.jpg')));
		refused(
			result,
			/\/forbidden\.jpg\) answered HTTP 403 Forbidden \[item 0\]$/,
			/^Make the file public: Meta downloads it without logging in/,
		);
		expect(media.served.map((served) => served.status)).toEqual([403]);
	});

	it('a redirect to an HTML login page: "use a direct link"', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/share/photo.jpg')));
		refused(
			result,
			new RegExp(
				`/share/photo\\.jpg\\) redirects to ${host()}/login, an HTML page, not an image \\(a login or share page\\?\\) \\[item 0\\]$`,
			),
			/^Use a direct link to the file itself, not to a page that shows it/,
		);
		expect(media.served.map((served) => [served.path, served.status])).toEqual([
			['/share/photo.jpg', 302],
			['/login', 206],
		]);
	});

	it('a private-IP URL with a public Base URL: refused before any request at all', async () => {
		const result = await runInstagram(sandbox, post('http://10.0.0.5/photo.jpg'), {
			credentials: publicGraphCredentials(sandbox),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/'Image URL' \(imageUrl\) must be a public URL \[item 0\]/,
		);
		expect(result.error?.description).toMatch(/Host the file publicly/);
		expect(sandbox.requests).toEqual([]);
		expect(media.served).toEqual([]);
	});

	it('a non-ASCII URL: sent percent-encoded; when the host has no such file, says so and how to fix it', async () => {
		const result = await runInstagram(sandbox, post(`${media.url}/photo-été.jpg`));
		refused(
			result,
			/\/photo-%C3%A9t%C3%A9\.jpg\) answered HTTP 404 Not Found \[item 0\]$/,
			/Check the URL: there is no file at this address\. The URL has characters outside US-ASCII \(é\), sent percent-encoded as Meta requires; if the host names the file differently, rename it to plain ASCII letters\./,
		);
		expect(media.served.map((served) => served.path)).toEqual(['/photo-%C3%A9t%C3%A9.jpg']);
	});

	it('a bad second carousel child: names child 2, zero Graph requests, structured details', async () => {
		const urls = [
			media.urlOf('/photo-4x5.jpg'),
			{ type: 'image', url: media.urlOf('/photo.png') },
			media.urlOf('/photo-1x1.jpg'),
		];
		const result = await runInstagram(sandbox, carousel(urls, true));
		expect(result.status).toBe('success');
		const [item] = result.json(NODE);
		expect(item.error).toMatch(
			/^Carousel item 2 \(.*\/photo\.png\) is a PNG image; Instagram takes only JPEG for a carousel image \[item 0\]$/,
		);
		expect(item.details).toMatchObject({
			kind: 'mediaPreflight',
			problem: 'format',
			child: 2,
			media: media.urlOf('/photo.png'),
			action: expect.stringMatching(/^Convert it to JPEG/),
			requestSent: false,
		});
		expect(sandbox.requests).toEqual([]);
		// Every child was checked, each with one ranged GET.
		expect(media.served.map((served) => served.path).sort()).toEqual([
			'/photo-1x1.jpg',
			'/photo-4x5.jpg',
			'/photo.png',
		]);
		expect(media.served.every((served) => served.range === RANGE)).toBe(true);
	});

	it('a valid JPEG passes with one small request, before any Graph request; then Meta downloads it', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/photo-4x5.jpg')));
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ published: true, status: 'PUBLISHED' });
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
		const size = jpegSample(1080, 1350).length;
		expect(media.fromN8n()).toEqual([
			expect.objectContaining({
				method: 'GET',
				range: RANGE,
				status: 206,
				bytesSent: size,
				aborted: false,
			}),
		]);
		expect(media.fromN8n()[0].at).toBeLessThanOrEqual(sandbox.requests[0].at);
		// Meta's own download (the sandbox, as facebookexternalhit) is the other, whole-file request.
		expect(media.served.filter((served) => served.byMeta)).toEqual([
			expect.objectContaining({ method: 'GET', range: undefined, status: 200, bytesSent: size }),
		]);
		expect(result.hints).toEqual([]);
	});

	it('a host that ignores Range: the preflight stops reading after 64 KB of a 6 MiB file', async () => {
		const result = await runInstagram(sandbox, post(media.urlOf('/ignores-range.jpg')));
		expect(result.status).toBe('success');
		const [check] = media.fromN8n();
		expect(media.fromN8n()).toHaveLength(1);
		expect(check).toMatchObject({ method: 'GET', range: RANGE, status: 200, aborted: true });
		expect(check.bytesSent).toBeGreaterThanOrEqual(64 * 1024);
		expect(check.bytesSent).toBeLessThan(1024 * 1024);
		expect(media.served.find((served) => served.byMeta)?.bytesSent).toBe(6 * 1024 * 1024);
	});

	it('an MP4 passes with a single HEAD (no body bytes); Meta then downloads the video', async () => {
		const result = await runInstagram(sandbox, reel(media.urlOf('/clip.mp4')));
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ published: true, mediaType: 'REELS' });
		expect(media.fromN8n()).toEqual([
			expect.objectContaining({ method: 'HEAD', status: 200, bytesSent: 0 }),
		]);
		expect(media.fromN8n()[0].at).toBeLessThanOrEqual(sandbox.requests[0].at);
		expect(media.served.filter((served) => served.byMeta)).toEqual([
			expect.objectContaining({ method: 'GET', status: 200, bytesSent: 2 * 1024 * 1024 }),
		]);
	});

	it('a reel cover is checked too: a PNG cover is refused before the reel is created', async () => {
		const spec = reel(media.urlOf('/clip.mp4'));
		spec.parameters.additionalFields = { coverUrl: media.urlOf('/photo.png') };
		const result = await runInstagram(sandbox, spec);
		refused(
			result,
			/^Cover URL \(.*\/photo\.png\) is a PNG image; Instagram takes only JPEG for a reel cover \[item 0\]$/,
			/Convert it to JPEG/,
		);
		expect(media.served.map((served) => `${served.method} ${served.path}`).sort()).toEqual([
			'GET /photo.png',
			'HEAD /clip.mp4',
		]);
	});

	it('a host that refuses HEAD: the ranged GET instead (its ftyp box is read), then Meta', async () => {
		const result = await runInstagram(sandbox, reel(media.urlOf('/no-head/clip.mp4')));
		expect(result.status).toBe('success');
		expect(
			media
				.fromN8n()
				.map((served) => [served.method, served.status, served.range, served.bytesSent]),
		).toEqual([
			['HEAD', 405, undefined, 0],
			['GET', 206, RANGE, 64 * 1024],
		]);
	});

	it('an unreachable media host: the item goes on, with a hint that it could not be checked', async () => {
		const result = await runInstagram(sandbox, post('https://media.invalid/photo.jpg'));
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ published: true });
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
		expect(result.hints.map((hint) => hint.message)).toEqual([
			"Item 0: Image URL (https://media.invalid/photo.jpg) could not be checked: its host name was not found. n8n's network is not Meta's, so the item went on; Meta reports it if it cannot fetch the file.",
		]);
	});

	it('a refused connection is not definitive either: Meta is asked (and here fails to fetch it)', async () => {
		const closed = await startMediaHost();
		await closed.close();
		const result = await runInstagram(sandbox, {
			...post(`${closed.url}/photo.jpg`),
			continueOnFail: true,
		});
		expect(result.hints.map((hint) => hint.message)).toEqual([
			expect.stringMatching(/could not be checked: the connection was refused/),
		]);
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1 });
		expect(result.json(NODE)[0].details).toMatchObject({ kind: 'invalidMedia', subcode: 2207052 });
	});

	it('preflight off sends no request to the media host', async () => {
		const result = await runInstagram(
			sandbox,
			post(media.urlOf('/photo.png'), { preflight: false }),
		);
		expect(result.status).toBe('success');
		expect(media.fromN8n()).toEqual([]);
		// Only Meta (the sandbox) fetched it; it publishes what Meta accepts.
		expect(media.served.map((served) => served.byMeta)).toEqual([true]);
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
	});

	it('carousel children of different ratios: published, with a hint that Instagram crops to the first', async () => {
		const urls = [media.urlOf('/photo-4x5.jpg'), media.urlOf('/photo-16x9.jpg')];
		const result = await runInstagram(sandbox, carousel(urls));
		expect(result.status).toBe('success');
		expect(result.hints.map((hint) => hint.message)).toEqual([
			"Item 0: the carousel's images have different aspect ratios (1: 4:5, 2: 16:9); Instagram crops them all to the first one's (4:5). Crop them to one ratio if that matters.",
		]);
		expect(media.fromN8n()).toHaveLength(2);
	});

	it('story image at 9:16 passes (stories have no ratio rule); an oversized one does not', async () => {
		const story = (imageUrl: string): WorkflowSpec => ({
			parameters: { operation: 'story', mediaType: 'image', imageUrl, options: FAST_OPTIONS },
		});
		expect((await runInstagram(sandbox, story(media.urlOf('/story-9x16.jpg')))).status).toBe(
			'success',
		);
		sandbox.reset();
		const result = await runInstagram(sandbox, story(media.urlOf('/huge.jpg')));
		refused(
			result,
			/\/huge\.jpg\) is 9\.4 MB; Instagram takes up to 8 MiB for a story image \[item 0\]$/,
			/Make the image smaller/,
		);
	});

	describe('binary data: checked locally, no request', () => {
		const binaryPost = { operation: 'post', imageSource: 'binary', options: FAST_OPTIONS };
		const withBinary = async (bytes: Buffer, mimeType = 'image/jpeg') => [
			{ json: {}, binary: { data: await storeBinary(bytes, { fileName: 'photo.jpg', mimeType }) } },
		];

		it('a PNG stored as image/jpeg is caught from its first bytes', async () => {
			const result = await runInstagram(
				sandbox,
				{ parameters: binaryPost },
				{ inputItems: await withBinary(pngSample(100, 100)) },
			);
			refused(
				result,
				/^Input Binary Field \(binary "data"\) is a PNG image \(the host calls it image\/jpeg\); Instagram takes only JPEG for a feed image \[item 0\]$/,
				/Convert it to JPEG/,
			);
			expect(media.served).toEqual([]);
			expect(result.binaryRequests).toEqual([]);
		});

		it('a 3:1 binary JPEG is refused; a 4:5 one is published', async () => {
			const wide = await runInstagram(
				sandbox,
				{ parameters: binaryPost },
				{ inputItems: await withBinary(jpegSample(3000, 1000)) },
			);
			refused(wide, /is 3000×1000 px \(3:1\)/, /this image is 3:1/);
			const fine = await runInstagram(
				sandbox,
				{ parameters: binaryPost },
				{ inputItems: await withBinary(jpegSample(1080, 1350)) },
			);
			expect(fine.status).toBe('success');
			expect(media.served).toEqual([]);
		});
	});
});

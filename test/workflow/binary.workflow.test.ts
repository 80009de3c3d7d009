import { createHash } from 'crypto';
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { createBinarySignedUrl, inMemoryBinary, storeBinary } from '../harness';
import type { RunResult } from '../harness';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { callCounts, FAST_OPTIONS, NODE, runInstagram, sandboxCredentials } from './fixtures';
import type { WorkflowSpec } from './fixtures';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Not real JPEG/MP4 data: neither n8n nor the sandbox looks inside; the MIME type is what counts. */
const JPEG = Buffer.from('\xff\xd8\xff\xe0 a small jpeg from an earlier node', 'latin1');
const MP4 = Buffer.alloc(300_000, 7);
const SIGNED =
	/^http:\/\/127\.0\.0\.1:\d+\/rest\/binary-data\/signed\?token=[\w-]+\.[\w-]+\.[\w-]+$/;

describe('Binary media through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 2 }, video: { polls: 2 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const photo = async () =>
		await storeBinary(JPEG, { fileName: 'photo.jpg', mimeType: 'image/jpeg' });
	const clip = async () => await storeBinary(MP4, { fileName: 'clip.mp4', mimeType: 'video/mp4' });
	const withBinary = (binary: Record<string, IBinaryData>): INodeExecutionData[] => [
		{ json: {}, binary },
	];
	const run = async (
		spec: WorkflowSpec,
		binary: Record<string, IBinaryData>,
		credentials = sandboxCredentials(sandbox, spec.authentication),
	): Promise<RunResult> =>
		await runInstagram(sandbox, spec, { inputItems: withBinary(binary), credentials });
	const instagramLogin = () => ({
		igCred: {
			type: 'instagramApi',
			data: { loginType: 'instagram', accessToken: sandbox.tokens.instagram, baseUrl: sandbox.url },
		},
	});
	const post = {
		operation: 'post',
		imageSource: 'binary',
		caption: 'From n8n',
		options: FAST_OPTIONS,
	};
	const reel = { operation: 'reel', videoSource: 'binary', caption: 'Reel', options: FAST_OPTIONS };

	it.each([
		['a stored (filesystem) binary', photo],
		[
			'an in-memory binary, stored first',
			async () => inMemoryBinary(JPEG, { fileName: 'photo.jpg', mimeType: 'image/jpeg' }),
		],
	])('posts %s: Meta downloads exactly its bytes from the signed n8n URL', async (_name, make) => {
		const result = await run({ parameters: post }, { data: await make() });
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED', mediaType: 'IMAGE' });
		const [create] = sandbox.calls('createContainer');
		expect(create.body.image_url).toMatch(SIGNED);
		expect(sandbox.fetches).toHaveLength(1);
		expect(sandbox.fetches[0]).toMatchObject({
			url: create.body.image_url,
			kind: 'image',
			ok: true,
			status: 200,
			bytes: JPEG.length,
			sha256: sha(JPEG),
			contentType: 'image/jpeg',
		});
		expect(result.binaryRequests.map((request) => [request.status, request.tokenValid])).toEqual([
			[200, true],
		]);
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
	});

	it('takes a typed loopback image URL while the Graph API is local too (the same reachability rule)', async () => {
		const imageUrl = await createBinarySignedUrl(await photo());
		const result = await run({ parameters: { ...post, imageSource: 'url', imageUrl } }, {});
		expect(result.status).toBe('success');
		expect(sandbox.fetches.map((fetch) => [fetch.url, fetch.sha256])).toEqual([
			[imageUrl, sha(JPEG)],
		]);
	});

	it('publishes a reel from binary with Facebook Login: resumable upload of the exact bytes, one publish', async () => {
		const result = await run({ parameters: reel }, { data: await clip() });
		expect(result.status).toBe('success');
		const [create] = sandbox.calls('createContainer');
		expect(create.body).toMatchObject({ media_type: 'REELS', upload_type: 'resumable' });
		expect(create.body).not.toHaveProperty('video_url');
		const uploads = sandbox.calls('upload');
		expect(uploads).toHaveLength(1);
		expect(uploads[0]).toMatchObject({
			status: 200,
			authorization: 'OAuth page',
			containerId: result.json(NODE)[0].containerId,
			body: { bytes: MP4.length, sha256: sha(MP4) },
		});
		expect(uploads[0].headers).toMatchObject({ offset: '0', file_size: String(MP4.length) });
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(sandbox.fetches).toHaveLength(0);
		expect(result.binaryRequests).toHaveLength(0);
	});

	it.each([
		['Instagram Login', { parameters: reel }, 'instagram'],
		['the OAuth2 credential', { parameters: reel, authentication: 'oAuth2' as const }, 'oAuth2'],
	])(
		'publishes a reel from binary with %s through the signed URL, no resumable upload',
		async (_n, spec, kind) => {
			const credentials =
				kind === 'instagram' ? instagramLogin() : sandboxCredentials(sandbox, 'oAuth2');
			const result = await run(spec, { data: await clip() }, credentials);
			expect(result.status).toBe('success');
			const [create] = sandbox.calls('createContainer');
			expect(create.body.video_url).toMatch(SIGNED);
			expect(create.body).not.toHaveProperty('upload_type');
			expect(sandbox.calls('upload')).toHaveLength(0);
			expect(sandbox.fetches).toHaveLength(1);
			expect(sandbox.fetches[0]).toMatchObject({
				kind: 'video',
				ok: true,
				bytes: MP4.length,
				sha256: sha(MP4),
			});
			expect(sandbox.calls('publish')).toHaveLength(1);
		},
	);

	it('uploads an in-memory video (n8n default mode, older nodes) from its buffer, byte-exact', async () => {
		const data = inMemoryBinary(MP4, { fileName: 'clip.mp4', mimeType: 'video/mp4' });
		const result = await run({ parameters: reel }, { data });
		expect(result.status).toBe('success');
		expect(sandbox.calls('upload').map((call) => call.body)).toEqual([
			{ bytes: MP4.length, sha256: sha(MP4) },
		]);
		expect(sandbox.calls('upload')[0].headers).toMatchObject({ file_size: String(MP4.length) });
	});

	it('publishes stories from binary: an image by signed URL, a video by resumable upload', async () => {
		const story = { operation: 'story', options: FAST_OPTIONS };
		const image = await run(
			{ parameters: { ...story, mediaType: 'image', imageSource: 'binary' } },
			{ data: await photo() },
		);
		expect(image.status).toBe('success');
		expect(sandbox.calls('createContainer')[0].body).toMatchObject({ media_type: 'STORIES' });
		expect(sandbox.calls('createContainer')[0].body.image_url).toMatch(SIGNED);
		expect(sandbox.fetches.map((fetch) => fetch.sha256)).toEqual([sha(JPEG)]);
		sandbox.reset();
		const video = await run(
			{
				parameters: {
					...story,
					mediaType: 'video',
					videoSource: 'binary',
					binaryPropertyName: 'clip',
				},
			},
			{ clip: await clip() },
		);
		expect(video.status).toBe('success');
		expect(sandbox.calls('createContainer')[0].body).toMatchObject({
			media_type: 'STORIES',
			upload_type: 'resumable',
		});
		expect(sandbox.calls('upload').map((call) => call.body)).toEqual([
			{ bytes: MP4.length, sha256: sha(MP4) },
		]);
		expect(sandbox.calls('publish')).toHaveLength(1);
	});

	it.each([
		[
			'fields',
			{
				inputMode: 'fields',
				items: {
					item: [
						{ type: 'image', source: 'binary', binaryPropertyName: 'photo', altText: 'First' },
						{ type: 'video', source: 'binary', binaryPropertyName: 'clip' },
						{ type: 'image', source: 'url', url: 'https://cdn.example.com/3.jpg' },
					],
				},
			},
		],
		[
			'JSON (types from the MIME types)',
			{
				inputMode: 'json',
				itemsJson: JSON.stringify([
					{ binaryPropertyName: 'photo', altText: 'First' },
					{ binaryPropertyName: 'clip' },
					'https://cdn.example.com/3.jpg',
				]),
			},
		],
	])(
		'builds a carousel from a binary image, a binary video and a URL image (%s)',
		async (_mode, items) => {
			const result = await run(
				{
					parameters: { operation: 'carousel', caption: 'Mixed', options: FAST_OPTIONS, ...items },
				},
				{ photo: await photo(), clip: await clip() },
			);
			expect(result.status).toBe('success');
			const children = sandbox
				.calls('createContainer')
				.filter((call) => call.body.is_carousel_item);
			const image = children.find(
				(call) => typeof call.body.image_url === 'string' && SIGNED.test(call.body.image_url),
			);
			const video = children.find((call) => call.body.media_type === 'VIDEO');
			expect(image?.body).toMatchObject({ alt_text: 'First' });
			expect(video?.body).toMatchObject({ upload_type: 'resumable' });
			expect(video?.body).not.toHaveProperty('video_url');
			expect(children.map((call) => call.body.image_url)).toContain(
				'https://cdn.example.com/3.jpg',
			);
			expect(sandbox.fetches.map((fetch) => [fetch.kind, fetch.sha256])).toEqual([
				['image', sha(JPEG)],
			]);
			expect(sandbox.calls('upload').map((call) => [call.containerId, call.body])).toEqual([
				[
					video?.response && (video.response as { id: string }).id,
					{ bytes: MP4.length, sha256: sha(MP4) },
				],
			]);
			const parent = sandbox
				.calls('createContainer')
				.find((call) => call.body.media_type === 'CAROUSEL');
			expect(String(parent?.body.children).split(',')).toHaveLength(3);
			expect(sandbox.calls('publish')).toHaveLength(1);
		},
	);

	it.each([
		[
			'post, missing property',
			{ parameters: post },
			{},
			/'Input Binary Field' \(binaryPropertyName\) names "data", but the item has no binary data of that name \[item 0\]/,
		],
		[
			'post, PNG',
			{ parameters: post },
			{ png: true },
			/'Input Binary Field' \(binaryPropertyName\) holds "photo.png" of type image\/png; Instagram takes image\/jpeg for a feed image \[item 0\]/,
		],
		[
			'reel, PNG',
			{ parameters: reel },
			{ png: true },
			/holds "photo.png" of type image\/png; Instagram takes video\/mp4 or video\/quicktime for a reel \[item 0\]/,
		],
		[
			'carousel child, missing property',
			{
				parameters: {
					operation: 'carousel',
					options: FAST_OPTIONS,
					inputMode: 'json',
					itemsJson: '[{"binaryPropertyName":"first"},"https://cdn.example.com/2.jpg"]',
				},
			},
			{},
			/'Items \(JSON\) #1 Input Binary Field' \(itemsJson\[0\]\) names "first", but the item has no binary data of that name \[item 0\]/,
		],
		[
			'carousel child, PNG',
			{
				parameters: {
					operation: 'carousel',
					options: FAST_OPTIONS,
					inputMode: 'json',
					itemsJson: '["https://cdn.example.com/1.jpg",{"binaryPropertyName":"data"}]',
				},
			},
			{ png: true },
			/'Items \(JSON\) #2 Input Binary Field' \(itemsJson\[1\]\) holds "photo.png" of type image\/png; Instagram takes image\/jpeg for a carousel image \[item 0\]/,
		],
	])(
		'refuses %s with a clear error and zero requests',
		async (_name, spec, input: { png?: boolean }, message) => {
			const binary: Record<string, IBinaryData> = input.png
				? { data: await storeBinary(JPEG, { fileName: 'photo.png', mimeType: 'image/png' }) }
				: {};
			const result = await run(spec, binary);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(message);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(sandbox.requests).toHaveLength(0);
			expect(sandbox.fetches).toHaveLength(0);
			expect(result.binaryRequests).toHaveLength(0);
		},
	);

	it("keeps the signed URL's token out of errors when Meta cannot fetch the media", async () => {
		sandbox.fault({ endpoint: 'createContainer', kind: 'mediaFetchFailure' });
		const result = await run({ parameters: post }, { data: await photo() });
		expect(result.status).toBe('error');
		const [create] = sandbox.calls('createContainer');
		const token = new URL(String(create.body.image_url)).searchParams.get('token') ?? '';
		expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(JSON.stringify(result.error)).not.toContain(token);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});

	it('reports an upload-host 5xx with the container id and never publishes', async () => {
		sandbox.fault({ endpoint: 'upload', kind: 'http500' });
		const result = await run({ parameters: reel }, { data: await clip() });
		expect(result.status).toBe('error');
		const [create] = sandbox.calls('createContainer');
		const containerId = (create.response as { id: string }).id;
		expect(result.error?.message).toContain(containerId);
		expect(result.error?.message).toMatch(/upload/i);
		expect(sandbox.calls('upload')).toHaveLength(1);
		expect(sandbox.calls('publish')).toHaveLength(0);
		expect(sandbox.calls('createContainer')).toHaveLength(1);
	});

	it("with n8n's Retry On Fail, a failed upload gets a new container; the failed one is never published", async () => {
		sandbox.fault({ endpoint: 'upload', kind: 'http500' });
		const result = await run({ parameters: reel, retryOnFail: true }, { data: await clip() });
		expect(result.status).toBe('success');
		const [failed, retried] = sandbox
			.calls('createContainer')
			.map((call) => (call.response as { id: string }).id);
		expect(sandbox.calls('upload').map((call) => [call.containerId, call.status])).toEqual([
			[failed, 500],
			[retried, 200],
		]);
		expect(sandbox.calls('publish').map((call) => call.body.creation_id)).toEqual([retried]);
		expect(result.json(NODE)[0]).toMatchObject({ published: true, containerId: retried });
	});
});

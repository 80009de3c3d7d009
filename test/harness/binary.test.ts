/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import axios, { type AxiosResponse } from 'axios';
import { existsSync, rmSync } from 'fs';
import { join } from 'path';
import type { Readable } from 'stream';
import { gunzipSync } from 'zlib';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { startSandbox, META_USER_AGENT } from '../sandbox';
import { binaryDataService } from './binary';
import { fakeNodeTypes } from './fixtures/nodes';
import { chain, TRIGGER } from './fixtures/workflows';
import {
	binarySha256,
	closeBinaryServer,
	createBinarySignedUrl,
	deleteStoredBinaries,
	inMemoryBinary,
	patternStream,
	runWorkflow,
	sha256,
	signedRequestsSettled,
	signedUrlRequests,
	startBinaryServer,
	storeBinary,
	storeBinaryStream,
} from './index';
import type { RunOptions } from './index';

const run = async (parameters: IDataObject, options: Partial<RunOptions> = {}) =>
	await runWorkflow({
		nodeTypes: fakeNodeTypes,
		workflow: chain([{ name: 'Binary', type: 'fake.binary', parameters }]),
		...options,
	});

const get = async (url: string, headers: Record<string, string> = {}, method = 'GET') =>
	await axios.request<Buffer>({
		url,
		method,
		headers,
		responseType: 'arraybuffer',
		decompress: false,
		validateStatus: () => true,
	});

const text = (res: AxiosResponse<Buffer>) => Buffer.from(res.data).toString('utf8');
const lastRequest = () => signedUrlRequests().at(-1);

afterAll(async () => {
	await deleteStoredBinaries();
	await closeBinaryServer();
});

describe('binary data in the harness (filesystem mode, as `n8n start`)', () => {
	it('a node stores with prepareBinaryData, signs, streams, reads metadata; it fetches its own signed URL', async () => {
		const result = await run({ download: true });
		expect(result.status).toBe('success');
		const [item] = result.output('Binary');
		const binary = item.binary?.data as IBinaryData;
		expect(binary).toEqual({
			mimeType: 'image/jpeg',
			fileType: 'image',
			fileExtension: 'jpg',
			data: 'filesystem-v2',
			fileName: 'photo.jpg',
			id: expect.stringMatching(
				/^filesystem-v2:workflows\/harnessSelfTest01\/executions\/harness-\d+-\d+\/binary_data\/[0-9a-f-]{36}$/,
			),
			fileSize: '12 B',
			bytes: 12,
		});
		const storage = join(process.env.N8N_USER_FOLDER as string, '.n8n', 'storage');
		expect(existsSync(join(storage, (binary.id as string).split(':')[1]))).toBe(true);
		const { restApiUrl } = await startBinaryServer();
		expect(restApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest$/);
		expect(item.json).toMatchObject({
			stored: true,
			url: expect.stringMatching(
				new RegExp(`^${restApiUrl}/binary-data/signed\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`),
			),
			metadata: { fileName: 'photo.jpg', mimeType: 'image/jpeg', fileSize: 12 },
			content: 'hello binary',
			downloaded: 'hello binary',
			headers: {
				'content-type': 'image/jpeg',
				'content-length': '12',
				'content-disposition': 'attachment; filename="photo.jpg"',
			},
		});
		// What the signed-URL server served during the run: the node's own download.
		await signedRequestsSettled();
		expect(result.binaryRequests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/rest/binary-data/signed',
				userAgent: 'n8n',
				tokenValid: true,
				binaryDataId: binary.id,
				status: 200,
				bytesSent: 12,
				state: 'finished',
			}),
		]);
		expect((await run({})).binaryRequests).toEqual([]);
	});

	it('GET of a signed URL: exactly the bytes, n8n 2.41.1 headers, no Range support; HEAD: headers only', async () => {
		const content = Buffer.from('Ünïcode bytes \u0000\u00ff', 'utf8');
		const binary = await storeBinary(content, {
			fileName: 'my photo é.png',
			mimeType: 'image/png',
		});
		expect(binary).toMatchObject({
			data: 'filesystem-v2',
			bytes: content.length,
			fileExtension: 'png',
		});
		const url = await createBinarySignedUrl(binary);
		const res = await get(url, { Range: 'bytes=0-3' });
		expect(res.status).toBe(200);
		expect(Buffer.from(res.data).equals(content)).toBe(true);
		expect(res.headers).toMatchObject({
			'content-type': 'image/png',
			'content-length': String(content.length),
			'content-disposition': `attachment; filename="${encodeURIComponent('my photo é.png')}"`,
			'content-security-policy': expect.stringMatching(/^sandbox /),
		});
		expect(res.headers['accept-ranges']).toBeUndefined();
		expect(res.headers['content-encoding']).toBeUndefined();
		const head = await get(url, {}, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-length']).toBe(String(content.length));
		expect(head.data.length).toBe(0);
		expect(lastRequest()).toMatchObject({ method: 'HEAD', status: 200, bytesSent: 0 });
	});

	it('bad requests answer like n8n: 400 text (bad/expired token, bad id), 400 JSON (query), 404 (file gone), 204 (bot)', async () => {
		const binary = await storeBinary(Buffer.from('x'.repeat(100)), {
			fileName: 'a.jpg',
			mimeType: 'image/jpeg',
		});
		const url = await createBinarySignedUrl(binary);
		const [base, token] = url.split('?token=');
		const [header, , signature] = token.split('.');
		const forged = Buffer.from(JSON.stringify({ id: 'filesystem-v2:workflows/other' })).toString(
			'base64url',
		);
		const cases: Array<[string, number, string, boolean | undefined]> = [
			[`${base}?token=${header}.${forged}.${signature}`, 400, 'invalid signature', false],
			[await createBinarySignedUrl(binary, '1ms'), 400, 'jwt expired', false],
			[
				await createBinarySignedUrl({ ...binary, id: 'default:abc' }),
				400,
				'Invalid binary data mode',
				true,
			],
			[
				await createBinarySignedUrl({ ...binary, id: 'filesystem-v2:workflows/../../etc/passwd' }),
				400,
				'Malformed binary data ID',
				true,
			],
			[
				await createBinarySignedUrl({ ...binary, id: 'nocolon' }),
				400,
				'Malformed binary data ID',
				true,
			],
		];
		for (const [target, status, body, tokenValid] of cases) {
			const res = await get(target);
			expect([res.status, text(res)]).toEqual([status, body]);
			expect(res.headers['content-type']).toBeUndefined();
			expect(lastRequest()).toMatchObject({ status, tokenValid, error: body });
		}
		const missing = await get(base);
		expect(missing.status).toBe(400);
		expect(JSON.parse(text(missing))).toEqual({
			code: 'invalid_type',
			expected: 'string',
			received: 'undefined',
			path: ['token'],
			message: 'Required',
		});
		const notJwt = await get(`${base}?token=abc`);
		expect([notJwt.status, JSON.parse(text(notJwt)).message]).toEqual([
			400,
			'Token must be a valid JWT format',
		]);
		expect(lastRequest()?.tokenValid).toBeUndefined();

		for (const ua of ['Facebot', 'FacebookBot/1.0', 'Mozilla/5.0 (compatible; Googlebot/2.1)']) {
			const blocked = await get(url, { 'User-Agent': ua });
			expect([blocked.status, blocked.data.length]).toEqual([204, 0]);
			expect(lastRequest()).toMatchObject({ userAgent: ua, status: 204 });
			expect(lastRequest()?.tokenValid).toBeUndefined();
		}
		expect((await get(url, { 'User-Agent': META_USER_AGENT })).status).toBe(200);
		expect((await get(url.replace('/signed?', '?'))).status).toBe(404);
		expect((await get(url, {}, 'POST')).status).toBe(404);

		const path = (await binaryDataService()).getPath(binary.id as string);
		rmSync(path);
		rmSync(`${path}.metadata`);
		const gone = await get(url);
		expect([gone.status, gone.data.length]).toEqual([404, 0]);
		expect(gone.headers['content-disposition']).toBe('attachment');
		expect(lastRequest()).toMatchObject({ status: 404, tokenValid: true });
	});

	it('an in-memory binary (no id) cannot be signed: createBinarySignedUrl throws "memory mode"', async () => {
		const old = inMemoryBinary(Buffer.from('from an older node'), {
			fileName: 'old.png',
			mimeType: 'image/png',
		});
		expect(old).toEqual({
			mimeType: 'image/png',
			fileType: 'image',
			fileExtension: 'png',
			data: Buffer.from('from an older node').toString('base64'),
			fileName: 'old.png',
			fileSize: '18 B',
			bytes: 18,
		});
		const result = await run(
			{ source: 'input' },
			{ inputItems: [{ json: {}, binary: { data: old } }] },
		);
		expect(result.json('Binary')).toEqual([
			{
				stored: false,
				signError: 'URL signing is not available in memory mode',
				content: 'from an older node',
			},
		]);
		await expect(createBinarySignedUrl(old)).rejects.toThrow(
			'URL signing is not available in memory mode',
		);
	});

	it('a stored input binary (storeBinary) is streamed and signed by the node like any stored binary', async () => {
		const input = await storeBinary(Buffer.from('an earlier node made me'), {
			fileName: 'clip.mp4',
			mimeType: 'video/mp4',
			workflowId: 'wfEarlier',
			executionId: 'exec-earlier',
		});
		expect(input.id).toMatch(/^filesystem-v2:workflows\/wfEarlier\/executions\/exec-earlier\//);
		const result = await run(
			{ source: 'input', download: true },
			{ inputItems: [{ json: {}, binary: { data: input } }] },
		);
		expect(result.json('Binary')[0]).toMatchObject({
			stored: true,
			content: 'an earlier node made me',
			downloaded: 'an earlier node made me',
			metadata: { fileName: 'clip.mp4', mimeType: 'video/mp4', fileSize: 23 },
		});
		expect(result.output('Binary')[0].binary?.data).toEqual(input);
		expect(result.json(TRIGGER)).toEqual([{}]);
	});

	it("n8n's compression(): application/octet-stream ≥ 1 kB is gzipped and loses Content-Length; video/mp4 is not", async () => {
		const content = Buffer.from('0123456789abcdef'.repeat(256));
		const octet = await storeBinary(content, {
			fileName: 'clip.bin',
			mimeType: 'application/octet-stream',
		});
		const zipped = await get(await createBinarySignedUrl(octet), { 'Accept-Encoding': 'gzip' });
		expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
		expect(zipped.headers['content-length']).toBeUndefined();
		expect(gunzipSync(Buffer.from(zipped.data)).equals(content)).toBe(true);
		expect(lastRequest()?.bytesSent).toBe(zipped.data.length);
		const plain = await get(await createBinarySignedUrl(octet), { 'Accept-Encoding': 'identity' });
		expect(plain.headers['content-length']).toBe(String(content.length));
		const mp4 = await storeBinary(content, { fileName: 'clip.mp4', mimeType: 'video/mp4' });
		const video = await get(await createBinarySignedUrl(mp4), { 'Accept-Encoding': 'gzip, br' });
		expect(video.headers['content-encoding']).toBeUndefined();
		expect(video.headers['content-length']).toBe(String(content.length));
	});

	it('storeBinaryStream stores a large stream without buffering it; the signed URL streams it back', async () => {
		const size = 48 * 1024 * 1024 + 123;
		const binary = await storeBinaryStream(patternStream(size, 7), {
			fileName: 'big.mp4',
			mimeType: 'video/mp4',
		});
		expect(binary).toMatchObject({ bytes: size, fileSize: '50.3 MB', mimeType: 'video/mp4' });
		const expected = await sha256(patternStream(size, 7));
		expect(await binarySha256(binary)).toBe(expected);
		expect(await sha256(patternStream(size, 8))).not.toBe(expected);
		const res = await axios.get<Readable>(await createBinarySignedUrl(binary), {
			responseType: 'stream',
		});
		expect(res.headers['content-length']).toBe(String(size));
		expect(await sha256(res.data)).toBe(expected);
		await signedRequestsSettled();
		expect(lastRequest()).toMatchObject({ bytesSent: size, state: 'finished' });
	});
});

describe('the sandbox downloads signed URLs like Meta', () => {
	it('image at create, video while IN_PROGRESS; its User-Agent passes the bot filter, a bot one gets 204', async () => {
		const sb = await startSandbox();
		try {
			const api = axios.create({
				baseURL: `${sb.url}/v25.0`,
				headers: { Authorization: `Bearer ${sb.tokens.facebook}` },
				validateStatus: () => true,
			});
			const jpeg = Buffer.from('\xff\xd8\xff fake jpeg', 'latin1');
			const image = await storeBinary(jpeg, { fileName: 'p.jpg', mimeType: 'image/jpeg' });
			const created = await api.post('/17841400000000001/media', {
				image_url: await createBinarySignedUrl(image),
			});
			expect(created.status).toBe(200);
			expect(sb.fetches[0]).toMatchObject({
				kind: 'image',
				containerId: created.data.id,
				status: 200,
				bytes: jpeg.length,
				sha256: await sha256(jpeg),
				contentType: 'image/jpeg',
				ok: true,
			});
			expect(lastRequest()).toMatchObject({ userAgent: META_USER_AGENT, status: 200 });

			const mp4 = await storeBinaryStream(patternStream(3_000_000, 3), {
				fileName: 'reel.mp4',
				mimeType: 'video/mp4',
			});
			const reel = await api.post('/17841400000000001/media', {
				media_type: 'REELS',
				video_url: await createBinarySignedUrl(mp4),
			});
			const codes: string[] = [];
			for (let i = 0; i < 3; i++)
				codes.push((await api.get(`/${reel.data.id}?fields=status_code`)).data.status_code);
			expect(codes).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
			expect(sb.fetches[1]).toMatchObject({
				kind: 'video',
				bytes: 3_000_000,
				sha256: await binarySha256(mp4),
				ok: true,
			});

			const bot = await startSandbox({ mediaFetch: { userAgent: 'Facebot' } });
			try {
				const denied = await axios.post(
					`${bot.url}/v25.0/17841400000000001/media`,
					{ image_url: await createBinarySignedUrl(image) },
					{
						headers: { Authorization: `Bearer ${bot.tokens.facebook}` },
						validateStatus: () => true,
					},
				);
				expect(denied.data.error).toMatchObject({ code: 9004, error_subcode: 2207052 });
				expect(bot.fetches[0]).toMatchObject({ status: 204, bytes: 0, ok: false });
				expect(lastRequest()).toMatchObject({ userAgent: 'Facebot', status: 204 });
			} finally {
				await bot.close();
			}
		} finally {
			await sb.close();
		}
	});
});

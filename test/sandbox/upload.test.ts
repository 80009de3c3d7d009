/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import axios from 'axios';
import { createHash } from 'crypto';
import { request } from 'http';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';

import { IG, sandboxes } from './test-utils';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** `size` bytes of one reused 1 MiB block: a large body that costs the client no memory. */
function body(size: number): Readable {
	const block = Buffer.alloc(1 << 20, 0x5a);
	function* chunks() {
		for (let sent = 0; sent < size; sent += block.length)
			yield sent + block.length <= size ? block : block.subarray(0, size - sent);
	}
	return Readable.from(chunks());
}

/** POSTs a streamed body (no axios/follow-redirects buffering), like the node's rupload call. */
async function streamUpload(uri: string, headers: Record<string, string>, size: number) {
	return await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
		const req = request(uri, { method: 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					json: JSON.parse(Buffer.concat(chunks).toString()),
				}),
			);
		});
		req.on('error', reject);
		pipeline(body(size), req).catch(reject);
	});
}

describe('Graph sandbox: resumable upload (rupload)', () => {
	const h = sandboxes();

	const resumable = async () => {
		const { sb, api } = await h.open();
		const created = await api.post(`/${IG}/media`, {
			media_type: 'REELS',
			upload_type: 'resumable',
		});
		return { sb, api, id: created.data.id as string, uri: created.data.uri as string };
	};

	it('needs Authorization: OAuth <token>; offset 0 and file_size; records bytes and sha256', async () => {
		const { sb, api, id, uri } = await resumable();
		const bytes = Buffer.from('fake mp4 bytes, hashed while streaming');
		const post = (headers: Record<string, string>, data: Buffer | undefined = bytes, url = uri) =>
			axios.post(url, data, {
				headers: { 'Content-Type': 'application/octet-stream', ...headers },
				validateStatus: () => true,
			});
		const unauthorized = {
			debug_info: {
				retriable: false,
				type: 'ProcessingFailedError',
				message: '{"success":false,"error":{"message":"unauthorized user request"}}',
			},
		};
		const size = { offset: '0', file_size: String(bytes.length) };
		for (const denied of [
			await post({ Authorization: `Bearer ${sb.tokens.facebook}`, ...size }),
			await post(size, bytes, `${uri}?access_token=${sb.tokens.facebook}`),
			await post({ Authorization: `OAuth ${sb.tokens.instagram}`, ...size }),
			await post({ Authorization: `OAuth ${sb.tokens.expired}`, ...size }),
		])
			expect([denied.status, denied.data]).toEqual([400, unauthorized]);
		const auth = { Authorization: `OAuth ${sb.tokens.facebook}` };
		const mismatch = await post({ ...auth, offset: '0', file_size: String(bytes.length + 1) });
		expect(mismatch.data).toEqual({
			debug_info: {
				retriable: false,
				type: 'ParameterValidationError',
				message: `Header file_size must equal the body length (${bytes.length})`,
			},
		});
		expect(
			(await post({ ...auth, offset: '5', file_size: size.file_size })).data.debug_info,
		).toMatchObject({
			message: 'Partial uploads are not supported',
		});
		expect((await post({ ...auth, file_size: size.file_size })).data.debug_info).toMatchObject({
			type: 'ParameterValidationError',
		});
		const ok = await post({ ...auth, ...size });
		expect([ok.status, ok.data]).toEqual([200, { success: true, message: 'Upload successful.' }]);
		expect(sb.calls('upload').at(-1)).toMatchObject({
			authorization: 'OAuth facebook',
			containerId: id,
			body: { bytes: bytes.length, sha256: sha(bytes) },
		});
		const state = (await axios.get(`${sb.url}/__sandbox/state`)).data;
		expect(state.containers[0]).toMatchObject({
			id,
			uploadedBytes: bytes.length,
			uploadedSha256: sha(bytes),
			status_code: 'IN_PROGRESS',
		});
		const codes = [];
		for (let i = 0; i < 3; i++)
			codes.push((await api.get(`/${id}?fields=status_code`)).data.status_code);
		expect(codes).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
	});

	it('a 256 MB upload is hashed as it streams: the sandbox’s memory does not grow with the body', async () => {
		const { sb, id, uri } = await resumable();
		const size = 256 * 1024 * 1024 + 17;
		const baseline = process.memoryUsage().arrayBuffers;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().arrayBuffers);
		}, 5);
		try {
			const res = await streamUpload(
				uri,
				{
					Authorization: `OAuth ${sb.tokens.facebook}`,
					offset: '0',
					file_size: String(size),
					'Content-Type': 'application/octet-stream',
					'Content-Length': String(size),
				},
				size,
			);
			expect(res).toEqual({ status: 200, json: { success: true, message: 'Upload successful.' } });
		} finally {
			clearInterval(sampler);
		}
		const expected = createHash('sha256');
		for await (const chunk of body(size)) expected.update(chunk as Buffer);
		expect(sb.calls('upload')[0]).toMatchObject({
			containerId: id,
			body: { bytes: size, sha256: expected.digest('hex') },
		});
		// Buffering would hold ≥ 256 MB; streaming holds socket chunks until GC (≈ 36 MB measured).
		expect(peak - baseline).toBeLessThan(128 * 1024 * 1024);
	});
});

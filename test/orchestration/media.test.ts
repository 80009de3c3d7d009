import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { createContainer } from '../../nodes/Instagram/publish/containers';
import { prepareMedia, uploadToContainer } from '../../nodes/Instagram/publish/media';
import type { MediaRef } from '../../nodes/Instagram/publish/types';
import type { GraphConnection } from '../../nodes/Instagram/transport/connection';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import { fakeRun, testNode } from './scriptedGraph';

const STORED: IBinaryData = {
	id: 'filesystem-v2:workflows/w/executions/e/binary_data/1',
	data: 'filesystem-v2',
	mimeType: 'video/mp4',
	fileName: 'clip.mp4',
};
const IN_MEMORY: IBinaryData = {
	data: Buffer.from('jpeg bytes').toString('base64'),
	mimeType: 'image/jpeg',
	fileName: 'a.jpg',
};
const binaryRef = (binary: IBinaryData, extra: Partial<MediaRef> = {}): MediaRef =>
	({
		from: 'binary',
		propertyName: 'data',
		binary,
		bytes: 10,
		mimeType: String(binary.mimeType),
		...extra,
	}) as MediaRef;

/** A fake run whose n8n helpers record what the media code asked of them. */
function mediaRun(
	connection: Partial<GraphConnection> = {},
	signedOrigin = 'https://n8n.example.com',
) {
	const fake = fakeRun();
	const calls = {
		signed: [] as IBinaryData[],
		prepared: [] as unknown[][],
		streams: [] as string[],
		http: [] as IHttpRequestOptions[],
	};
	const stream = { fake: 'readable' };
	fake.run.ctx = {
		getNode: () => testNode,
		getExecutionCancelSignal: () => undefined,
		helpers: {
			createBinarySignedUrl: (binary: IBinaryData) => {
				calls.signed.push(binary);
				if (!binary.id) throw new Error('URL signing is not available in memory mode');
				return `${signedOrigin}/rest/binary-data/signed?token=a.b.c`;
			},
			prepareBinaryData: async (...args: unknown[]) => {
				calls.prepared.push(args);
				return await Promise.resolve({ ...IN_MEMORY, id: 'filesystem-v2:stored-now' });
			},
			getBinaryStream: async (id: string) => {
				calls.streams.push(id);
				return await Promise.resolve(stream);
			},
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				calls.http.push(options);
				return await Promise.resolve({ statusCode: 200, body: '{"success":true}' });
			},
		},
	} as unknown as IExecuteFunctions;
	fake.graph.connection = async () =>
		await Promise.resolve({
			credentialType: 'instagramApi',
			loginType: 'facebook',
			baseUrl: 'https://graph.facebook.com/v25.0',
			secrets: [],
			...connection,
		});
	return { ...fake, calls, stream };
}

describe('prepareMedia', () => {
	it('a URL goes to Meta as it is', async () => {
		const { run, graph } = mediaRun();
		expect(
			await prepareMedia(run, { from: 'url', url: 'https://x.com/a.jpg' }, 'image_url', 0),
		).toEqual({
			params: { image_url: 'https://x.com/a.jpg' },
			fingerprint: 'https://x.com/a.jpg',
		});
		expect(graph.requests).toHaveLength(0);
	});

	it('binary video + access token + Facebook Login → resumable container, bytes uploaded later', async () => {
		const { run, graph, calls } = mediaRun();
		const prepared = await prepareMedia(run, binaryRef(STORED), 'video_url', 0);
		expect(prepared).toEqual({
			params: { upload_type: 'resumable' },
			upload: { binary: STORED, bytes: 10 },
			fingerprint: { binary: 'data', bytes: 10, mimeType: 'video/mp4', fileName: 'clip.mp4' },
		});
		expect(calls.signed).toHaveLength(0);
		expect(graph.requests).toHaveLength(0);
	});

	it.each([
		['Instagram Login', { loginType: 'instagram' as const }],
		['the OAuth2 credential', { credentialType: 'instagramOAuth2Api' }],
	])('binary video with %s → the signed n8n URL', async (_name, connection) => {
		const { run, calls } = mediaRun(connection);
		const prepared = await prepareMedia(run, binaryRef(STORED), 'video_url', 0);
		expect(prepared.params).toEqual({
			video_url: 'https://n8n.example.com/rest/binary-data/signed?token=a.b.c',
		});
		expect(prepared.upload).toBeUndefined();
		expect(calls.signed).toEqual([STORED]);
	});

	it('an in-memory binary is stored with its name and type first, then signed', async () => {
		const { run, calls } = mediaRun();
		const prepared = await prepareMedia(run, binaryRef(IN_MEMORY), 'image_url', 0);
		expect(prepared.params).toEqual({
			image_url: 'https://n8n.example.com/rest/binary-data/signed?token=a.b.c',
		});
		expect(calls.prepared).toEqual([[Buffer.from('jpeg bytes'), 'a.jpg', 'image/jpeg']]);
		expect(calls.signed.map((binary) => binary.id)).toEqual(['filesystem-v2:stored-now']);
	});

	it('a signed URL on a private host is refused, naming N8N_WEBHOOK_URL, unless the Graph API is local', async () => {
		const { run, graph } = mediaRun({}, 'http://localhost:5678');
		await expect(prepareMedia(run, binaryRef(IN_MEMORY), 'image_url', 3)).rejects.toThrow(
			/Meta cannot download binary "data" from n8n: n8n's address for it is localhost, which is not public \[item 3\]/,
		);
		const error = await prepareMedia(run, binaryRef(IN_MEMORY), 'image_url', 3).catch(
			(e: unknown) => e,
		);
		expect((error as { description: string }).description).toMatch(/N8N_WEBHOOK_URL.*WEBHOOK_URL/);
		expect(graph.requests).toHaveLength(0);
		const local = mediaRun({ baseUrl: 'http://127.0.0.1:4567/v25.0' }, 'http://localhost:5678');
		expect((await prepareMedia(local.run, binaryRef(IN_MEMORY), 'image_url', 3)).params).toEqual({
			image_url: 'http://localhost:5678/rest/binary-data/signed?token=a.b.c',
		});
	});

	it('n8n in memory mode (no id even after storing) → a clear error, no request', async () => {
		const { run, graph } = mediaRun({ loginType: 'instagram' });
		(
			run.ctx.helpers as unknown as { prepareBinaryData: () => Promise<IBinaryData> }
		).prepareBinaryData = async () => await Promise.resolve(IN_MEMORY);
		await expect(prepareMedia(run, binaryRef(IN_MEMORY), 'image_url', 0)).rejects.toThrow(
			/n8n cannot give Meta an address for binary "data" \[item 0\]/,
		);
		expect(graph.requests).toHaveLength(0);
	});

	it('a size Meta’s sources disagree on becomes a hint', async () => {
		const { run, hints } = mediaRun();
		await prepareMedia(
			run,
			binaryRef(STORED, { warning: 'is 400 MB: maybe too big' }),
			'video_url',
			0,
		);
		expect(hints).toEqual(['Binary "data" is 400 MB: maybe too big']);
	});
});

describe('uploadToContainer and createContainer', () => {
	const upload = {
		containerId: '1789001',
		uri: 'https://rupload.facebook.com/ig-api-upload/v25.0/1789001',
		binary: STORED,
		bytes: 10,
		itemIndex: 0,
	};

	it('streams a stored binary from n8n’s store, never buffering it', async () => {
		const { run, calls, stream, progress } = mediaRun();
		await uploadToContainer(run, upload);
		expect(calls.streams).toEqual([STORED.id]);
		expect(calls.http).toHaveLength(1);
		expect(calls.http[0].body).toBe(stream);
		expect(progress).toEqual(['uploading 1 MB of video to container 1789001']);
	});

	it('sends an in-memory binary from its buffer', async () => {
		const { run, calls } = mediaRun();
		await uploadToContainer(run, { ...upload, binary: IN_MEMORY });
		expect(calls.streams).toEqual([]);
		expect(calls.http[0].body).toEqual(Buffer.from('jpeg bytes'));
	});

	it('no upload address from Meta → an error naming the container, nothing sent', async () => {
		const { run, calls } = mediaRun();
		const error = await uploadToContainer(run, { ...upload, uri: undefined }).catch(
			(e: unknown) => e,
		);
		expect(graphDetailsOf(error)).toMatchObject({ containerId: '1789001' });
		expect((error as Error).message).toMatch(/did not return an upload address/);
		expect(calls.http).toHaveLength(0);
	});

	it('createContainer uploads right after a resumable container is created; a failed upload names the child', async () => {
		const { run, graph, calls } = mediaRun();
		graph.reply('create', {
			id: '1789002',
			uri: 'https://rupload.facebook.com/ig-api-upload/v25.0/1789002',
		});
		const spec = {
			params: { upload_type: 'resumable' },
			label: 'Carousel item 2',
			childIndex: 1,
			url: 'binary "clip"',
			upload: { binary: STORED, bytes: 10 },
		};
		expect(await createContainer(run, '17841400000000001', spec, 0)).toBe('1789002');
		expect(graph.sequence).toEqual(['create']);
		expect(calls.http.map((options) => options.url)).toEqual([
			'https://rupload.facebook.com/ig-api-upload/v25.0/1789002',
		]);

		graph.reply('create', { id: '1789003' });
		const error = await createContainer(run, '17841400000000001', spec, 0).catch((e: unknown) => e);
		expect(graphDetailsOf(error)).toMatchObject({
			containerId: '1789003',
			childIndex: 1,
			childUrl: 'binary "clip"',
		});
		expect(calls.http).toHaveLength(1);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Binary media in real n8n 2.41.1 under `n8n start`: a production webhook receives base64 media, n8n's own
// Convert to File node makes it a binary (filesystem mode, n8n's default), and the Instagram node posts it.
// The image reaches "Meta" (the sandbox) through n8n's signed `/rest/binary-data/signed` URL, served by this
// n8n instance; the video goes by resumable upload (access token, Facebook Login).
import { createHash, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { printTimings } from './e2e';
import { jpegSample } from '../sandbox/samples';
import { N8nUserFolder, type WorkflowJson } from './n8n';
import { NODE_TYPE } from './package';
import { startN8nServer, type N8nServer } from './server';
import { CREDENTIAL_ID, CREDENTIAL_NAME, sandboxCredential } from './workflows';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Webhook → Convert to File (base64 field → binary `data`) → Instagram; the webhook answers with its output. */
function binaryWorkflow(
	id: string,
	path: string,
	instagram: IDataObject,
	mimeType: string,
	fileName: string,
): WorkflowJson {
	return {
		id,
		name: `Binary ${path}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-webhook-id`,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: `${id}-file`,
				name: 'Convert to File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [220, 0],
				parameters: {
					operation: 'toBinary',
					sourceProperty: 'body.media',
					binaryPropertyName: 'data',
					options: { fileName, mimeType },
				},
			},
			{
				id: `${id}-ig`,
				name: 'Instagram',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: { authentication: 'accessToken', binaryPropertyName: 'data', ...instagram },
				credentials: { instagramApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Convert to File', type: 'main', index: 0 }]] },
			'Convert to File': { main: [[{ node: 'Instagram', type: 'main', index: 0 }]] },
		},
	};
}

describe('real n8n 2.41.1 under `n8n start`: media from binary data', () => {
	let sandbox: Sandbox;
	let folder: N8nUserFolder | undefined;
	let server: N8nServer | undefined;
	const timings: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 2 } } });
		folder = await N8nUserFolder.create();
		await folder.importCredentials([sandboxCredential(sandbox)]);
		const account = { __rl: true, mode: 'id', value: sandbox.accounts[0].id };
		const fast = { pollIntervalSeconds: 1, maxWaitSeconds: 60 };
		const workflows = [
			binaryWorkflow(
				'igE2eBinaryPost01',
				'ig-binary-post',
				{
					operation: 'post',
					imageSource: 'binary',
					account,
					caption: 'From binary',
					options: fast,
				},
				'image/jpeg',
				'photo.jpg',
			),
			binaryWorkflow(
				'igE2eBinaryReel01',
				'ig-binary-reel',
				{
					operation: 'reel',
					videoSource: 'binary',
					account,
					caption: 'Reel from binary',
					options: fast,
				},
				'video/mp4',
				'clip.mp4',
			),
		];
		for (const workflow of workflows) {
			await folder.importWorkflow(workflow);
			await folder.publishWorkflow(workflow.id);
		}
		const started = Date.now();
		server = await startN8nServer(folder);
		for (const path of ['ig-binary-post', 'ig-binary-reel']) await server.waitForWebhook(path);
		timings.push(`n8n start → webhooks ready: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});
	afterAll(async () => {
		if (process.env.N8N_E2E_DEBUG) process.stdout.write(server?.output() ?? '');
		await server?.stop();
		folder?.dispose();
		await sandbox?.close();
		printTimings('binary media (n8n start)', timings);
	});
	beforeEach(() => sandbox.reset());

	async function trigger(path: string, media: Buffer): Promise<IDataObject> {
		const started = Date.now();
		const res = await server!.postWebhook(path, { media: media.toString('base64') });
		timings.push(
			`POST /webhook/${path} (${media.length} bytes): ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
		return res.body as IDataObject;
	}

	it('posts an image made in the workflow: Meta downloads exactly its bytes from n8n’s signed URL', async () => {
		const image = jpegSample(1080, 1350, { totalBytes: 200_035 });
		const out = await trigger('ig-binary-post', image);

		expect(out).toMatchObject({ published: true, status: 'PUBLISHED', mediaType: 'IMAGE' });
		const [create] = sandbox.calls('createContainer');
		const signed = String(create.body.image_url);
		expect(signed.startsWith(`${server!.url}/rest/binary-data/signed?token=`)).toBe(true);
		expect(sandbox.fetches).toHaveLength(1);
		expect(sandbox.fetches[0]).toMatchObject({
			url: signed,
			kind: 'image',
			ok: true,
			status: 200,
			bytes: image.length,
			sha256: sha(image),
			contentType: 'image/jpeg',
			containerId: out.containerId,
		});
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(sandbox.mediaCount(sandbox.accounts[0].id)).toBe(1);
		// The signed token is a bearer credential for the file: not in the node's output, nor in n8n's log.
		const token = new URL(signed).searchParams.get('token')!;
		expect(JSON.stringify(out)).not.toContain(token);
		expect(server!.output()).not.toContain(token);
		expect(server!.output()).not.toContain(sandbox.tokens.page);
	});

	it('posts a reel from a binary video by resumable upload: exact bytes at the upload host, no video_url', async () => {
		const video = randomBytes(3 * 1024 * 1024);
		const out = await trigger('ig-binary-reel', video);

		expect(out).toMatchObject({ published: true, status: 'PUBLISHED', mediaType: 'REELS' });
		const [create] = sandbox.calls('createContainer');
		expect(create.body).toMatchObject({ media_type: 'REELS', upload_type: 'resumable' });
		expect(create.body).not.toHaveProperty('video_url');
		const uploads = sandbox.calls('upload');
		expect(uploads).toHaveLength(1);
		expect(uploads[0]).toMatchObject({
			status: 200,
			containerId: out.containerId,
			body: { bytes: video.length, sha256: sha(video) },
		});
		expect(String(uploads[0].authorization)).toMatch(/^OAuth /);
		expect(uploads[0].headers).toMatchObject({ offset: '0', file_size: String(video.length) });
		expect(sandbox.fetches).toHaveLength(0);
		expect(sandbox.calls('publish')).toHaveLength(1);
		expect(server!.output()).not.toContain(sandbox.tokens.page);
	});
});

/* eslint-disable no-console -- dev-only demo, never shipped in dist/ */
/**
 * The binary part of `npm run demo`: media that an earlier node made, not a URL. An image stored
 * the way n8n stores binary data → post (the sandbox downloads it from n8n's signed URL, like
 * Meta), and a video → reel (Facebook Login: uploaded straight to the resumable endpoint).
 */
import { createHash } from 'crypto';
import type { IBinaryData } from 'n8n-workflow';

import { patternStream, runWorkflow, storeBinary, storeBinaryStream } from '../test/harness';
import type { Sandbox } from '../test/sandbox';
import { instagramWorkflow, sandboxCredentials } from '../test/workflow/fixtures';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const VIDEO_BYTES = 20 * 1000 * 1000;

async function publishFromBinary(sandbox: Sandbox, operation: 'post' | 'reel', data: IBinaryData) {
	const source = operation === 'post' ? { imageSource: 'binary' } : { videoSource: 'binary' };
	const result = await runWorkflow({
		workflow: instagramWorkflow({
			parameters: { operation, ...source, caption: `A ${operation} from binary data` },
		}),
		credentials: sandboxCredentials(sandbox),
		inputItems: [{ json: {}, binary: { data } }],
		onProgress: ({ message }) => console.log(`    … ${message}`),
	});
	if (result.status !== 'success') {
		console.log(`  ✗ ${result.status}: ${result.error?.message ?? ''}`);
		return false;
	}
	const [json] = result.json('Instagram');
	console.log(
		`    ✓ published ${String(json.mediaType)} ${String(json.id)} from container ${String(json.containerId)}`,
	);
	return true;
}

/** Runs both; returns how many of the 2 succeeded. */
export async function runBinaryDemo(sandbox: Sandbox): Promise<number> {
	let succeeded = 0;
	const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200_000, 0x42)]);
	console.log('\n▶ Post from binary data (an image an earlier node made)');
	const fetchesBefore = sandbox.fetches.length;
	const image = await storeBinary(jpeg, { fileName: 'made-in-n8n.jpg', mimeType: 'image/jpeg' });
	if (await publishFromBinary(sandbox, 'post', image)) succeeded++;
	for (const fetch of sandbox.fetches.slice(fetchesBefore)) {
		const path = new URL(fetch.url).pathname;
		console.log(
			`    Meta (sandbox) downloaded ${fetch.bytes} bytes from n8n's ${path}, sha256 ${fetch.sha256.slice(0, 16)}… (item's: ${sha(jpeg)}…)`,
		);
	}
	console.log('\n▶ Reel from binary data (Facebook Login: resumable upload)');
	const uploadsBefore = sandbox.calls('upload').length;
	const video = await storeBinaryStream(patternStream(VIDEO_BYTES), {
		fileName: 'clip.mp4',
		mimeType: 'video/mp4',
	});
	if (await publishFromBinary(sandbox, 'reel', video)) succeeded++;
	for (const upload of sandbox.calls('upload').slice(uploadsBefore)) {
		const body = upload.body as { bytes: number; sha256: string };
		console.log(
			`    uploaded ${body.bytes} bytes to ${upload.path} (${upload.authorization ?? 'no auth'}), sha256 ${body.sha256.slice(0, 16)}…`,
		);
	}
	return succeeded;
}

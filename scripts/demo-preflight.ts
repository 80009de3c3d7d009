/* eslint-disable no-console -- dev-only demo, never shipped in dist/ */
/**
 * The media-preflight part of `npm run demo`: the node checks each media URL with one small request
 * before any Graph call. A media host on 127.0.0.1 serves sample files; a good JPEG passes (and Meta,
 * i.e. the sandbox, then downloads it), a PNG and a 3:1 carousel item are refused with what to change.
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../test/harness';
import { startMediaHost } from '../test/sandbox';
import type { MediaHost, Sandbox } from '../test/sandbox';
import { instagramWorkflow, sandboxCredentials } from '../test/workflow/fixtures';

interface Example {
	title: string;
	parameters: IDataObject;
	/** Whether the preflight should let it through. */
	passes: boolean;
}

const examples = (host: MediaHost): Example[] => [
	{
		title: 'Post a 4:5 JPEG (passes)',
		parameters: {
			operation: 'post',
			imageUrl: host.urlOf('/photo-4x5.jpg'),
			caption: 'Checked first',
		},
		passes: true,
	},
	{
		title: 'Post a PNG (refused: Instagram takes JPEG only)',
		parameters: { operation: 'post', imageUrl: host.urlOf('/photo.png') },
		passes: false,
	},
	{
		title: 'Carousel whose second image is 3:1 (refused: outside 4:5 … 1.91:1)',
		parameters: {
			operation: 'carousel',
			inputMode: 'json',
			itemsJson: JSON.stringify([host.urlOf('/photo-4x5.jpg'), host.urlOf('/wide-3x1.jpg')]),
		},
		passes: false,
	},
];

async function runExample(sandbox: Sandbox, host: MediaHost, example: Example): Promise<boolean> {
	console.log(`\n▶ ${example.title}`);
	const [graphBefore, servedBefore] = [sandbox.requests.length, host.served.length];
	const result = await runWorkflow({
		workflow: instagramWorkflow({ parameters: example.parameters }),
		credentials: sandboxCredentials(sandbox),
		onProgress: ({ message }) => console.log(`    … ${message}`),
	});
	for (const served of host.served.slice(servedBefore)) {
		const who = served.byMeta ? 'Meta (sandbox) downloaded' : 'preflight';
		console.log(
			`    ${who}: ${served.method} ${served.path}${served.range ? ` (${served.range})` : ''} → ${served.status}, ${served.bytesSent} bytes served`,
		);
	}
	const graphCalls = sandbox.requests.length - graphBefore;
	if (result.status === 'success') {
		const [json] = result.json('Instagram');
		console.log(
			`    ✓ published ${String(json.mediaType)} ${String(json.id)}; Graph calls: ${graphCalls}`,
		);
	} else {
		console.log(`    ✗ ${result.error?.message ?? ''}`);
		console.log(`      ${result.error?.description ?? ''}`);
		console.log(`      Graph calls: ${graphCalls}`);
	}
	return (result.status === 'success') === example.passes && (example.passes || graphCalls === 0);
}

/** Runs the examples; returns how many behaved as expected, out of `PREFLIGHT_EXAMPLES`. */
export async function runPreflightDemo(sandbox: Sandbox): Promise<number> {
	const host = await startMediaHost();
	try {
		let asExpected = 0;
		for (const example of examples(host))
			if (await runExample(sandbox, host, example)) asExpected++;
		return asExpected;
	} finally {
		await host.close();
	}
}

export const PREFLIGHT_EXAMPLES = 3;

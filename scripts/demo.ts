/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- dev-only demo, never shipped in dist/ */
/**
 * npm run demo — the README's first Quick start command. Starts the Graph sandbox, runs every
 * example workflow through n8n's execution engine (n8n-core WorkflowExecute) with the compiled
 * node, and prints what was published. No Meta account, seconds, Node 20+.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { NODE_TYPE, PROJECT_ROOT } from '../test/e2e/package';
import { CREDENTIAL_ID, forSandbox, loadExample, sandboxCredential } from '../test/e2e/workflows';
import { baseNodeStubs, prepareEnvironment, runWorkflow } from '../test/harness';
import type { StoredCredential, WorkflowJson } from '../test/harness';
import { startSandbox } from '../test/sandbox';
import type { Sandbox } from '../test/sandbox';
import { runBinaryDemo } from './demo-binary';
import { PREFLIGHT_EXAMPLES, runPreflightDemo } from './demo-preflight';

/** Order matters: the quota report runs last and shows what the others used. */
let lastQuota: IDataObject | undefined;

const ORDER = [
	'rss-to-image-post.json',
	'rss-to-carousel.json',
	'reel-resume-with-status.json',
	'daily-quota-report.json',
];

function describeItem(json: IDataObject): string {
	if (json.error) return `✗ ${String(json.error)}`;
	if (json.skipped)
		return `– skipped (${String(json.reason)})${json.id ? `, earlier media ${String(json.id)}` : ''}`;
	const quota = json.quota as IDataObject | undefined;
	if (quota) lastQuota = quota;
	const quotaText = quota ? `quota ${String(quota.used)}/${String(quota.total)} used` : '';
	if (json.published === true) {
		const children = Array.isArray(json.children) ? `, ${json.children.length} children` : '';
		return `✓ published ${String(json.mediaType ?? 'media')} ${String(json.id ?? '(id unknown)')} from container ${String(json.containerId)}${children}; ${quotaText}`;
	}
	if (json.containerId)
		return `◷ container ${String(json.containerId)} is ${String(json.status)}, not published yet`;
	return `ℹ ${quotaText || JSON.stringify(json)}`;
}

/** Node types n8n's engine runs here without real n8n: the harness's stand-ins and this package. */
const RUNNABLE = new Set([...Object.keys(baseNodeStubs), NODE_TYPE]);

async function runExample(sandbox: Sandbox, file: string): Promise<boolean | 'skipped'> {
	const workflow = forSandbox(loadExample(file), sandbox) as unknown as WorkflowJson;
	console.log(`\n▶ ${workflow.name}  (examples/${file})`);
	const missing = workflow.nodes
		.map((node) => String(node.type))
		.filter((type) => !RUNNABLE.has(type));
	if (missing.length) {
		console.log(
			`  – needs ${missing.join(', ')}: runs in real n8n (npm run dev); the binary demo below takes the same path`,
		);
		return 'skipped';
	}
	const mark = sandbox.requests.length;
	const started = Date.now();
	const result = await runWorkflow({
		workflow,
		credentials: { [CREDENTIAL_ID]: sandboxCredential(sandbox) as StoredCredential },
		onProgress: ({ message }) => console.log(`    … ${message}`),
	});
	for (const node of workflow.nodes.filter((candidate) => candidate.type === NODE_TYPE)) {
		const items = result.json(node.name);
		if (items.length) console.log(`  ${node.name}:`);
		for (const json of items) console.log(`    ${describeItem(json)}`);
	}
	const calls: Record<string, number> = {};
	for (const request of sandbox.requests.slice(mark))
		calls[request.endpoint] = (calls[request.endpoint] ?? 0) + 1;
	const callText = Object.entries(calls)
		.map(([endpoint, count]) => `${endpoint} ×${count}`)
		.join(', ');
	console.log(
		`  Graph calls: ${callText || 'none'} — ${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	if (result.status !== 'success')
		console.log(`  ✗ ${result.status}: ${result.error?.message ?? ''}`);
	return result.status === 'success';
}

async function main(): Promise<void> {
	prepareEnvironment();
	// Reels take a few seconds to "process" in the sandbox, so the wait-and-poll loop is visible.
	const sandbox = await startSandbox({ processing: { reel: { ms: 3_000 }, video: { ms: 1_500 } } });
	console.log(`Graph sandbox on ${sandbox.url} — no Meta account involved.`);
	try {
		const available = new Set(
			readdirSync(join(PROJECT_ROOT, 'examples')).filter((file) => file.endsWith('.json')),
		);
		const files = [
			...ORDER.filter((file) => available.has(file)),
			...[...available].filter((file) => !ORDER.includes(file)).sort(),
		];
		let failures = 0;
		let skipped = 0;
		for (const file of files) {
			const outcome = await runExample(sandbox, file);
			if (outcome === 'skipped') skipped++;
			else if (!outcome) failures++;
		}
		failures += 2 - (await runBinaryDemo(sandbox));
		failures += PREFLIGHT_EXAMPLES - (await runPreflightDemo(sandbox));
		const ran = files.length - skipped + 2 + PREFLIGHT_EXAMPLES;
		const account = sandbox.accounts[0];
		const tokenInUrl = sandbox.requests.some((request) => request.tokenInUrl);
		const quotaLeft = lastQuota
			? `, quota left ${String(lastQuota.remaining)}/${String(lastQuota.total)}`
			: '';
		console.log(
			`\nSummary: ${ran - failures}/${ran} workflows behaved as expected (the preflight refusals included) (${skipped} example(s) need real n8n), ${sandbox.mediaCount(account.id)} media published to @${account.username}${quotaLeft}, ${sandbox.requests.length} Graph calls, token in a URL: ${tokenInUrl ? 'YES' : 'never'}.`,
		);
		if (failures || tokenInUrl) process.exitCode = 1;
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

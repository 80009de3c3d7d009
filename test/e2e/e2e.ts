/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Shared fixtures of the real-n8n suite: gating, feature detection on the built node, sandbox + user folder,
// example runs with timings.
import { existsSync } from 'fs';
import { join } from 'path';
import type {
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

import type { RecordedRequest, Sandbox } from '../sandbox/types';
import { N8nUserFolder, type WorkflowJson } from './n8n';
import { PROJECT_ROOT } from './package';
import type { ExecutionResult } from './result';
import { forSandbox, loadExample, sandboxCredential, type SandboxRewrite } from './workflows';

/** Only jest.e2e.config.js runs these (jest.config.js also ignores test/e2e; this guard keeps it so if that changes). */
export const describeE2E = process.env.N8N_E2E_SUITE === '1' ? describe : describe.skip;

const NODE_FILE = join(PROJECT_ROOT, 'dist', 'nodes', 'Instagram', 'Instagram.node.js');

function builtDescription(): INodeTypeDescription | undefined {
	if (!existsSync(NODE_FILE)) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built node, loaded to read its description
	const mod = require(NODE_FILE) as { Instagram: new () => { description: INodeTypeDescription } };
	return new mod.Instagram().description;
}

type Option = INodePropertyOptions | INodePropertyCollection;

function values(name: string): string[] {
	const props = builtDescription()?.properties ?? [];
	const out: string[] = [];
	for (const p of props) {
		if (p.name === name && p.options)
			out.push(...(p.options as Option[]).map((o) => String('value' in o ? o.value : o.name)));
		if (p.name === 'options' && p.type === 'collection')
			out.push(...(p.options as Option[]).map((o) => `options.${o.name}`));
	}
	return out;
}

/** Whether the built node (dist/) already offers an operation or an `options.<name>` publish option. */
export function nodeHas(feature: string): boolean {
	return feature.startsWith('options.')
		? values('options').includes(feature)
		: values('operation').includes(feature);
}

/**
 * `it` when the built node has every listed feature; otherwise a skipped test whose name says what it waits for.
 * Tests written against docs/CONTRACTS.md before the node implements them.
 */
export function itWhen(features: string[], name: string, fn: () => Promise<void>): void {
	const missing = features.filter((f) => !nodeHas(f));
	if (missing.length === 0) it(name, fn);
	else it.skip(`${name} [waits on node: ${missing.join(', ')}]`, fn);
}

export interface E2e {
	sandbox: Sandbox;
	n8n: N8nUserFolder;
	timings: string[];
	/** Imports an example (wired to the sandbox), executes it, records the execute time. */
	run(
		file: string,
		rewrite?: SandboxRewrite,
	): Promise<{ workflow: WorkflowJson; result: ExecutionResult }>;
	dispose(): Promise<void>;
}

export async function startE2e(sandbox: Sandbox, timings: string[] = []): Promise<E2e> {
	const n8n = await N8nUserFolder.create();
	await n8n.importCredentials([sandboxCredential(sandbox)]);
	return {
		sandbox,
		n8n,
		timings,
		async run(file, rewrite) {
			const workflow = forSandbox(loadExample(file), sandbox, rewrite);
			await n8n.importWorkflow(workflow);
			const result = await n8n.execute(workflow.id);
			timings.push(`${file}: execute ${(result.ms / 1000).toFixed(1)} s (${result.status})`);
			return { workflow, result };
		},
		async dispose() {
			n8n.dispose();
		},
	};
}

/** Every request the sandbox recorded carried its token in the Authorization header, never in the URL. */
export function tokensInUrls(sandbox: Sandbox): string[] {
	return sandbox.requests.filter((r) => r.tokenInUrl).map((r) => `${r.method} ${r.path}`);
}

export function printTimings(title: string, timings: string[]): void {
	if (timings.length) process.stdout.write(`\n[n8n e2e] ${title}\n  ${timings.join('\n  ')}\n`);
}

/** A Graph request parameter, whether it was sent in the body or the query string. */
export const field = (r: RecordedRequest, name: string): unknown => r.body[name] ?? r.query[name];

/** `children` of a carousel container: an array, a JSON array string or comma-separated ids. */
export function idList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	const s = String(value ?? '');
	return s.startsWith('[')
		? (JSON.parse(s) as unknown[]).map(String)
		: s.split(',').filter(Boolean);
}

/** Some traffic, all of it with the Page token in the Authorization header and none in a URL. */
export function expectCleanTraffic(sandbox: Sandbox): void {
	expect(sandbox.requests.length).toBeGreaterThan(0);
	expect(tokensInUrls(sandbox)).toEqual([]);
	for (const r of sandbox.requests) expect(r.tokenKind).toBe('page');
}

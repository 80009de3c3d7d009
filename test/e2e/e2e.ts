/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Shared fixtures of the real-n8n suite: sandbox + user folder, example runs with timings.
import type { RecordedRequest, Sandbox } from '../sandbox/types';
import { N8nUserFolder, type WorkflowJson } from './n8n';
import type { ExecutionResult } from './result';
import { forSandbox, loadExample, sandboxCredential, type SandboxRewrite } from './workflows';

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

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Real n8n discovers the package under .n8n/nodes/node_modules and resolves our node type. Needs no sandbox:
// the credential points at a closed loopback port, so the node runs and fails on the network, which proves it loaded.
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { printTimings } from './e2e';
import { N8nUserFolder, type WorkflowJson } from './n8n';
import { NODE_TYPE, PACKAGE_NAME } from './package';
import { describeResult } from './result';
import { CREDENTIAL_ID, CREDENTIAL_NAME, sandboxCredential } from './workflows';

const workflow: WorkflowJson = {
	id: 'igE2eSmoke00000001',
	name: 'e2e smoke',
	nodes: [
		{
			id: 'b1',
			name: 'Manual',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'b2',
			name: 'Instagram',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				authentication: 'accessToken',
				operation: 'post',
				account: { __rl: true, mode: 'id', value: '17841400000000001' },
				imageUrl: 'https://cdn.example.com/images/smoke.jpg',
				caption: 'smoke',
			},
			credentials: { instagramApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		},
	],
	connections: { Manual: { main: [[{ node: 'Instagram', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	active: false,
};

describe('real n8n 2.41.1: package discovery (smoke)', () => {
	let n8n: N8nUserFolder;
	const timings: string[] = [];

	beforeAll(async () => {
		const t0 = Date.now();
		n8n = await N8nUserFolder.create();
		timings.push(`user folder + npm pack/install: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	});
	afterAll(() => {
		n8n?.dispose();
		printTimings('smoke', timings);
	});

	it('installs the package like n8n does (no dev/peer deps in the installed manifest)', () => {
		const dir = join(n8n.dir, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		expect(manifest.devDependencies).toBeUndefined();
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(existsSync(join(dir, 'dist', 'nodes', 'Instagram', 'Instagram.node.js'))).toBe(true);
		expect(existsSync(join(dir, 'node_modules'))).toBe(false);
	});

	it(`resolves ${NODE_TYPE} and runs it`, async () => {
		let t = Date.now();
		await n8n.importCredentials([
			sandboxCredential({
				url: 'http://127.0.0.1:9',
				accounts: [{ id: '1' }],
				tokens: { page: 'EAAsmoke' },
			}),
		]);
		timings.push(`import:credentials: ${((Date.now() - t) / 1000).toFixed(1)} s`);
		t = Date.now();
		await n8n.importWorkflow(workflow);
		timings.push(`import:workflow: ${((Date.now() - t) / 1000).toFixed(1)} s`);

		const result = await n8n.execute(workflow.id);
		timings.push(`execute: ${(result.ms / 1000).toFixed(1)} s (${result.status})`);

		if (result.status === 'crashed')
			throw new Error(`n8n printed no IRun:\n${result.logs.slice(-15).join('\n')}`);
		// The node itself ran and failed on the closed port: it was loaded from our package.
		expect(Object.keys(result.runData).sort()).toEqual(['Instagram', 'Manual']);
		expect(result.status).toBe('error');
		expect(result.error?.node).toBe('Instagram');
		expect(result.error?.message).toBe(
			'Instagram had a temporary problem: No response from Meta (network error or timeout)',
		);
		process.stdout.write(`[n8n e2e] smoke result: ${describeResult(result)}\n`);
	});
});

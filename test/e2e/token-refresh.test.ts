// One Instagram Login token keeps a workflow publishing for 70 simulated days in real n8n 2.41.1.
// Every run is a fresh `n8n execute` process (= an n8n restart) whose clock is moved on with the
// sandbox's, so the only way a token survives is what n8n persisted from the credential's
// preAuthentication into its credential store.
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { printTimings, tokensInUrls } from './e2e';
import { N8nUserFolder, type WorkflowJson } from './n8n';
import { NODE_TYPE } from './package';
import { describeResult, nodeOutput } from './result';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from './workflows';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WORKFLOW_ID = 'igE2eTokenRefresh1';

function workflow(accountId: string): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'e2e token refresh',
		nodes: [
			{
				id: 't1',
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 't2',
				name: 'Instagram',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					authentication: 'accessToken',
					operation: 'post',
					account: { __rl: true, mode: 'id', value: accountId },
					imageUrl: 'https://cdn.example.com/images/daily.jpg',
					caption: 'daily post',
				},
				credentials: { instagramApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			},
		],
		connections: { Manual: { main: [[{ node: 'Instagram', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

describe('real n8n 2.41.1: Instagram Login token refresh persisted across restarts', () => {
	let sandbox: Sandbox;
	let n8n: N8nUserFolder | undefined;
	let offsetMs = 0;
	const timings: string[] = [];

	beforeAll(async () => {
		// A token generated 2 hours before the first run: too young for Meta to refresh.
		sandbox = await startSandbox({
			now: () => Date.now() + offsetMs,
			instagramTokenAgeMs: 2 * HOUR,
		});
	});
	afterAll(async () => {
		n8n?.dispose();
		await sandbox?.close();
		printTimings('token refresh', timings);
	});

	it('keeps publishing for 70 days with one starting token; export:credentials shows the refreshed one', async () => {
		n8n = await N8nUserFolder.create();
		await n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: 'instagramApi',
				data: {
					loginType: 'instagram',
					accessToken: sandbox.tokens.instagram,
					baseUrl: sandbox.url,
				},
			},
		]);
		await n8n.importWorkflow(workflow(sandbox.accounts[0].id));

		// day → refresh answers expected on that day (the seed token expires on day 60 - 2 h).
		const days: Array<[number, number[]]> = [
			[0, [400]], // first use: Meta refuses a token under 24 h old; the post still goes out
			[20, [200]], // expiry unknown, last try 20 days ago → refreshed (valid to day 80)
			[40, []], // 40 days left
			[55, [200]], // 25 days left → refreshed (valid to day 115)
			[70, []], // both earlier tokens have expired by now
		];
		const printed: string[] = [];
		for (const [day, expected] of days) {
			offsetMs = day * DAY;
			const mark = sandbox.requests.length;
			const result = await n8n.execute(WORKFLOW_ID, 180_000, offsetMs);
			timings.push(`day ${day}: execute ${(result.ms / 1000).toFixed(1)} s (${result.status})`);
			printed.push(result.printed);
			// Seen twice in ~20 runs on a loaded 2-core machine, never in 24 runs of a probe: n8n (native code)
			// segfaults while exiting, after printing the finished run. The run and what it stored are what
			// this test checks; such an exit is reported, not hidden.
			const crashedAtExit =
				result.exitCode === 128 && result.printed.endsWith('[ended by SIGSEGV]');
			if (crashedAtExit)
				timings.push(`day ${day}: n8n ended by SIGSEGV after the run had finished`);
			expect(result.status).toBe('success');
			if (!crashedAtExit)
				expect(describeResult(result)).toBe('status=success exit=0 (in Instagram)');
			expect(nodeOutput(result, 'Instagram')[0]).toMatchObject({ published: true });
			const calls = sandbox.requests.slice(mark);
			expect(calls.filter((r) => r.endpoint === 'refreshToken').map((r) => r.status)).toEqual(
				expected,
			);
			// Every Graph call carried a valid Instagram Login token (never an expired one).
			for (const call of calls) expect(call.tokenKind).toBe('instagram');
		}
		const tokens = sandbox.instagramTokens();
		expect(tokens.map((t) => t.serial)).toEqual([0, 1, 2]);
		expect(sandbox.calls('publish').map((r) => r.tokenSerial)).toEqual([0, 1, 1, 2, 2]);
		expect(sandbox.mediaCount(sandbox.accounts[0].id)).toBe(5);
		expect(tokensInUrls(sandbox)).toEqual([]);

		const [stored] = await n8n.exportCredentials(true);
		const data = stored.data as IDataObject;
		expect(data.accessToken).toBe(tokens[2].token);
		expect(Math.abs(Date.parse(String(data.tokenExpiresAt)) - tokens[2].expiresAt)).toBeLessThan(
			60_000,
		);
		// Encrypted at rest: the plain export carries no token.
		const [encrypted] = await n8n.exportCredentials(false);
		expect(JSON.stringify(encrypted)).not.toContain('IGAA');
		// Nothing n8n printed (logs at info level, the run data) names a token.
		for (const token of tokens) expect(printed.join('\n')).not.toContain(token.token);
	});
});

// Both credential types in real n8n 2.41.1: the OAuth2 credential (Bearer from oauthTokenData, hidden
// expression defaults resolved by n8n) and an expired token (reconnect message, token nowhere in the run).
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { printTimings } from './e2e';
import { N8nUserFolder } from './n8n';
import { NODE_TYPE } from './package';
import { describeResult, nodeOutput } from './result';
import { forSandbox, loadExample } from './workflows';

const OAUTH_CREDENTIAL = { id: 'igOAuthSandbox0001', name: 'Instagram OAuth2 (sandbox)' };

describe('real n8n 2.41.1: credentials', () => {
	let sandbox: Sandbox;
	let n8n: N8nUserFolder | undefined;
	const timings: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	beforeEach(() => sandbox.reset());
	afterEach(() => {
		n8n?.dispose();
		n8n = undefined;
	});
	afterAll(async () => {
		await sandbox?.close();
		printTimings('credentials', timings);
	});

	it('publishes with the OAuth2 credential (Facebook Login token in oauthTokenData)', async () => {
		n8n = await N8nUserFolder.create();
		await n8n.importCredentials([
			{
				...OAUTH_CREDENTIAL,
				type: 'instagramOAuth2Api',
				data: {
					clientId: 'sandbox-app-id',
					clientSecret: 'sandbox-app-secret',
					apiVersion: 'v25.0',
					baseUrl: sandbox.url,
					oauthTokenData: { access_token: sandbox.tokens.facebook, token_type: 'bearer' },
				},
			},
		]);
		const workflow = forSandbox(loadExample('rss-to-image-post.json'), sandbox);
		workflow.nodes = workflow.nodes.map(
			(node): IDataObject =>
				node.type === NODE_TYPE
					? {
							...node,
							parameters: { ...(node.parameters as IDataObject), authentication: 'oAuth2' },
							credentials: { instagramOAuth2Api: OAUTH_CREDENTIAL },
						}
					: node,
		);
		await n8n.importWorkflow(workflow);
		const result = await n8n.execute(workflow.id);
		timings.push(
			`OAuth2 image post: execute ${(result.ms / 1000).toFixed(1)} s (${result.status})`,
		);
		expect(describeResult(result)).toBe('status=success exit=0 (in Post to Instagram)');
		expect(
			nodeOutput(result, 'Post to Instagram').every((post) => post.status === 'PUBLISHED'),
		).toBe(true);
		expect(sandbox.calls('publish')).toHaveLength(3);
		for (const request of sandbox.requests) {
			expect(request.tokenKind).toBe('facebook');
			expect(request.tokenInUrl).toBe(false);
			expect(request.authorization).toMatch(/^Bearer/);
		}
	});

	it('reports an expired token with a reconnect message and never prints the token', async () => {
		n8n = await N8nUserFolder.create();
		await n8n.importCredentials([
			{
				id: 'igSandboxCred00001',
				name: 'Instagram account',
				type: 'instagramApi',
				data: {
					loginType: 'facebook',
					accessToken: sandbox.tokens.expired,
					apiVersion: 'v25.0',
					baseUrl: sandbox.url,
				},
			},
		]);
		const workflow = forSandbox(loadExample('daily-quota-report.json'), sandbox);
		await n8n.importWorkflow(workflow);
		const result = await n8n.execute(workflow.id);
		timings.push(`expired token: execute ${(result.ms / 1000).toFixed(1)} s (${result.status})`);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The Instagram access token has expired');
		expect(result.error?.description).toMatch(/Reconnect the Instagram credential/);
		expect(JSON.stringify(result)).not.toContain(sandbox.tokens.expired);
		expect(sandbox.calls('quota')).toHaveLength(1);
	});
});

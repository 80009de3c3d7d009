import { sleep } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import type { RunOptions, RunResult } from '../harness';
import type { Sandbox } from '../sandbox';

export const NODE = 'Instagram';
export const ACCOUNT = '17841400000000001';
/** Polling as users set it; in jest the node's pauses are virtual (test/setup-clock.ts), so they cost no real time. */
export const FAST_OPTIONS = { pollIntervalSeconds: 1, maxWaitSeconds: 30 };

export interface WorkflowSpec {
	parameters: IDataObject;
	authentication?: 'accessToken' | 'oAuth2';
	continueOnFail?: boolean;
	/** n8n's "Retry On Fail" node setting, with 2 tries. */
	retryOnFail?: boolean;
	id?: string;
	/** The Instagram node's name (default "Instagram"). */
	nodeName?: string;
}

/** Manual Trigger → Instagram, the way n8n exports it. */
export function instagramWorkflow(spec: WorkflowSpec) {
	const authentication = spec.authentication ?? 'accessToken';
	const credentialType = authentication === 'accessToken' ? 'instagramApi' : 'instagramOAuth2Api';
	const name = spec.nodeName ?? NODE;
	return {
		id: spec.id ?? 'wfInstagramTest001',
		name: 'Instagram test',
		nodes: [
			{
				id: 'trigger',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: 'instagram',
				name,
				type: 'n8n-nodes-instagram-publisher.instagram',
				typeVersion: 1,
				position: [200, 0] as [number, number],
				parameters: {
					authentication,
					account: { __rl: true, mode: 'id', value: ACCOUNT },
					...spec.parameters,
				},
				credentials: { [credentialType]: { id: 'igCred', name: 'Instagram sandbox' } },
				...(spec.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				...(spec.retryOnFail ? { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 } : {}),
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: name, type: 'main' as const, index: 0 }]] },
		},
		settings: { executionOrder: 'v1' as const },
	};
}

export function sandboxCredentials(
	sandbox: Sandbox,
	authentication: 'accessToken' | 'oAuth2' = 'accessToken',
): RunOptions['credentials'] {
	if (authentication === 'oAuth2') {
		return {
			igCred: {
				type: 'instagramOAuth2Api',
				data: {
					clientId: 'app-id',
					clientSecret: 'app-secret-value',
					apiVersion: 'v25.0',
					baseUrl: sandbox.url,
					oauthTokenData: { access_token: sandbox.tokens.facebook, token_type: 'bearer' },
				},
			},
		};
	}
	return {
		igCred: {
			type: 'instagramApi',
			data: {
				loginType: 'facebook',
				accessToken: sandbox.tokens.page,
				apiVersion: 'v25.0',
				baseUrl: sandbox.url,
			},
		},
	};
}

/**
 * The sandbox's credential with a public Base URL: for checks that must refuse loopback media
 * before any request (with a local Graph API they are allowed). Nothing listens there.
 */
export function publicGraphCredentials(
	sandbox: Sandbox,
	authentication: 'accessToken' | 'oAuth2' = 'accessToken',
): RunOptions['credentials'] {
	const credentials = sandboxCredentials(sandbox, authentication) ?? {};
	return Object.fromEntries(
		Object.entries(credentials).map(([id, credential]) => [
			id,
			{ ...credential, data: { ...credential.data, baseUrl: PUBLIC_GRAPH_URL } },
		]),
	);
}

export const PUBLIC_GRAPH_URL = 'https://graph.example.com';

/** Runs Manual Trigger → Instagram against the sandbox with the given items. */
export async function runInstagram(
	sandbox: Sandbox,
	spec: WorkflowSpec,
	extra: Partial<RunOptions> & { items?: IDataObject[] } = {},
): Promise<RunResult> {
	const { items, ...rest } = extra;
	return await runWorkflow({
		workflow: instagramWorkflow(spec),
		credentials: sandboxCredentials(sandbox, spec.authentication),
		inputItems: items?.map((json): INodeExecutionData => ({ json })),
		...rest,
	});
}

/** Counts the sandbox's Graph calls per endpoint, e.g. { quota: 1, createContainer: 1, publish: 1 }. */
export function callCounts(sandbox: Sandbox): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of sandbox.requests)
		counts[request.endpoint] = (counts[request.endpoint] ?? 0) + 1;
	return counts;
}

/** Resolves once `condition` holds; fails after `limitMs` (real time), so a test never hangs. */
export async function until(condition: () => boolean, limitMs = 5_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > limitMs) throw new Error('condition not met in time');
		await sleep(2);
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// Loads examples/*.json and points them at the Graph sandbox: RSS URLs → sandbox feeds, the Instagram
// credential → a sandbox `instagramApi` credential, the account → a sandbox account.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import type { SandboxAccount, SandboxTokens } from '../sandbox/types';
import type { CredentialImport, WorkflowJson } from './n8n';
import { NODE_TYPE, PROJECT_ROOT } from './package';

export const CREDENTIAL_ID = 'igSandboxCred00001';
export const CREDENTIAL_NAME = 'Instagram account';
export const RSS_TYPE = 'n8n-nodes-base.rssFeedRead';
export type Feed = 'news.xml' | 'gallery.xml';

/** What the rewrites need from a running sandbox (startSandbox() or the `npm run sandbox` CLI). */
export interface SandboxTarget {
	url: string;
	accounts: Array<Pick<SandboxAccount, 'id'>>;
	tokens: Pick<SandboxTokens, 'page'>;
}

export function sandboxCredential(
	sandbox: SandboxTarget,
	accessToken = sandbox.tokens.page,
): CredentialImport {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'instagramApi',
		data: { loginType: 'facebook', accessToken, apiVersion: 'v25.0', baseUrl: sandbox.url },
	};
}

export function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
}

export function nodesOfType(workflow: WorkflowJson, type: string): IDataObject[] {
	return workflow.nodes.filter((n) => n.type === type);
}

export interface SandboxRewrite {
	/** Feed for every RSS node; by default `gallery.xml` when the placeholder URL mentions "gallery". */
	feed?: Feed;
	accountId?: string;
	/** Deep-merged into the parameters of every Instagram node, e.g. `{ options: { maxWaitSeconds: 30 } }`. */
	instagramParameters?: IDataObject;
}

function merge(target: IDataObject, patch: IDataObject): IDataObject {
	const out: IDataObject = { ...target };
	for (const [k, v] of Object.entries(patch)) {
		const cur = out[k];
		const bothObjects =
			v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object';
		out[k] = bothObjects ? merge(cur as IDataObject, v as IDataObject) : v;
	}
	return out;
}

/** A copy of the workflow wired to the sandbox. */
export function forSandbox(
	workflow: WorkflowJson,
	sandbox: SandboxTarget,
	opts: SandboxRewrite = {},
): WorkflowJson {
	const accountId = opts.accountId ?? sandbox.accounts[0].id;
	const nodes = workflow.nodes.map((node): IDataObject => {
		const parameters = { ...(node.parameters as IDataObject) };
		if (node.type === RSS_TYPE) {
			const feed =
				opts.feed ?? (String(parameters.url).includes('gallery') ? 'gallery.xml' : 'news.xml');
			return {
				...node,
				parameters: { ...parameters, url: `${sandbox.url}/__sandbox/feeds/${feed}` },
			};
		}
		if (node.type === NODE_TYPE) {
			const patched = merge(
				{
					...parameters,
					authentication: 'accessToken',
					account: { __rl: true, mode: 'id', value: accountId },
				},
				opts.instagramParameters ?? {},
			);
			return {
				...node,
				parameters: patched,
				credentials: { instagramApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			};
		}
		return node;
	});
	return { ...workflow, nodes };
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- dev-only loader of the compiled package, like n8n's own */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const PROJECT_ROOT = resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}

/** Loads the compiled node and credential classes listed in package.json, as n8n does. */
export function loadPackageTypes(packageRoot = PROJECT_ROOT): {
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
} {
	const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;
	const instances = (paths: string[]) =>
		paths.flatMap((path) => Object.values(require(join(packageRoot, path)) as Record<string, new () => unknown>).map((Class) => new Class()));
	const nodeTypes: Record<string, INodeType> = {};
	for (const node of instances(manifest.n8n.nodes) as INodeType[]) nodeTypes[`${manifest.name}.${node.description.name}`] = node;
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const credential of instances(manifest.n8n.credentials) as ICredentialType[]) credentialTypes[credential.name] = credential;
	return { nodeTypes, credentialTypes };
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{
		id?: string;
		name: string;
		type: string;
		typeVersion: number;
		position: [number, number];
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
		onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
		webhookId?: string;
		disabled?: boolean;
	}>;
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings?: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
}

export function loadWorkflowFile(path: string): WorkflowJson {
	return JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson;
}

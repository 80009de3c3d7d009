/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- dev-only tooling, never shipped in dist/ */
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	n8n: { nodes?: string[]; credentials?: string[] };
}

export function readManifest(packageRoot = PROJECT_ROOT): PackageJson {
	return JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * Loads the compiled node and credential classes listed in package.json (`n8n.nodes`,
 * `n8n.credentials`), as n8n does: node type key `<package name>.<description.name>`,
 * credential type key `<name>`.
 */
export function loadPackageTypes(packageRoot = PROJECT_ROOT): {
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
} {
	const manifest = readManifest(packageRoot);
	const instances = (paths: string[] = []) =>
		paths.flatMap((path) =>
			Object.values(require(join(packageRoot, path)) as Record<string, unknown>)
				.filter((exported): exported is new () => unknown => typeof exported === 'function')
				.map((Class) => new Class()),
		);
	const nodeTypes: Record<string, INodeType> = {};
	for (const node of instances(manifest.n8n.nodes) as INodeType[])
		nodeTypes[`${manifest.name}.${node.description.name}`] = node;
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const credential of instances(manifest.n8n.credentials) as ICredentialType[])
		credentialTypes[credential.name] = credential;
	return { nodeTypes, credentialTypes };
}

export interface WorkflowNodeJson {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	continueOnFail?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	webhookId?: string;
	disabled?: boolean;
	notes?: string;
}

export interface WorkflowConnectionJson {
	node: string;
	type: 'main';
	index: number;
}

/** The shape n8n exports (`n8n export:workflow`, "Download" in the editor); unknown keys are kept and ignored. */
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNodeJson[];
	connections: Record<string, { main: Array<WorkflowConnectionJson[] | null> }>;
	settings?: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
	/** Honoured only in 'manual' mode, as in n8n. */
	pinData?: Record<string, Array<{ json: Record<string, unknown> }>>;
	active?: boolean;
	meta?: Record<string, unknown>;
	tags?: unknown[];
	versionId?: string;
}

export function loadWorkflowFile(path: string): WorkflowJson {
	const parsed = JSON.parse(readFileSync(path, 'utf8')) as WorkflowJson | WorkflowJson[];
	// `n8n export:workflow` writes an array; the editor's "Download" writes the object.
	const workflow =
		Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : (parsed as WorkflowJson);
	if (!Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
		throw new Error(`${path} is not an n8n workflow export (no nodes/connections)`);
	}
	return workflow;
}

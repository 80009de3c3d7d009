/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type {
	ExecutionError,
	ExecutionStatus,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import type { WorkflowJson } from './packageTypes';

export { loadPackageTypes, loadWorkflowFile } from './packageTypes';
export type { WorkflowJson } from './packageTypes';
export type { StoredCredential } from './credentials';
export { parseRss } from './baseNodes';

export interface RunOptions {
	workflow: WorkflowJson;
	/** Keyed by the credential id the workflow's nodes reference. */
	credentials?: Record<string, StoredCredential>;
	/** Carried between runs: pass the previous result's staticData. */
	staticData?: IDataObject;
	/** Default 'cli', so static data semantics match production runs. */
	mode?: WorkflowExecuteMode;
	/** Default: the Manual Trigger node, else the first trigger. */
	startNode?: string;
	/** Items emitted by the start node (default one empty item). */
	inputItems?: INodeExecutionData[];
	signal?: AbortSignal;
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	onProgress?: (event: { node: string; message: string }) => void;
}

export interface RunResult {
	status: ExecutionStatus;
	error?: ExecutionError;
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	json(nodeName: string): IDataObject[];
	staticData: IDataObject;
	staticDataChanged: boolean;
	hints: NodeExecutionHint[];
	run: IRun;
}

/** Quiet logger and a throwaway user folder; must run before n8n-core is first imported. */
export function prepareEnvironment(): void {
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-ig-harness-'));
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	prepareEnvironment();
	const { executeWorkflow } = await import('./execute');
	return await executeWorkflow(options);
}

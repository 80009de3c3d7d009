/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CredentialUpdate, StoredCredential } from './credentials';
import type { WorkflowJson } from './packageTypes';

export { loadPackageTypes, loadWorkflowFile } from './packageTypes';
export type { WorkflowJson, WorkflowNodeJson } from './packageTypes';
export type { CredentialUpdate, StoredCredential } from './credentials';
export { baseNodeStubs, parseRss } from './baseNodes';

export interface RunOptions {
	/** n8n export shape: { id?, name, nodes, connections, settings?, staticData?, pinData? }. */
	workflow: WorkflowJson;
	/** Keyed by the credential id the workflow's nodes reference (`node.credentials.<type>.id`). */
	credentials?: Record<string, StoredCredential>;
	/** Carried between runs: pass the previous result's staticData (default: the workflow's). */
	staticData?: IDataObject;
	/** Default 'cli', so static data semantics match production runs; also 'manual', 'trigger'… */
	mode?: WorkflowExecuteMode;
	/** Default: the Manual Trigger node, else the first trigger node. */
	startNode?: string;
	/** Replace the start node's input, i.e. what a stubbed trigger emits (default one empty item). */
	inputItems?: INodeExecutionData[];
	/** Aborting cancels the execution like the editor's Stop button (nodes see getExecutionCancelSignal() fire). */
	signal?: AbortSignal;
	/** Extra node types or overrides, keyed by type (`n8n-nodes-base.x`, `<package>.<name>`). */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Extra credential types or overrides, keyed by name (`oAuth2Api` is built in). */
	credentialTypes?: Record<string, ICredentialType>;
	/** Nodes' this.logger info/warn/error lines and sendMessageToUI output, with the node's "<Display Name>: " prefix removed. */
	onProgress?: (event: { node: string; message: string }) => void;
}

export interface RunResult {
	status: ExecutionStatus;
	/** run.data.resultData.error */
	error?: ExecutionError;
	/** Items of the node's last run on that output (default 0); [] if it did not run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	json(nodeName: string): IDataObject[];
	/** The workflow's static data after the run, as plain JSON (what n8n would save). */
	staticData: IDataObject;
	/** Whether n8n would save the static data: changed (newStaticData given to workflowExecuteAfter) and mode is not 'manual'. */
	staticDataChanged: boolean;
	/** Execution hints the nodes added (this.addExecutionHints), all runs. */
	hints: NodeExecutionHint[];
	/** What n8n would have written to the credentials (refreshed OAuth2 tokens, preAuthentication results). */
	credentialUpdates: CredentialUpdate[];
	run: IRun;
}

/**
 * Quiet logger and a throwaway user folder for n8n-core (its Logger and InstanceSettings read
 * them when first constructed). Call before n8n-core is first imported; runWorkflow calls it too.
 */
export function prepareEnvironment(): void {
	process.env.N8N_LOG_LEVEL ??= 'silent';
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';
}

/** Runs a workflow through n8n-core's WorkflowExecute with the compiled package, stubbed base nodes and in-memory credentials. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	prepareEnvironment();
	const { executeWorkflow } = await import('./execute');
	return await executeWorkflow(options);
}

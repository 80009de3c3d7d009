/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Readable } from 'stream';
import type { BinaryDataService } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IBinaryData,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
	IVersionedNodeType,
	NodeExecutionHint,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { serverLifecycle, type SignedUrlRequest } from './binaryLog';
import type { StoredBinaryMeta } from './binaryMeta';
import type { CredentialUpdate, StoredCredential } from './credentials';
import type { WorkflowJson } from './packageTypes';

export { loadPackageTypes, loadWorkflowFile } from './packageTypes';
export type { WorkflowJson, WorkflowNodeJson } from './packageTypes';
export type { CredentialUpdate, StoredCredential } from './credentials';
export { baseNodeStubs, parseRss } from './baseNodes';
export { inMemoryBinary, patternStream, sha256 } from './binaryMeta';
export type { BinaryFileMeta, StoredBinaryMeta } from './binaryMeta';
export { clearSignedUrlRequests, signedRequestsSettled, signedUrlRequests } from './binaryLog';
export type { SignedUrlRequest } from './binaryLog';
export { failDeduplicationStore, processedValueCount } from './deduplication';

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
	/**
	 * Requests the signed-URL server (`GET /rest/binary-data/signed`) received while the run went on,
	 * e.g. the sandbox downloading media. Concurrent runs see each other's.
	 */
	binaryRequests: SignedUrlRequest[];
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

// ---- Binary data (n8n-core loads only when one of these is called)

/**
 * A binary stored by n8n-core's BinaryDataService in filesystem mode, with an `id`, exactly as a
 * previous node's prepareBinaryData would have produced it: usable in RunOptions.inputItems[].binary.
 */
export async function storeBinary(buffer: Buffer, meta: StoredBinaryMeta): Promise<IBinaryData> {
	prepareEnvironment();
	return await (await import('./binary')).storeBinary(buffer, meta);
}

/** Like storeBinary, streaming the content into storage (a 1 GB file without holding it in memory). */
export async function storeBinaryStream(
	stream: Readable,
	meta: StoredBinaryMeta,
): Promise<IBinaryData> {
	prepareEnvironment();
	return await (await import('./binary')).storeBinaryStream(stream, meta);
}

/** Hex SHA-256 of a binary's content (streamed from storage when it has an `id`). */
export async function binarySha256(binary: IBinaryData): Promise<string> {
	prepareEnvironment();
	return await (await import('./binary')).binarySha256(binary);
}

/** Deletes what storeBinary* and runWorkflow stored in this process (n8n-core never deletes files). */
export async function deleteStoredBinaries(): Promise<void> {
	prepareEnvironment();
	await (await import('./binary')).deleteStoredBinaries();
}

/**
 * Starts the signed-URL server now (runWorkflow starts it itself) and gives its base URLs:
 * `restApiUrl` is what the runs' additionalData.restApiUrl is.
 */
export async function startBinaryServer(): Promise<{ origin: string; restApiUrl: string }> {
	prepareEnvironment();
	return await (await import('./binaryServer')).startBinaryServer();
}

/** What `this.helpers.createBinarySignedUrl(binary, expiresIn)` returns inside a run, for tests outside one. */
export async function createBinarySignedUrl(
	binary: IBinaryData,
	expiresIn?: Parameters<BinaryDataService['createSignedToken']>[1],
): Promise<string> {
	prepareEnvironment();
	return await (await import('./binaryServer')).createBinarySignedUrl(binary, expiresIn);
}

/** Closes the signed-URL server (it never keeps jest or a script alive; this frees its port). */
export async function closeBinaryServer(): Promise<void> {
	await serverLifecycle.close?.();
}

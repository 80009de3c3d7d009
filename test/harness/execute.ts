/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import { WorkflowExecute } from 'n8n-core';
import { Expression, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeType,
	INodeTypes,
	IPinData,
	IRun,
	IVersionedNodeType,
	NodeExecutionHint,
} from 'n8n-workflow';

import { createAdditionalData, createHooks } from './additionalData';
import { ensureDeduplicationStore } from './deduplication';
import { baseNodeStubs } from './baseNodes';
import { binaryDataService, trackLocation } from './binary';
import { nextSignedRequestSeq, signedRequestsSince } from './binaryLog';
import type { SignedUrlRequest } from './binaryLog';
import { startBinaryServer } from './binaryServer';
import { TestCredentialsHelper } from './credentials';
import type { RunOptions, RunResult } from './index';
import { loadPackageTypes } from './packageTypes';
import type { WorkflowJson } from './packageTypes';
import { installLoggerBridge, ProgressScope, runInScope } from './progress';

type AnyNodeType = INodeType | IVersionedNodeType;
let executionCounter = 0;

/** The package's compiled types; a missing/broken dist/ only matters if the workflow needs it. */
function typeRegistry(options: RunOptions): {
	nodes: Record<string, AnyNodeType>;
	credentials: Record<string, ICredentialType>;
} {
	let loaded: ReturnType<typeof loadPackageTypes> = { nodeTypes: {}, credentialTypes: {} };
	let loadError: unknown;
	try {
		loaded = loadPackageTypes();
	} catch (error) {
		loadError = error;
	}
	const nodes: Record<string, AnyNodeType> = {
		...baseNodeStubs,
		...loaded.nodeTypes,
		...options.nodeTypes,
	};
	const missing = [...new Set(options.workflow.nodes.map((node) => node.type))].filter(
		(type) => !nodes[type],
	);
	if (missing.length && loadError) throw loadError;
	if (missing.length)
		throw new Error(
			`Unknown node type(s) ${missing.join(', ')}: not in the package's dist/, not a stubbed n8n-nodes-base node, not in RunOptions.nodeTypes`,
		);
	return { nodes, credentials: { ...loaded.credentialTypes, ...options.credentialTypes } };
}

const isTrigger = (type: AnyNodeType | undefined) =>
	type?.description.group.includes('trigger') === true;

function pickStartNode(
	workflow: Workflow,
	json: WorkflowJson,
	nodes: Record<string, AnyNodeType>,
	requested?: string,
): INode {
	const enabled = json.nodes.filter((node) => !node.disabled);
	const name =
		requested ??
		enabled.find((node) => node.type === 'n8n-nodes-base.manualTrigger')?.name ??
		enabled.find((node) => isTrigger(nodes[node.type]))?.name;
	const node = name === undefined ? null : workflow.getNode(name);
	if (!node)
		throw new Error(
			requested
				? `No node named "${requested}" in the workflow`
				: 'The workflow has no trigger to start from; pass RunOptions.startNode',
		);
	return node;
}

/** JSON round trip, as static data goes through n8n's DB (and drops ObservableObject state). */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

export async function executeWorkflow(options: RunOptions): Promise<RunResult> {
	await ensureDeduplicationStore();
	const { workflow: json } = options;
	const types = typeRegistry(options);
	const nodeTypes: INodeTypes = {
		getByName: (type) => types.nodes[type],
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(types.nodes[type], version),
		getKnownTypes: () => ({}),
	};
	// n8n-workflow 2.41 defaults to the in-process 'legacy' engine (tournament + Function); the
	// 'vm' engine needs isolated-vm (not built here) and an explicit initExpressionEngine().
	if (Expression.getActiveImplementation() === 'legacy') Expression.setExpressionEngine('legacy');
	const workflow = new Workflow({
		id: json.id ?? 'harnessWorkflow01',
		name: json.name,
		nodes: json.nodes as unknown as INode[],
		connections: json.connections as unknown as Workflow['connectionsBySourceNode'],
		active: false,
		nodeTypes,
		staticData: plain((options.staticData ?? json.staticData ?? {}) as IDataObject),
		settings: { executionOrder: 'v1', ...json.settings },
	});
	const mode = options.mode ?? 'cli';
	const executionId = `harness-${process.pid}-${++executionCounter}`;
	const label = (name: string) => {
		const node = workflow.getNode(name);
		const type = node ? types.nodes[node.type] : undefined;
		return type ? `${type.description.displayName}: ` : '';
	};
	const scope = new ProgressScope(options.onProgress, label);
	const { hooks, record } = createHooks(mode, executionId, workflow, scope);
	const credentialsHelper = new TestCredentialsHelper(types.credentials, options.credentials ?? {});
	// Binary data as `n8n start` has it: filesystem storage, and signed URLs a local server answers.
	const [{ restApiUrl }] = await Promise.all([startBinaryServer(), binaryDataService()]);
	trackLocation(workflow.id, executionId);
	const additionalData = createAdditionalData({
		hooks,
		credentialsHelper,
		executionId,
		scope,
		record,
		restApiUrl,
	});
	const startNode = pickStartNode(workflow, json, types.nodes, options.startNode);
	const triggerToStartFrom = options.inputItems && {
		name: startNode.name,
		data: {
			startTime: Date.now(),
			executionIndex: 0,
			executionTime: 0,
			source: [],
			data: { main: [structuredClone(options.inputItems)] },
		},
	};
	const pinData = mode === 'manual' ? (json.pinData as IPinData | undefined) : undefined;

	installLoggerBridge();
	const firstSignedRequest = nextSignedRequestSeq();
	const execution = runInScope(scope, () =>
		new WorkflowExecute(additionalData, mode).run({
			workflow,
			startNode,
			triggerToStartFrom,
			pinData,
		}),
	);
	const cancel = () => execution.cancel();
	if (options.signal?.aborted) cancel();
	else options.signal?.addEventListener('abort', cancel, { once: true });
	let run: IRun;
	try {
		run = await execution;
	} finally {
		options.signal?.removeEventListener('abort', cancel);
	}
	// What n8n persists is the first workflowExecuteAfter call: on cancellation that is the one
	// made by WorkflowExecute's onCancel (status 'canceled', no newStaticData), not the IRun the
	// promise later resolves with (status 'error' from the node's AbortError).
	const persisted = record.after[0] ?? { run, newStaticData: undefined };
	return toResult(
		persisted.run,
		workflow,
		mode !== 'manual' && persisted.newStaticData !== undefined,
		credentialsHelper,
		signedRequestsSince(firstSignedRequest),
	);
}

function toResult(
	run: IRun,
	workflow: Workflow,
	staticDataChanged: boolean,
	credentialsHelper: TestCredentialsHelper,
	binaryRequests: SignedUrlRequest[],
): RunResult {
	const runData = run.data.resultData.runData;
	const output: RunResult['output'] = (nodeName, outputIndex = 0) => {
		const runs = runData[nodeName] ?? [];
		return runs.at(-1)?.data?.main?.[outputIndex] ?? [];
	};
	const hints: NodeExecutionHint[] = Object.values(runData).flatMap((runs) =>
		runs.flatMap((task) => task.hints ?? []),
	);
	return {
		status: run.status,
		error: run.data.resultData.error,
		output,
		json: (nodeName) => output(nodeName).map((item) => item.json),
		staticData: plain(workflow.staticData as IDataObject),
		staticDataChanged,
		hints,
		credentialUpdates: credentialsHelper.updates,
		binaryRequests,
		run,
	};
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- dev-only tooling, never shipped in dist/ */
import { dirname } from 'path';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { IConnections, IDataObject, INode, INodeExecutionData, INodeType, INodeTypes, IRun, IVersionedNodeType, IWorkflowExecuteAdditionalData, NodeExecutionHint } from 'n8n-workflow';

import { baseNodeStubs } from './baseNodes';
import { TestCredentialsHelper } from './credentials';
import type { RunOptions, RunResult } from './index';
import { loadPackageTypes } from './packageTypes';

const TRIGGERS = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger'];
let executionCounter = 0;
let progressListener: RunOptions['onProgress'];

/** n8n-core's own copy of a package (it ships nested @n8n/di and @n8n/backend-common). */
function fromCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [dirname(require.resolve('n8n-core'))] })) as T;
}

/** Forwards the nodes' info/warn log lines (progress of long waits) to the current run's listener. */
function listenToNodeLogs(): void {
	const { Container } = fromCore<{ Container: { get(token: unknown): unknown } }>('@n8n/di');
	const { Logger } = fromCore<{ Logger: unknown }>('@n8n/backend-common');
	const logger = Container.get(Logger) as unknown as Record<'info' | 'warn', (message: string, meta?: object) => void> & { __harness?: boolean };
	if (logger.__harness) return;
	logger.__harness = true;
	for (const level of ['info', 'warn'] as const) {
		const original = logger[level].bind(logger);
		logger[level] = (message: string, meta?: object) => {
			if (progressListener && message.startsWith('Instagram:')) progressListener({ node: 'Instagram', message: message.slice(11) });
			original(message, meta);
		};
	}
}

export async function executeWorkflow(options: RunOptions): Promise<RunResult> {
	const { nodeTypes: packageNodes, credentialTypes } = loadPackageTypes();
	const items = () => options.inputItems ?? [{ json: {} }];
	const registry: Record<string, INodeType | IVersionedNodeType> = { ...baseNodeStubs(items), ...packageNodes, ...options.nodeTypes };
	const nodeTypes: INodeTypes = {
		getByName: (type) => registry[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(registry[type], version),
		getKnownTypes: () => ({}),
	};
	const { workflow: json } = options;
	const staticData = options.staticData ?? (json.staticData as IDataObject | undefined) ?? {};
	const workflow = new Workflow({
		id: json.id ?? 'harnessWorkflow01',
		name: json.name,
		nodes: json.nodes as unknown as INode[],
		connections: json.connections as unknown as IConnections,
		active: false,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1', ...json.settings },
	});
	const mode = options.mode ?? 'cli';
	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, { ...json, id: workflow.id, active: false, isArchived: false, createdAt: new Date(), updatedAt: new Date(), activeVersionId: null } as never);
	let newStaticData: IDataObject | undefined;
	hooks.addHandler('workflowExecuteAfter', (_run, changed) => {
		newStaticData = changed;
	});
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, options.credentials ?? {});
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'harness-user',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	listenToNodeLogs();
	progressListener = options.onProgress;
	const startName = options.startNode ?? json.nodes.find((node) => node.type === TRIGGERS[0])?.name ?? json.nodes.find((node) => TRIGGERS.includes(node.type))?.name;
	const startNode = startName ? workflow.getNode(startName) : null;
	if (!startNode) throw new Error('The workflow has no Manual or Schedule Trigger to start from');
	const execution = new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
	const cancel = () => execution.cancel();
	options.signal?.addEventListener('abort', cancel, { once: true });
	let run: IRun;
	try {
		run = await execution;
	} finally {
		options.signal?.removeEventListener('abort', cancel);
		progressListener = undefined;
	}
	return toResult(run, workflow, newStaticData);
}

function toResult(run: IRun, workflow: Workflow, newStaticData: IDataObject | undefined): RunResult {
	const runData = run.data.resultData.runData;
	const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName] ?? [];
		return runs[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
	};
	const hints: NodeExecutionHint[] = Object.values(runData).flatMap((runs) => runs.flatMap((task) => task.hints ?? []));
	return {
		status: run.status,
		error: run.data.resultData.error,
		output,
		json: (nodeName) => output(nodeName).map((item) => item.json),
		staticData: workflow.staticData as IDataObject,
		staticDataChanged: newStaticData !== undefined,
		hints,
		run,
	};
}

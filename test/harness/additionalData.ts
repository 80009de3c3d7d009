import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import { UnexpectedError } from 'n8n-workflow';
import type {
	IDataObject,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import type { ProgressScope } from './progress';
import { uiSink } from './progress';

const BASE = 'http://127.0.0.1:5678';

export interface HookRecord {
	/** Every workflowExecuteAfter call (n8n's lifecycle hooks persist static data from it). */
	after: Array<{ run: IRun; newStaticData?: IDataObject }>;
	statuses: string[];
}

/** Lifecycle hooks like n8n's, minus the DB: they track the running node and record what n8n would persist. */
export function createHooks(
	mode: WorkflowExecuteMode,
	executionId: string,
	workflow: Workflow,
	scope: ProgressScope,
): { hooks: ExecutionLifecycleHooks; record: HookRecord } {
	const workflowData: IWorkflowBase = {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const record: HookRecord = { after: [], statuses: [] };
	hooks.addHandler('nodeExecuteBefore', (nodeName) => {
		scope.current = nodeName;
	});
	hooks.addHandler('nodeExecuteAfter', () => {
		scope.current = undefined;
	});
	hooks.addHandler('workflowExecuteAfter', (run, newStaticData?: IDataObject) => {
		record.after.push({ run, newStaticData });
	});
	return { hooks, record };
}

/** The IWorkflowExecuteAdditionalData n8n-core reads during a run (no DB, no task runner, no sub-workflows). */
export function createAdditionalData(options: {
	hooks: ExecutionLifecycleHooks;
	credentialsHelper: TestCredentialsHelper;
	executionId: string;
	scope: ProgressScope;
	record: HookRecord;
	executionTimeoutTimestamp?: number;
	/** Base of `this.helpers.createBinarySignedUrl()` URLs (the harness's signed-URL server). */
	restApiUrl?: string;
}): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new UnexpectedError(`${what} is not supported by the in-process test harness`);
	};
	return {
		hooks: options.hooks,
		credentialsHelper: options.credentialsHelper,
		executionId: options.executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: options.restApiUrl ?? `${BASE}/rest`,
		instanceBaseUrl: `${BASE}/`,
		formBaseUrl: `${BASE}/form`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		formTestBaseUrl: `${BASE}/form-test`,
		webhookBaseUrl: `${BASE}/webhook`,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE}/webhook-test`,
		mcpBaseUrl: `${BASE}/mcp`,
		mcpTestBaseUrl: `${BASE}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		userId: 'harness-user',
		executionTimeoutTimestamp: options.executionTimeoutTimestamp,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		startRunnerTask: unsupported('The task runner (Code node)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => undefined,
		setExecutionStatus: (status) => {
			options.record.statuses.push(status);
		},
		sendDataToUI: uiSink(options.scope),
	};
}

// Workflows for the queue-mode suite, all started by production triggers (a webhook on the main instance),
// never by `n8n execute`: in queue mode the main enqueues the execution and a worker runs it.
import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../e2e/n8n';
import { NODE_TYPE } from '../e2e/package';
import { CREDENTIAL_ID, CREDENTIAL_NAME } from '../e2e/workflows';

const MANUAL = 'n8n-nodes-base.manualTrigger';
const SCHEDULE = 'n8n-nodes-base.scheduleTrigger';

/** A Webhook trigger that answers with every item of the last node once the worker finished. */
export function webhookNode(id: string, path: string, name = 'Webhook'): IDataObject {
	return {
		id: `${id}-hook`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `${id}-${path}`,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

/**
 * The example as it runs in production: its manual trigger becomes a webhook at `path`, its schedule trigger is
 * dropped (it would fire on its own clock during the test).
 */
export function triggeredByWebhook(example: WorkflowJson, path: string): WorkflowJson {
	const manual = example.nodes.find((n) => n.type === MANUAL);
	if (!manual) throw new Error(`${example.id} has no manual trigger`);
	const dropped = new Set(
		example.nodes.filter((n) => n.type === SCHEDULE || n === manual).map((n) => String(n.name)),
	);
	const connections: IDataObject = {};
	for (const [from, value] of Object.entries(example.connections))
		if (!dropped.has(from)) connections[from] = value;
	connections.Webhook = example.connections[String(manual.name)];
	return {
		...example,
		active: false,
		nodes: [
			...example.nodes.filter((n) => !dropped.has(String(n.name))),
			webhookNode(example.id, path),
		],
		connections,
	};
}

/** Webhook `{ url, caption, key }` → image post with that idempotency key, through `credential`. */
export function imagePostWorkflow(
	id: string,
	path: string,
	accountId: string,
	credential = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
): WorkflowJson {
	return {
		id,
		name: 'Queue: image post per webhook call',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(id, path),
			{
				id: `${id}-ig`,
				name: 'Post to Instagram',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					authentication: 'accessToken',
					operation: 'post',
					account: { __rl: true, mode: 'id', value: accountId },
					imageUrl: '={{ $json.body.url }}',
					caption: '={{ $json.body.caption }}',
					options: { idempotencyKey: '={{ $json.body.key }}' },
				},
				credentials: { instagramApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Post to Instagram', type: 'main', index: 0 }]] },
		},
	};
}

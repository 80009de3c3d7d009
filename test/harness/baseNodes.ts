import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { parseRss } from './rss';

export { parseRss } from './rss';

/**
 * Stand-ins for the n8n-nodes-base nodes the examples use (nodes-base is not a dependency).
 * Parameter names and defaults follow the real nodes (exports omit parameters left at their
 * default); any typeVersion is accepted. The real nodes run in `npm run test:n8n`.
 */
function describe(
	name: string,
	displayName: string,
	kind: 'trigger' | 'node' | 'note',
	properties: INodeProperties[] = [],
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: [kind === 'trigger' ? 'trigger' : 'transform'],
		version: [1, 1.1, 1.2, 1.3, 2, 3],
		description: `Test stand-in for n8n-nodes-base.${name}`,
		defaults: { name: displayName },
		inputs: kind === 'node' ? [NodeConnectionTypes.Main] : [],
		outputs: kind === 'note' ? [] : [NodeConnectionTypes.Main],
		properties,
	};
}

/** Pass-through: a trigger started by the harness emits its input (one empty item, or RunOptions.inputItems). */
function passThrough(
	name: string,
	displayName: string,
	kind: 'trigger' | 'node' | 'note',
): INodeType {
	return {
		description: describe(name, displayName, kind),
		async execute(this: IExecuteFunctions) {
			return [
				this.getInputData().map((item, index) => ({
					...item,
					pairedItem: item.pairedItem ?? { item: index },
				})),
			];
		},
	};
}

const UNIT_MS: Record<string, number> = {
	seconds: 1_000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/** Wait, "After Time Interval": like the real node, short waits sleep in-process (cancellable), longer ones put the execution to wait. */
const wait: INodeType = {
	description: describe('wait', 'Wait', 'node', [
		{
			displayName: 'Resume',
			name: 'resume',
			type: 'options',
			options: [{ name: 'After Time Interval', value: 'timeInterval' }],
			default: 'timeInterval',
		},
		{ displayName: 'Wait Amount', name: 'amount', type: 'number', default: 1 },
		{
			displayName: 'Wait Unit',
			name: 'unit',
			type: 'options',
			options: Object.keys(UNIT_MS).map((value) => ({ name: value, value })),
			default: 'hours',
		},
	]),
	async execute(this: IExecuteFunctions) {
		const resume = this.getNodeParameter('resume', 0) as string;
		if (resume !== 'timeInterval')
			throw new NodeOperationError(
				this.getNode(),
				`The Wait stand-in only supports "After Time Interval" (got "${resume}")`,
			);
		const unit = this.getNodeParameter('unit', 0) as string;
		const ms = Number(this.getNodeParameter('amount', 0)) * (UNIT_MS[unit] ?? NaN);
		if (!Number.isFinite(ms) || ms < 0)
			throw new NodeOperationError(
				this.getNode(),
				`Invalid wait: ${String(this.getNodeParameter('amount', 0))} ${unit}`,
			);
		if (ms < 65_000) await sleep(ms, this.getExecutionCancelSignal());
		else await this.putExecutionToWait(new Date(Date.now() + ms));
		return [this.getInputData()];
	},
};

const rssFeedRead: INodeType = {
	description: describe('rssFeedRead', 'RSS Read', 'node', [
		{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true },
		{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
	]),
	async execute(this: IExecuteFunctions) {
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < this.getInputData().length; index++) {
			try {
				const url = this.getNodeParameter('url', index) as string;
				if (!url)
					throw new NodeOperationError(this.getNode(), 'The parameter "URL" has to be set!', {
						itemIndex: index,
					});
				const xml = (await this.helpers.httpRequest({
					url,
					encoding: 'text',
					json: false,
					headers: { Accept: 'application/rss+xml' },
					abortSignal: this.getExecutionCancelSignal(),
				})) as string;
				for (const json of parseRss(xml)) output.push({ json, pairedItem: { item: index } });
			} catch (error) {
				const failure =
					error instanceof NodeOperationError
						? error
						: new NodeOperationError(this.getNode(), error as Error, { itemIndex: index });
				if (!this.continueOnFail()) throw failure;
				output.push({ json: { error: failure.message }, pairedItem: { item: index } });
			}
		}
		return [output];
	},
};

/** Keyed by node type, e.g. `n8n-nodes-base.manualTrigger`. */
export const baseNodeStubs: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': passThrough('manualTrigger', 'Manual Trigger', 'trigger'),
	'n8n-nodes-base.scheduleTrigger': passThrough('scheduleTrigger', 'Schedule Trigger', 'trigger'),
	'n8n-nodes-base.rssFeedRead': rssFeedRead,
	'n8n-nodes-base.wait': wait,
	'n8n-nodes-base.noOp': passThrough('noOp', 'No Operation, do nothing', 'node'),
	'n8n-nodes-base.stickyNote': passThrough('stickyNote', 'Sticky Note', 'note'),
};

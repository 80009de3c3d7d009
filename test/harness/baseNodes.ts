import { NodeConnectionTypes, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

/**
 * Stand-ins for the few n8n-nodes-base nodes the examples use (n8n-nodes-base itself is not a
 * dependency). They accept any typeVersion and mimic the real nodes' outputs closely enough for
 * the examples; the real nodes run in `npm run test:n8n`.
 */
function describe(name: string, inputs: boolean, properties: INodeTypeDescription['properties'] = []): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: [1, 1.1, 1.2, 1.3, 2, 3],
		description: `Test stand-in for ${name}`,
		defaults: { name },
		inputs: inputs ? [NodeConnectionTypes.Main] : [],
		outputs: [NodeConnectionTypes.Main],
		properties,
	};
}

/** Triggers used as the start node emit the run's input items (one empty item by default). */
export function triggerStub(name: string, items: () => INodeExecutionData[]): INodeType {
	return {
		description: describe(name, false),
		async execute(this: IExecuteFunctions) {
			return [items().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
		},
	};
}

const passThrough = (name: string): INodeType => ({
	description: describe(name, true),
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
});

const waitNode: INodeType = {
	description: describe('wait', true, [
		{ displayName: 'Amount', name: 'amount', type: 'number', default: 1 },
		{ displayName: 'Unit', name: 'unit', type: 'string', default: 'seconds' },
	]),
	async execute(this: IExecuteFunctions) {
		const amount = Number(this.getNodeParameter('amount', 0, 1));
		const unit = String(this.getNodeParameter('unit', 0, 'seconds'));
		const factor = unit === 'minutes' ? 60_000 : unit === 'hours' ? 3_600_000 : 1_000;
		await sleep(amount * factor, this.getExecutionCancelSignal());
		return [this.getInputData()];
	},
};

const rssFeedRead: INodeType = {
	description: describe('rssFeedRead', true, [{ displayName: 'URL', name: 'url', type: 'string', default: '' }]),
	async execute(this: IExecuteFunctions) {
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < this.getInputData().length; index++) {
			const url = String(this.getNodeParameter('url', index));
			const xml = (await this.helpers.httpRequest({ url, json: false, encoding: 'text' })) as string;
			for (const item of parseRss(xml)) output.push({ json: item, pairedItem: { item: index } });
		}
		return [output];
	},
};

/** Pure: RSS 2.0 items in the shape n8n's RSS Feed Read node (rss-parser) outputs. */
export function parseRss(xml: string): IDataObject[] {
	return [...xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item>/g)].map(([, body]) => {
		const text = (tag: string) => {
			const match = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(body);
			return match ? match[1].replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1').trim() : undefined;
		};
		const enclosure = /<enclosure\b([^>]*)\/?>/.exec(body)?.[1];
		const attribute = (name: string) => (enclosure ? new RegExp(`${name}="([^"]*)"`).exec(enclosure)?.[1] : undefined);
		const encoded = text('content:encoded');
		const description = text('description');
		const content = encoded ?? description ?? '';
		const pubDate = text('pubDate');
		const item: IDataObject = {
			title: text('title'),
			link: text('link'),
			pubDate,
			content,
			contentSnippet: content.replace(/<[^>]+>/g, '').trim(),
			guid: text('guid'),
			isoDate: pubDate ? new Date(pubDate).toISOString() : undefined,
		};
		if (encoded) item['content:encoded'] = encoded;
		if (enclosure) item.enclosure = { url: attribute('url'), length: attribute('length'), type: attribute('type') };
		return JSON.parse(JSON.stringify(item)) as IDataObject;
	});
}

export function baseNodeStubs(items: () => INodeExecutionData[]): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': triggerStub('manualTrigger', items),
		'n8n-nodes-base.scheduleTrigger': triggerStub('scheduleTrigger', items),
		'n8n-nodes-base.rssFeedRead': rssFeedRead,
		'n8n-nodes-base.wait': waitNode,
		'n8n-nodes-base.noOp': passThrough('noOp'),
		'n8n-nodes-base.stickyNote': passThrough('stickyNote'),
	};
}

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { createRunContext } from '../helpers/runContext';
import { InvalidParameterError } from '../helpers/validate';
import { graphDetailsOf } from '../transport/errors';
import { nextStep } from '../transport/messages';
import { operations } from './node.type';
import type { Operation } from './node.type';

/** Resolves the operation once, then runs it item by item with continueOnFail and pairedItem. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const execute = operations[operation]?.execute;
	if (!execute)
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	const run = createRunContext(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await execute(run, itemIndex);
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (run.signal?.aborted || !this.continueOnFail()) throw nodeError;
			output.push({ json: errorJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** Keeps our API errors as they are (they already carry itemIndex); wraps everything else. */
function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InvalidParameterError) {
		const invalid = new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint ?? 'No request was sent to Instagram.',
		});
		invalid.context.instagram = {
			kind: 'invalidParameter',
			parameter: error.parameter.name,
			requestSent: false,
		};
		return invalid;
	}
	if (error instanceof NodeApiError) return error;
	if (error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/** The error item for continueOnFail: `error` plus structured `details` (routes to n8n's error output). */
function errorJson(error: NodeApiError | NodeOperationError): IDataObject {
	const graph = graphDetailsOf(error);
	const details: IDataObject = { description: error.description ?? undefined };
	if (graph) {
		Object.assign(details, graph, { action: nextStep(graph.kind) });
	} else if (error.context.instagram) {
		Object.assign(details, error.context.instagram as IDataObject);
	}
	return { error: error.message, details: JSON.parse(JSON.stringify(details)) as IDataObject };
}

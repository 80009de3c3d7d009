import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { InvalidParameterError } from '../parameters/validate';
import { errorOutput, toItemJson } from '../publish/output';
import { createRunContext } from '../publish/runContext';
import { operations } from './node.type';
import type { Operation } from './node.type';

/** Resolves the operation once, then runs it item by item with continueOnFail and pairedItem. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const execute = operations[operation]?.execute;
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	}
	const run = createRunContext(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = toItemJson(await execute(run, itemIndex));
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			// A cancelled execution stops here, even with continueOnFail: no further item may start.
			if (run.signal?.aborted || !this.continueOnFail()) throw nodeError;
			output.push({ json: errorOutput(nodeError), pairedItem: { item: itemIndex } });
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
		// A refused credential field names the item like every other invalid parameter.
		const refused = (error.context.instagram as { kind?: string } | undefined)?.kind;
		if (refused === 'invalidParameter' && !error.message.includes('[item '))
			error.message = `${error.message} [item ${itemIndex}]`;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { router } from '../../nodes/Instagram/actions/router';
import { InvalidParameterError } from '../../nodes/Instagram/parameters/validate';
import { testNode } from './scriptedGraph';

const execute = jest.fn<Promise<IDataObject>, [unknown, number]>();
jest.mock('../../nodes/Instagram/actions/node.type', () => ({
	operations: {
		post: { execute: async (run: unknown, itemIndex: number) => await execute(run, itemIndex) },
	},
}));

function context(options: { items: number; continueOnFail: boolean; signal: AbortSignal }) {
	return {
		getInputData: () => Array.from({ length: options.items }, () => ({ json: {} })),
		getNodeParameter: (name: string) => (name === 'operation' ? 'post' : 'accessToken'),
		getNode: () => testNode,
		getMode: () => 'trigger',
		getExecutionCancelSignal: () => options.signal,
		getWorkflowStaticData: () => ({}),
		continueOnFail: () => options.continueOnFail,
		logger: { info: () => undefined, warn: () => undefined },
	} as unknown as IExecuteFunctions;
}

describe('router: the item loop', () => {
	beforeEach(() => execute.mockReset());

	it('a cancelled execution stops the loop even with continueOnFail: no later item starts', async () => {
		const controller = new AbortController();
		execute.mockImplementationOnce(async () => {
			controller.abort();
			return await Promise.reject(new Error('The execution was cancelled'));
		});
		const ctx = context({ items: 3, continueOnFail: true, signal: controller.signal });
		await expect(router.call(ctx)).rejects.toThrow('The execution was cancelled');
		expect(execute).toHaveBeenCalledTimes(1);
	});

	it('with continueOnFail, a failed item becomes an error item and the next items still run', async () => {
		execute
			.mockRejectedValueOnce(new Error('boom'))
			.mockResolvedValueOnce({ published: true, accountId: '1', id: '2' });
		const ctx = context({ items: 2, continueOnFail: true, signal: new AbortController().signal });
		const [output] = await router.call(ctx);
		expect(output).toEqual([
			{ json: { error: 'boom', details: {} }, pairedItem: { item: 0 } },
			{ json: { published: true, accountId: '1', id: '2' }, pairedItem: { item: 1 } },
		]);
	});

	it('without continueOnFail, the first failure stops the node with the item index', async () => {
		execute.mockRejectedValueOnce(new Error('boom'));
		const ctx = context({ items: 2, continueOnFail: false, signal: new AbortController().signal });
		const error: unknown = await router.call(ctx).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(execute).toHaveBeenCalledTimes(1);
	});

	it('an invalid parameter names the parameter and item, and says no request was sent', async () => {
		execute.mockRejectedValueOnce(
			new InvalidParameterError({ name: 'imageUrl', displayName: 'Image URL' }, 'is required'),
		);
		const ctx = context({ items: 1, continueOnFail: true, signal: new AbortController().signal });
		const [output] = await router.call(ctx);
		expect(output[0].json).toEqual({
			error: "'Image URL' (imageUrl) is required [item 0]",
			details: {
				description: 'No request was sent to Instagram.',
				kind: 'invalidParameter',
				parameter: 'imageUrl',
				requestSent: false,
			},
		});
	});

	it('drops undefined fields from the output (plain JSON)', async () => {
		execute.mockResolvedValueOnce({ published: false, accountId: '1', id: undefined });
		const ctx = context({ items: 1, continueOnFail: false, signal: new AbortController().signal });
		const [output] = await router.call(ctx);
		expect(output[0].json).toStrictEqual({ published: false, accountId: '1' });
	});
});

import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { readAccountId } from '../parameters/options';
import { checkOptionalGraphId } from '../parameters/validate';
import type { ItemOutput } from '../publish/output';
import type { RunContext } from '../publish/runContext';
import { checkStatus } from '../publish/statusCheck';

const properties: INodeProperties[] = [
	{
		displayName: 'Container ID',
		name: 'containerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.containerId }}',
		description:
			'The container to check, as output by a publishing operation. Leave empty for a quota report only.',
	},
	{
		displayName: 'Publish If Ready',
		name: 'publishIfReady',
		type: 'boolean',
		default: false,
		description:
			'Whether to publish the container when it is FINISHED. A container that is already PUBLISHED is reported as done and never published again.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['status'] } }, properties);

/** Status: reads the container once (never waits), publishes it if asked and ready, reports the quota. */
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
	const { ctx } = run;
	return await checkStatus(run, {
		accountId: readAccountId(ctx, itemIndex),
		containerId: checkOptionalGraphId(ctx.getNodeParameter('containerId', itemIndex, ''), {
			name: 'containerId',
			displayName: 'Container ID',
		}),
		publishIfReady: ctx.getNodeParameter('publishIfReady', itemIndex, false) === true,
		itemIndex,
	});
}

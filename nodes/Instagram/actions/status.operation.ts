import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_KEY_WINDOW_DAYS, keyForContainer } from '../helpers/ledger';
import { readAccountId } from '../helpers/options';
import { readContainer } from '../helpers/poller';
import { publishContainer, recordSuccessfulPublish } from '../helpers/publish';
import type { RunContext } from '../helpers/runContext';
import { checkOptionalGraphId } from '../helpers/validate';
import { parseStatusSubcode } from '../transport/classify';

const KEY_WINDOW_MS = DEFAULT_KEY_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/** A FINISHED container can still answer "not ready" for a moment; this bounds that wait. */
const PUBLISH_WAIT_MS = 60_000;
const PUBLISH_FIRST_DELAY_MS = 2_000;

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

/** Status: one container read (never a wait), optional publish, and the account's quota. */
export async function execute(run: RunContext, itemIndex: number): Promise<IDataObject> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const containerId = checkOptionalGraphId(ctx.getNodeParameter('containerId', itemIndex, ''), {
		name: 'containerId',
		displayName: 'Container ID',
	});
	const publishIfReady = ctx.getNodeParameter('publishIfReady', itemIndex, false) === true;
	const output: IDataObject = { accountId };
	if (containerId) {
		const container = await readContainer(run, containerId, itemIndex);
		Object.assign(output, {
			containerId,
			statusCode: container.status_code,
			status: container.status,
			errorSubcode: parseStatusSubcode(container.status),
			published: container.status_code === 'PUBLISHED',
			// Meta does not link a container to its media; the ledger does when this node published it.
			id:
				container.status_code === 'PUBLISHED'
					? knownMediaId(run, accountId, containerId)
					: undefined,
		});
		if (publishIfReady && container.status_code === 'FINISHED') {
			Object.assign(output, await publishReady(run, itemIndex, accountId, containerId));
		}
	}
	output.quota = await run.quota.current(accountId, itemIndex, KEY_WINDOW_MS);
	const { tokenExpiresAt } = await run.client.connection();
	if (tokenExpiresAt) output.tokenExpiresAt = new Date(tokenExpiresAt).toISOString();
	return JSON.parse(JSON.stringify(output)) as IDataObject;
}

function knownMediaId(run: RunContext, accountId: string, containerId: string): string | undefined {
	const ledger = run.ledger.read(accountId, run.now(), KEY_WINDOW_MS);
	const key = keyForContainer(ledger, containerId);
	return key ? ledger.keys[key].mediaId : undefined;
}

async function publishReady(
	run: RunContext,
	itemIndex: number,
	accountId: string,
	containerId: string,
): Promise<IDataObject> {
	const quota = await run.quota.current(accountId, itemIndex, KEY_WINDOW_MS);
	if (quota.remaining <= 0) throw run.quota.exhaustedError(quota, itemIndex);
	const outcome = await publishContainer(run, {
		accountId,
		containerId,
		itemIndex,
		deadlineAt: run.now() + PUBLISH_WAIT_MS,
		firstDelayMs: PUBLISH_FIRST_DELAY_MS,
		label: 'Container',
	});
	recordSuccessfulPublish(
		run,
		{ accountId, containerId, keyWindowMs: KEY_WINDOW_MS },
		outcome.mediaId,
	);
	return {
		statusCode: 'PUBLISHED',
		published: true,
		id: outcome.mediaId,
		...(outcome.recovered ? { recovered: true } : {}),
	};
}

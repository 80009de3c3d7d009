import { DEFAULT_KEY_WINDOW_DAYS, keyForContainer } from '../ledger/ledger';
import { recordSuccessfulPublish } from '../ledger/record';
import { parseStatusSubcode } from '../transport/classify';
import { readContainerStatus } from '../transport/containerStatus';
import type { ItemOutput } from './output';
import { publishContainer } from './publishOnce';
import type { RunContext } from './runContext';

const KEY_WINDOW_MS = DEFAULT_KEY_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/** A FINISHED container can still answer "not ready" for a moment; this bounds that wait. */
export const STATUS_PUBLISH_WAIT_MS = 60_000;
const PUBLISH_FIRST_DELAY_MS = 2_000;

export interface StatusRequest {
	accountId: string;
	containerId?: string;
	publishIfReady: boolean;
	itemIndex: number;
}

/** One container read (never a wait), an optional publish, and the account's quota. */
export async function checkStatus(run: RunContext, request: StatusRequest): Promise<ItemOutput> {
	const { accountId, containerId, itemIndex } = request;
	let output: ItemOutput = { accountId, published: false };
	if (containerId) {
		const container = await readContainerStatus(run.client, containerId, itemIndex);
		const published = container.status_code === 'PUBLISHED';
		output = {
			...output,
			containerId,
			published,
			status: container.status_code,
			statusCode: container.status_code,
			statusText: container.status,
			errorSubcode: parseStatusSubcode(container.status),
			// Meta does not link a container to its media; the ledger does when this node published it.
			id: published ? knownMediaId(run, accountId, containerId) : undefined,
		};
		if (request.publishIfReady && container.status_code === 'FINISHED') {
			output = { ...output, ...(await publishReady(run, itemIndex, accountId, containerId)) };
		}
	}
	output.quota = await run.quota.current(accountId, itemIndex, KEY_WINDOW_MS);
	const { tokenExpiresAt } = await run.client.connection();
	if (tokenExpiresAt) output.tokenExpiresAt = new Date(tokenExpiresAt).toISOString();
	return output;
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
): Promise<Partial<ItemOutput>> {
	const quota = await run.quota.current(accountId, itemIndex, KEY_WINDOW_MS);
	if (quota.remaining <= 0) throw run.quota.exhaustedError(quota, itemIndex);
	const outcome = await publishContainer(run, {
		accountId,
		containerId,
		itemIndex,
		deadlineAt: run.now() + STATUS_PUBLISH_WAIT_MS,
		firstDelayMs: PUBLISH_FIRST_DELAY_MS,
		label: 'Container',
	});
	await recordSuccessfulPublish(
		run,
		{ accountId, containerId, keyWindowMs: KEY_WINDOW_MS },
		outcome.mediaId,
	);
	return {
		status: 'PUBLISHED',
		statusCode: 'PUBLISHED',
		published: true,
		id: outcome.mediaId,
		...(outcome.recovered ? { recovered: true } : {}),
	};
}

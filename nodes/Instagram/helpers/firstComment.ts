import type { IDataObject } from 'n8n-workflow';

import { asNodeError, graphDetailsOf } from '../transport/errors';
import type { RunContext } from './runContext';
import type { IdResponse } from './types';

/**
 * Posts the first comment under a published media. Its failure never hides or undoes the post:
 * the outcome is reported in the output instead of being thrown.
 */
export async function postFirstComment(
	run: RunContext,
	mediaId: string | undefined,
	message: string,
	itemIndex: number,
): Promise<IDataObject> {
	if (!mediaId) return { posted: false, error: 'The media ID is unknown, so the comment could not be posted.' };
	try {
		const response = await run.client.request<IdResponse>({
			method: 'POST',
			path: [mediaId, 'comments'],
			body: { message },
			// A lost reply could mean a posted comment; a duplicate comment is worse than none.
			requestClass: 'publish',
			itemIndex,
		});
		return { posted: true, id: response.id };
	} catch (error) {
		if (run.signal?.aborted) throw asNodeError(run.ctx.getNode(), error, itemIndex);
		const details = graphDetailsOf(error);
		return {
			posted: false,
			error: error instanceof Error ? error.message : String(error),
			...(details ? { kind: details.kind, code: details.code, subcode: details.subcode } : {}),
		};
	}
}

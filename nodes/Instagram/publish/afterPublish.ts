import type { IDataObject } from 'n8n-workflow';

import type { IdResponse } from '../transport/containerStatus';
import { asNodeError, graphDetailsOf } from '../transport/errors';
import type { RunContext } from './runContext';

/** Reads a published media's permalink; best effort (Meta's media reads can fail while the post is live). */
export async function readPermalink(
	run: RunContext,
	mediaId: string | undefined,
	itemIndex: number,
): Promise<string | undefined> {
	if (!mediaId) return undefined;
	try {
		const media = await run.client.request<{ permalink?: string }>({
			method: 'GET',
			path: [mediaId],
			qs: { fields: 'permalink' },
			itemIndex,
		});
		return typeof media.permalink === 'string' ? media.permalink : undefined;
	} catch (error) {
		if (run.signal?.aborted) throw asNodeError(run.ctx.getNode(), error, itemIndex);
		run.progress(`the permalink of ${mediaId} could not be read; the post is published`);
		return undefined;
	}
}

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
	if (!mediaId)
		return { posted: false, error: 'The media ID is unknown, so the comment could not be posted.' };
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

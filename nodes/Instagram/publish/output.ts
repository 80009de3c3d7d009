import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { QuotaState } from '../ledger/quota';
import type { ContainerStatusCode } from '../transport/containerStatus';
import { graphDetailsOf } from '../transport/errors';
import { nextStep } from '../transport/messages';
import type { PublishKind } from './types';

/**
 * The one output shape of every operation. `published` always says whether the media is live on
 * Instagram (published by this item now, or earlier for a duplicate); `status` is always the
 * container's state as Meta names it, when a container is known.
 */
export interface ItemOutput {
	published: boolean;
	status?: ContainerStatusCode;
	accountId: string;
	/** The media id of the post. */
	id?: string;
	containerId?: string;
	mediaType?: PublishKind;
	/** Carousel child container ids. */
	children?: string[];
	quota?: QuotaState;
	skipped?: true;
	reason?: 'quota' | 'duplicate';
	idempotencyKey?: string;
	/** Meta's reply to media_publish was lost; reading the container back proved the post is live. */
	recovered?: true;
	note?: string;
	/** n8n's Retry On Fail re-ran an item that an earlier try of this execution published. */
	publishedByEarlierTry?: true;
	permalink?: string;
	firstComment?: IDataObject;
	/** Status operation: the same value as `status` (its earlier name). */
	statusCode?: ContainerStatusCode;
	/** Status operation: Meta's status text, e.g. "Error: … error code 2207026". */
	statusText?: string;
	errorSubcode?: number;
	tokenExpiresAt?: string;
}

/** Output items are plain JSON: undefined fields are dropped. */
export function toItemJson(output: ItemOutput): IDataObject {
	return JSON.parse(JSON.stringify(output)) as IDataObject;
}

/** The error item for continueOnFail: `error` plus structured `details` (routes to n8n's error output). */
export function errorOutput(error: NodeApiError | NodeOperationError): IDataObject {
	const graph = graphDetailsOf(error);
	const details: IDataObject = { description: error.description ?? undefined };
	if (graph) {
		Object.assign(details, graph, { action: nextStep(graph) });
	} else if (error.context.instagram) {
		Object.assign(details, error.context.instagram as IDataObject);
	}
	return { error: error.message, details: JSON.parse(JSON.stringify(details)) as IDataObject };
}

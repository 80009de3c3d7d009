import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { GraphErrorDetails } from './errorKinds';
import { errorDescription, errorMessage, failureOf, isGraphErrorKind } from './messages';

const TOKEN_PATTERNS = [
	/\b(?:EAA|IGAA|IGQV)[A-Za-z0-9_-]{8,}/g,
	/(access_token|client_secret|fb_exchange_token|input_token)=[^&\s"']+/gi,
	/(Bearer|OAuth)\s+[A-Za-z0-9._|-]{8,}/g,
	// n8n's signed binary URLs (`…/binary-data/signed?token=<JWT>`): Meta echoes the URL in errors,
	// and the token opens the file to anyone for a day.
	/\b(token)=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
];

/** Pure: removes anything token-shaped, plus the given secrets, from a text. */
export function redact(text: string, secrets: readonly string[] = []): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) result = result.split(secret).join('[redacted]');
	}
	for (const pattern of TOKEN_PATTERNS) {
		result = result.replace(pattern, (match, prefix: string | undefined) =>
			typeof prefix === 'string' && match.includes('=') ? `${prefix}=[redacted]` : '[redacted]',
		);
	}
	return result;
}

/** Pure: the same details with every text field redacted. */
export function redactDetails(
	details: GraphErrorDetails,
	secrets: readonly string[],
): GraphErrorDetails {
	const copy: GraphErrorDetails = { ...details };
	for (const key of ['metaMessage', 'userTitle', 'userMessage', 'childUrl'] as const) {
		const value = copy[key];
		if (typeof value === 'string') copy[key] = redact(value, secrets);
	}
	return copy;
}

/**
 * The one error type for failed Graph calls: our message, an actionable description, the
 * Meta codes, and the structured details under `context.instagram` for output and tests.
 */
export function createGraphApiError(
	node: INode,
	details: GraphErrorDetails,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const texts = {
		message: errorMessage(details),
		description: errorDescription(details),
		itemIndex,
	};
	// Running out of wait time is our decision, not an API failure.
	const error =
		details.kind === 'timeout'
			? new NodeOperationError(node, texts.message, texts)
			: new NodeApiError(node, { ...details } as JsonObject, {
					...texts,
					httpCode: details.httpStatus !== undefined ? String(details.httpStatus) : undefined,
					failure: failureOf(details),
				});
	error.context.instagram = details;
	if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
	return error;
}

/** The structured details of an error raised by {@link createGraphApiError}, if it is one. */
export function graphDetailsOf(error: unknown): GraphErrorDetails | undefined {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return undefined;
	const details = error.context.instagram as Partial<GraphErrorDetails> | undefined;
	return details && isGraphErrorKind(details.kind) ? (details as GraphErrorDetails) : undefined;
}

/** Any thrown value as an n8n node error (our own errors pass through unchanged). */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/** Adds what the caller knows (container, carousel child) to an error and rebuilds its texts. */
export function withContext(
	node: INode,
	error: unknown,
	extra: Partial<GraphErrorDetails>,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const details = graphDetailsOf(error);
	if (!details) return asNodeError(node, error, itemIndex);
	return createGraphApiError(node, { ...details, ...extra }, itemIndex);
}

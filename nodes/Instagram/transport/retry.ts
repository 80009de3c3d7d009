import type { GraphErrorKind } from './errorKinds';

/**
 * How a request may be repeated. `publish` is never repeated here: media_publish is not
 * idempotent, so the publisher reads the container back instead (see publish/publishOnce.ts).
 */
export type RequestClass = 'read' | 'create' | 'publish';

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** Total time budget for one request including all retries. */
	deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
	deadlineMs: 120_000,
};

const RETRYABLE: Record<RequestClass, ReadonlySet<GraphErrorKind>> = {
	read: new Set(['transient', 'rateLimit']),
	// A duplicate unpublished container is harmless (it expires), so creation may be repeated.
	create: new Set(['transient']),
	publish: new Set(),
};

export interface RetryInput {
	requestClass: RequestClass;
	kind: GraphErrorKind;
	/** 1 for the first failed attempt. */
	attempt: number;
	elapsedMs: number;
	/** Meta's own hint (estimated_time_to_regain_access), converted to ms. */
	serverWaitMs?: number;
	/** 0 ≤ random < 1; injectable so tests are deterministic. */
	random: number;
}

export type RetryDecision = { retry: false; reason: string } | { retry: true; delayMs: number };

/** Pure: whether to repeat a failed request, and after how long. */
export function decideRetry(
	input: RetryInput,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
	if (!RETRYABLE[input.requestClass].has(input.kind)) {
		return {
			retry: false,
			reason: `${input.kind} is not retried for ${input.requestClass} requests`,
		};
	}
	if (input.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts exhausted' };
	const delayMs = Math.max(backoffMs(input.attempt, input.random, policy), input.serverWaitMs ?? 0);
	if (input.elapsedMs + delayMs > policy.deadlineMs) {
		return { retry: false, reason: 'the wait would pass the deadline' };
	}
	return { retry: true, delayMs };
}

/** Pure: exponential backoff with "equal jitter" (50–100 % of the step), capped. */
export function backoffMs(
	attempt: number,
	random: number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(step * (0.5 + random / 2));
}

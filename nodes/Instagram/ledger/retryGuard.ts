import { createHash } from 'crypto';

import { RETRY_KEY_PREFIX } from './ledger';
import type { LedgerContext } from './context';

/**
 * The key that guards an item without an Idempotency Key against n8n's "Retry On Fail": the node
 * re-runs every item of the same execution, so items published in an earlier try would otherwise be
 * posted again. Tied to this execution and this exact content, so it never skips anything in a
 * later execution. Undefined when the execution has no usable id (then there is nothing to guard).
 */
export function retryGuardKey(
	run: LedgerContext,
	itemIndex: number,
	content: unknown,
): string | undefined {
	const executionId = run.ctx.getExecutionId();
	if (!executionId || executionId === '__UNKNOWN__') return undefined;
	const fingerprint = createHash('sha256')
		.update(JSON.stringify(content))
		.digest('hex')
		.slice(0, 16);
	return `${RETRY_KEY_PREFIX}${executionId}:${itemIndex}:${fingerprint}`;
}

export function isRetryGuardKey(key: string): boolean {
	return key.startsWith(RETRY_KEY_PREFIX);
}

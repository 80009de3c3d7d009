// Fault kinds added for the fault suite (test/faults): each is one entry here plus its action.
import { E, GraphError } from './errors';
import type { Endpoint, FaultKind, FaultSpec } from './types';

/** Meta's throttling codes, all answered as HTTP 400 (reference §6.2). */
export const RATE_LIMIT_CODES = [4, 17, 32, 613, 80002] as const;

const RATE_LIMIT_MESSAGES: Record<number, string> = {
	4: '(#4) Application request limit reached',
	17: '(#17) User request limit reached',
	32: '(#32) Page request limit reached',
	613: '(#613) Calls to this api have exceeded the rate limit.',
};

/** A throttling error with `code` (80002 is the default BUC one, see errors.ts). */
export function rateLimitError(code: number | undefined): GraphError {
	if (code === undefined || code === 80002) return E.rateLimit();
	return new GraphError(code, RATE_LIMIT_MESSAGES[code] ?? `(#${code}) Rate limited`, {
		transient: true,
	});
}

/** Kinds whose checks live here; `faults.ts` accepts them next to its own. */
export const EXTRA_KINDS: FaultKind[] = [
	'slowResponse',
	'tokenExpired',
	'containerExpired',
	'uploadInterrupted',
	'quotaUsedElsewhere',
];

const ONLY: Partial<Record<FaultKind, Array<Endpoint | 'any'>>> = {
	containerExpired: ['createContainer', 'upload'],
	uploadInterrupted: ['upload'],
	quotaUsedElsewhere: ['publish'],
};

/** Throws on a spec the extra kinds cannot apply. */
export function checkExtraFault(f: FaultSpec): void {
	const only = ONLY[f.kind];
	if (only && !only.includes(f.endpoint))
		throw new Error(`${f.kind} applies to ${only.join(' or ')} only`);
	if (f.code !== undefined && (f.kind !== 'rateLimit' || !RATE_LIMIT_CODES.includes(f.code as 4)))
		throw new Error(`code applies to rateLimit only, one of ${RATE_LIMIT_CODES.join(', ')}`);
	if (f.delayMs !== undefined && (!Number.isInteger(f.delayMs) || f.delayMs < 0))
		throw new Error('delayMs must be a non-negative integer');
}

export type ExtraFaultAction =
	/** The request is handled (committed) and answered only after `ms` of real time. */
	| { type: 'slow'; ms: number }
	/** The created container reads EXPIRED from then on. */
	| { type: 'containerExpired' }
	/** Other publishes fill the account's 24-hour window just before this publish is handled. */
	| { type: 'fillQuota' }
	| { type: 'error'; error: GraphError };

/** What an extra kind does (`uploadInterrupted` is handled by the server while the body streams). */
export function extraFaultAction(
	f: { kind: FaultKind; delayMs?: number },
	now: number,
): ExtraFaultAction | undefined {
	switch (f.kind) {
		case 'slowResponse':
			return { type: 'slow', ms: f.delayMs ?? 1_000 };
		case 'tokenExpired':
			return { type: 'error', error: E.expiredToken(now) };
		case 'containerExpired':
			return { type: 'containerExpired' };
		case 'quotaUsedElsewhere':
			return { type: 'fillQuota' };
		default:
			return undefined;
	}
}

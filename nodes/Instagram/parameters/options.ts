import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_KEY_WINDOW_DAYS } from '../ledger/ledger';
import type { PublishOptions } from '../publish/types';
import { checkInteger, InvalidParameterError } from './validate';

export const DEFAULT_MAX_WAIT_SECONDS = 600;
export const DEFAULT_POLL_INTERVAL_SECONDS = 1;
/** Meta asks for status checks far apart; shorter than a second only costs rate limit. */
export const MIN_POLL_INTERVAL_SECONDS = 1;
export const MAX_POLL_INTERVAL_SECONDS = 60;
export const MAX_WAIT_LIMIT_SECONDS = 3600;
const MAX_KEY_LENGTH = 200;

/** Reads and checks the shared Options collection of a publishing operation. */
export function readPublishOptions(ctx: IExecuteFunctions, itemIndex: number): PublishOptions {
	const raw = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const maxWaitSeconds = checkInteger(
		raw.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
		{ name: 'options.maxWaitSeconds', displayName: 'Max Wait (Seconds)' },
		1,
		MAX_WAIT_LIMIT_SECONDS,
	);
	const pollIntervalSeconds = Number(raw.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS);
	if (
		!(
			pollIntervalSeconds >= MIN_POLL_INTERVAL_SECONDS &&
			pollIntervalSeconds <= MAX_POLL_INTERVAL_SECONDS
		)
	) {
		throw new InvalidParameterError(
			{ name: 'options.pollIntervalSeconds', displayName: 'Poll Interval (Seconds)' },
			`must be from ${MIN_POLL_INTERVAL_SECONDS} to ${MAX_POLL_INTERVAL_SECONDS} seconds`,
		);
	}
	const idempotencyKey =
		raw.idempotencyKey === undefined || raw.idempotencyKey === null
			? ''
			: String(raw.idempotencyKey).trim();
	if (idempotencyKey.length > MAX_KEY_LENGTH) {
		throw new InvalidParameterError(
			{ name: 'options.idempotencyKey', displayName: 'Idempotency Key' },
			`must be at most ${MAX_KEY_LENGTH} characters`,
			'Use a short unique value such as an RSS GUID or a hash of it.',
		);
	}
	const firstComment =
		typeof raw.firstComment === 'string' && raw.firstComment.trim() ? raw.firstComment : undefined;
	if (firstComment && firstComment.length > 2200) {
		throw new InvalidParameterError(
			{ name: 'options.firstComment', displayName: 'First Comment' },
			'must be at most 2,200 characters',
		);
	}
	return {
		publishMode: raw.publishMode === 'containerOnly' ? 'containerOnly' : 'publish',
		maxWaitSeconds,
		pollIntervalSeconds,
		onQuotaExhausted: raw.onQuotaExhausted === 'skip' ? 'skip' : 'error',
		idempotencyKey: idempotencyKey || undefined,
		idempotencyWindowDays: checkInteger(
			raw.idempotencyWindowDays ?? DEFAULT_KEY_WINDOW_DAYS,
			{ name: 'options.idempotencyWindowDays', displayName: 'Idempotency Window (Days)' },
			1,
			365,
		),
		firstComment,
		includePermalink: raw.includePermalink === true,
		// On unless turned off: only an explicit false skips it.
		preflight: raw.preflight !== false,
	};
}

/** The account from the resource locator, checked before any request. */
export function readAccountId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('account', itemIndex, '', { extractValue: true });
	const id = String(value ?? '').trim();
	if (id === 'me' || /^\d{5,25}$/.test(id)) return id;
	throw new InvalidParameterError(
		{ name: 'account', displayName: 'Account' },
		'must be an Instagram account ID',
		'Pick the account from the list, or paste its numeric ID (e.g. 17841400000000000).',
	);
}

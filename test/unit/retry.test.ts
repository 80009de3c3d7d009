import {
	backoffMs,
	decideRetry,
	DEFAULT_RETRY_POLICY,
} from '../../nodes/Instagram/transport/retry';
import type { RequestClass } from '../../nodes/Instagram/transport/retry';
import type { GraphErrorKind } from '../../nodes/Instagram/transport/errorKinds';

const base = { attempt: 1, elapsedMs: 0, random: 0 };

describe('decideRetry', () => {
	it.each<[RequestClass, GraphErrorKind, boolean]>([
		['read', 'transient', true],
		['read', 'rateLimit', true],
		['read', 'auth', false],
		['read', 'permission', false],
		['read', 'invalidRequest', false],
		['read', 'notReady', false],
		['create', 'transient', true],
		['create', 'rateLimit', false],
		['create', 'invalidMedia', false],
		['create', 'quota', false],
		['publish', 'transient', false],
		['publish', 'rateLimit', false],
		['publish', 'unknown', false],
	])('%s request, %s error → retry %s', (requestClass, kind, retry) => {
		expect(decideRetry({ ...base, requestClass, kind }).retry).toBe(retry);
	});

	it('stops after the last attempt', () => {
		const decision = decideRetry({
			...base,
			requestClass: 'read',
			kind: 'transient',
			attempt: DEFAULT_RETRY_POLICY.maxAttempts,
		});
		expect(decision).toEqual({ retry: false, reason: 'attempts exhausted' });
	});

	it("waits at least as long as Meta's hint", () => {
		const decision = decideRetry({
			...base,
			requestClass: 'read',
			kind: 'rateLimit',
			serverWaitMs: 60_000,
		});
		expect(decision).toEqual({ retry: true, delayMs: 60_000 });
	});

	it('never waits past the deadline', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, deadlineMs: 10_000 };
		expect(
			decideRetry(
				{ ...base, requestClass: 'read', kind: 'rateLimit', serverWaitMs: 60_000 },
				policy,
			).retry,
		).toBe(false);
		expect(
			decideRetry({ ...base, requestClass: 'read', kind: 'transient', elapsedMs: 9_800 }, policy)
				.retry,
		).toBe(false);
	});
});

describe('backoffMs', () => {
	const policy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 1e9 };
	it.each([
		[1, 0, 500],
		[1, 0.999999, 1000],
		[2, 0, 1000],
		[3, 0.5, 3000],
		[6, 0, 15000],
		[9, 0.999999, 30000],
	])('attempt %s with random %s → %s ms', (attempt, random, expected) => {
		expect(backoffMs(attempt, random, policy)).toBe(expected);
	});
	it('grows and stays within 50–100 % of the capped step', () => {
		for (let attempt = 1; attempt < 12; attempt++) {
			const step = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
			const delay = backoffMs(attempt, Math.random(), policy);
			expect(delay).toBeGreaterThanOrEqual(step / 2);
			expect(delay).toBeLessThanOrEqual(step);
		}
	});
});

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

const ALL_KINDS: GraphErrorKind[] = [
	'auth',
	'permission',
	'rateLimit',
	'quota',
	'transient',
	'expired',
	'invalidMedia',
	'notReady',
	'invalidRequest',
	'timeout',
	'unknown',
];
const RETRIED: Record<RequestClass, GraphErrorKind[]> = {
	read: ['transient', 'rateLimit'],
	create: ['transient'],
	publish: [],
};

describe('decideRetry: which failures are repeated', () => {
	const table = (['read', 'create', 'publish'] as RequestClass[]).flatMap((requestClass) =>
		ALL_KINDS.map((kind): [RequestClass, GraphErrorKind, boolean] => [
			requestClass,
			kind,
			RETRIED[requestClass].includes(kind),
		]),
	);

	it.each(table)('%s request, %s error → retry %s', (requestClass, kind, retry) => {
		const decision = decideRetry({ ...base, requestClass, kind });
		expect(decision).toEqual(
			retry
				? { retry: true, delayMs: 500 }
				: { retry: false, reason: `${kind} is not retried for ${requestClass} requests` },
		);
	});

	it.each(ALL_KINDS)(
		'publish requests are never retried, whatever the wait, attempt or budget (%s)',
		(kind) => {
			const decision = decideRetry(
				{ requestClass: 'publish', kind, attempt: 1, elapsedMs: 0, random: 0.5, serverWaitMs: 0 },
				{ maxAttempts: 100, baseDelayMs: 1, maxDelayMs: 1, deadlineMs: 1e9 },
			);
			expect(decision.retry).toBe(false);
		},
	);

	it('a failure that is never retried says so even after the last attempt', () => {
		expect(decideRetry({ ...base, requestClass: 'create', kind: 'auth', attempt: 99 })).toEqual({
			retry: false,
			reason: 'auth is not retried for create requests',
		});
	});
});

describe('decideRetry: attempts', () => {
	const policy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 1e9 };
	it.each([
		[1, { retry: true, delayMs: 500 }],
		[2, { retry: true, delayMs: 1_000 }],
		[3, { retry: false, reason: 'attempts exhausted' }],
		[4, { retry: false, reason: 'attempts exhausted' }],
	])('attempt %s of maxAttempts 3 → %j', (attempt, decision) => {
		expect(
			decideRetry({ ...base, attempt, requestClass: 'read', kind: 'transient' }, policy),
		).toEqual(decision);
	});

	it('the default policy: 4 attempts, 1 s base, 30 s cap, 2 min budget', () => {
		expect(DEFAULT_RETRY_POLICY).toEqual({
			maxAttempts: 4,
			baseDelayMs: 1_000,
			maxDelayMs: 30_000,
			deadlineMs: 120_000,
		});
		expect(decideRetry({ ...base, attempt: 3, requestClass: 'read', kind: 'transient' })).toEqual({
			retry: true,
			delayMs: 2_000,
		});
	});

	it('attempts are checked before the deadline', () => {
		expect(
			decideRetry({
				...base,
				attempt: DEFAULT_RETRY_POLICY.maxAttempts,
				elapsedMs: 1e9,
				requestClass: 'read',
				kind: 'transient',
			}),
		).toEqual({ retry: false, reason: 'attempts exhausted' });
	});
});

describe('decideRetry: waiting', () => {
	const policy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 10_000 };
	const read = { ...base, requestClass: 'read' as const, kind: 'rateLimit' as const };

	it.each([
		['no hint → the backoff', undefined, 500],
		['a shorter hint → the backoff', 200, 500],
		['a hint of 0 → the backoff', 0, 500],
		['a longer hint → the hint', 4_000, 4_000],
	])('%s', (_label, serverWaitMs, delayMs) => {
		expect(decideRetry({ ...read, serverWaitMs }, policy)).toEqual({ retry: true, delayMs });
	});

	it.each([
		['elapsed + delay == deadline → waits', 9_500, 0.0, { retry: true, delayMs: 500 }],
		[
			'elapsed + delay == deadline + 1 → gives up',
			9_501,
			0.0,
			{ retry: false, reason: 'the wait would pass the deadline' },
		],
		['the hint alone reaches the deadline → waits', 0, 10_000, { retry: true, delayMs: 10_000 }],
		[
			'the hint alone passes the deadline → gives up',
			0,
			10_001,
			{ retry: false, reason: 'the wait would pass the deadline' },
		],
	])('%s', (_label, elapsedMs, serverWaitMs, decision) => {
		expect(decideRetry({ ...read, elapsedMs, serverWaitMs }, policy)).toEqual(decision);
	});
});

describe('backoffMs: equal jitter', () => {
	const policy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 30_000, deadlineMs: 1e9 };
	it.each([
		// [attempt, random, ms]: the step doubles from the base, and random spreads 50–100 % of it.
		[1, 0.5, 750],
		[1, 0.01, 505],
		[2, 0.5, 1_500],
		[4, 0, 4_000],
		[5, 1, 16_000],
		[5, 0, 8_000],
		[6, 1, 30_000],
		[7, 0, 15_000],
		[30, 0.5, 22_500],
	])('attempt %s, random %s → %s ms', (attempt, random, expected) => {
		expect(backoffMs(attempt, random, policy)).toBe(expected);
	});

	it('uses the default policy when none is given', () => {
		expect(backoffMs(1, 0)).toBe(500);
		expect(backoffMs(10, 0.999999)).toBe(30_000);
	});

	it('follows the given policy', () => {
		expect(backoffMs(3, 0, { ...policy, baseDelayMs: 100, maxDelayMs: 300 })).toBe(150);
		expect(backoffMs(2, 0, { ...policy, baseDelayMs: 100, maxDelayMs: 300 })).toBe(100);
	});
});

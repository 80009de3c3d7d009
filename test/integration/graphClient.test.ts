import { systemClock } from '../../nodes/Instagram/transport/clock';
import type { Clock } from '../../nodes/Instagram/transport/clock';
import { createGraphClient } from '../../nodes/Instagram/transport/graphClient';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import type { RetryPolicy } from '../../nodes/Instagram/transport/retry';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { fakeContext } from './fakeContext';

const FAST: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50, deadlineMs: 5_000 };

describe('Graph client against the sandbox', () => {
	let sandbox: Sandbox;
	let account: string;
	beforeAll(async () => {
		sandbox = await startSandbox();
		account = sandbox.accounts[0].id;
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const client = (extra: Record<string, string> = {}, policy = FAST) =>
		createGraphClient(
			fakeContext({
				loginType: 'facebook',
				accessToken: sandbox.tokens.page,
				apiVersion: 'v25.0',
				baseUrl: sandbox.url,
				...extra,
			}),
			'accessToken',
			policy,
		);

	async function createImageContainer(): Promise<string> {
		const created = await client().request<{ id: string }>({
			method: 'POST',
			path: [account, 'media'],
			body: { image_url: 'https://cdn.example.com/a.jpg', caption: 'Hi' },
		});
		return created.id;
	}

	it('sends the token only in the Authorization header', async () => {
		await createImageContainer();
		const [request] = sandbox.calls('createContainer');
		expect(request.tokenInUrl).toBe(false);
		expect(request.authorization).toMatch(/^Bearer/);
		expect(JSON.stringify(request.query)).not.toContain(sandbox.tokens.page);
	});

	it('retries a status read after a 5xx', async () => {
		const containerId = await createImageContainer();
		sandbox.fault({ endpoint: 'containerStatus', kind: 'http500' });
		const status = await client().request<{ status_code: string }>({
			method: 'GET',
			path: [containerId],
			qs: { fields: 'status_code' },
		});
		expect(status.status_code).toBe('FINISHED');
		expect(sandbox.calls('containerStatus').map((call) => call.status)).toEqual([500, 200]);
	});

	it('retries a read that Meta throttles (HTTP 400, code 80002)', async () => {
		sandbox.fault({ endpoint: 'quota', kind: 'rateLimit', regainMinutes: 0 });
		const quota = await client().request<{ data: unknown[] }>({
			method: 'GET',
			path: [account, 'content_publishing_limit'],
			qs: { fields: 'config,quota_usage' },
		});
		expect(quota.data).toHaveLength(1);
		expect(sandbox.calls('quota')).toHaveLength(2);
	});

	it('does not retry a rate limit whose wait passes the deadline', async () => {
		sandbox.fault({ endpoint: 'quota', kind: 'rateLimit', regainMinutes: 5 });
		const error = await client()
			.request({ method: 'GET', path: [account, 'content_publishing_limit'] })
			.catch((e: unknown) => e);
		expect(graphDetailsOf(error)).toMatchObject({
			kind: 'rateLimit',
			code: 80002,
			regainAccessMinutes: 5,
		});
		expect(sandbox.calls('quota')).toHaveLength(1);
	});

	it('never repeats media_publish by itself', async () => {
		const containerId = await createImageContainer();
		sandbox.fault({ endpoint: 'publish', kind: 'http500' });
		const error = await client()
			.request({
				method: 'POST',
				path: [account, 'media_publish'],
				body: { creation_id: containerId },
				requestClass: 'publish',
			})
			.catch((e: unknown) => e);
		expect(graphDetailsOf(error)?.kind).toBe('transient');
		expect(sandbox.calls('publish')).toHaveLength(1);
	});

	it('repeats a container creation whose response was lost', async () => {
		sandbox.fault({ endpoint: 'createContainer', kind: 'dropBeforeCommit' });
		await createImageContainer();
		expect(sandbox.calls('createContainer')).toHaveLength(2);
	});

	it('turns an expired token into a reconnect message without the token', async () => {
		const expiredClient = createGraphClient(
			fakeContext({
				loginType: 'facebook',
				accessToken: sandbox.tokens.expired,
				baseUrl: sandbox.url,
			}),
			'accessToken',
			FAST,
		);
		const error = (await expiredClient
			.request({ method: 'GET', path: ['me'] })
			.catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toBe('The Instagram access token has expired');
		expect(error.description).toMatch(/Reconnect the Instagram credential/);
		expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
			sandbox.tokens.expired,
		);
		expect(sandbox.calls()).toHaveLength(1);
	});

	it('stops waiting between retries when the execution is cancelled', async () => {
		const controller = new AbortController();
		const cancelled = new Error('Execution cancelled (test)');
		sandbox.fault({ endpoint: 'quota', kind: 'http500', times: 10 });
		// The node's own clock, cancelled as soon as the first backoff pause (15–30 min) begins:
		// only the execution's cancel signal can end that pause before the test times out.
		const pauses: number[] = [];
		const clock: Clock = {
			now: systemClock.now,
			sleep: async (ms, signal) => {
				pauses.push(ms);
				const pause = systemClock.sleep(ms, signal);
				controller.abort(cancelled);
				await pause;
			},
		};
		const slow = createGraphClient(
			fakeContext({ accessToken: sandbox.tokens.page, baseUrl: sandbox.url }, controller.signal),
			'accessToken',
			{ maxAttempts: 10, baseDelayMs: 1_800_000, maxDelayMs: 1_800_000, deadlineMs: 3_600_000 },
			clock,
		);
		const error = await slow
			.request({ method: 'GET', path: [account, 'content_publishing_limit'] })
			.catch((e: unknown) => e);
		// The cancellation itself, not a Graph or network error.
		expect(error).toBe(cancelled);
		expect(pauses).toHaveLength(1);
		expect(pauses[0]).toBeGreaterThanOrEqual(900_000);
		expect(sandbox.calls('quota').map((call) => call.status)).toEqual([500]);
	});
});

describe('appsecret_proof', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			requireAppSecretProof: true,
			appSecret: 'sandbox-app-secret-value',
		});
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('is sent, correct, and keeps the secret out of the URL', async () => {
		const ok = createGraphClient(
			fakeContext({
				accessToken: sandbox.tokens.page,
				appSecret: 'sandbox-app-secret-value',
				baseUrl: sandbox.url,
			}),
			'accessToken',
			FAST,
		);
		await ok.request({ method: 'GET', path: ['me'] });
		const [call] = sandbox.calls('me');
		expect(call.status).toBe(200);
		expect(call.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(call.query)).not.toContain('sandbox-app-secret-value');
	});

	it('is required when the app demands it', async () => {
		const missing = createGraphClient(
			fakeContext({ accessToken: sandbox.tokens.page, baseUrl: sandbox.url }),
			'accessToken',
			FAST,
		);
		const error = await missing.request({ method: 'GET', path: ['me'] }).catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Instagram rejected the request parameters: API calls from the server require an appsecret_proof argument',
		);
		expect(graphDetailsOf(error)).toMatchObject({
			kind: 'invalidRequest',
			httpStatus: 400,
			code: 100,
			metaMessage: 'API calls from the server require an appsecret_proof argument',
		});
		expect(sandbox.calls('me').map((call) => call.query.appsecret_proof)).toEqual([undefined]);
	});
});

import { NodeApiError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject as CredentialData,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { systemClock } from './clock';
import type { Clock } from './clock';
import { classifyGraphError, regainAccessMinutes, usagePercent } from './classify';
import { graphPath, resolveCredential } from './connection';
import type { AuthenticationMethod, GraphConnection, GraphContext } from './connection';
import type { GraphErrorBody, GraphErrorDetails } from './errorKinds';
import { asNodeError, createGraphApiError, redactDetails } from './errors';
import { decideRetry, DEFAULT_RETRY_POLICY } from './retry';
import type { RequestClass, RetryPolicy } from './retry';
import { requestTimeouts } from './timeouts';
import { checkTokenExpiry, withAccessContext } from './tokenChecks';
import { createTokenSession } from './tokenSession';
import type { TokenSession } from './tokenSession';

export type GraphParams = Record<string, string | number | boolean | object | undefined>;

export interface GraphRequest {
	method: 'GET' | 'POST';
	/** Path segments after the version, e.g. [igUserId, 'media']; each one is validated. */
	path: string[];
	qs?: GraphParams;
	/** Sent form-encoded; objects and arrays are JSON-encoded as Meta expects. */
	body?: GraphParams;
	/** Defaults: GET → read, POST → create. */
	requestClass?: RequestClass;
	itemIndex?: number;
	/** What the caller knows that a failure must name, e.g. the container being read. */
	errorContext?: Partial<GraphErrorDetails>;
}

/** The one way nodes/Instagram talks to Meta: auth, hosts, retries and error mapping live here. */
export interface GraphClient {
	request<T>(request: GraphRequest): Promise<T>;
	connection(): Promise<GraphConnection>;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

const HIGH_USAGE_PERCENT = 80;

export function createGraphClient(
	ctx: GraphContext,
	authentication: AuthenticationMethod,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	clock: Clock = systemClock,
): GraphClient {
	let opened:
		| Promise<{ connection: GraphConnection; session: TokenSession; data: CredentialData }>
		| undefined;
	let expiryChecked: Promise<void> | undefined;
	let warnedAboutUsage = false;
	const open = async () =>
		(opened ??= resolveCredential(ctx, authentication).then(({ connection, data }) => ({
			connection,
			data,
			session: createTokenSession(ctx, connection, data, clock),
		})));
	const connection = async () => (await open()).connection;
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;

	async function send(conn: GraphConnection, request: GraphRequest): Promise<FullResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${conn.baseUrl}/${graphPath(request.path)}`,
			qs: encodeParams(request.qs),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: requestTimeouts.graphMs,
		};
		if (request.method === 'POST') {
			options.body = encodeParams(request.body);
			options.headers = { 'content-type': 'application/x-www-form-urlencoded' };
		}
		const { session } = await open();
		return await session.run(
			async (credentialOptions) =>
				(await ctx.helpers.httpRequestWithAuthentication.call(
					ctx,
					conn.credentialType,
					options,
					credentialOptions,
				)) as FullResponse,
		);
	}

	async function attempt(
		conn: GraphConnection,
		request: GraphRequest,
	): Promise<{ body?: unknown; failure?: GraphErrorDetails }> {
		try {
			const response = await send(conn, request);
			noteUsage(response.headers);
			if (response.statusCode >= 200 && response.statusCode < 300) {
				if (response.body && typeof response.body === 'object') return { body: response.body };
				// e.g. a proxy's HTML page with status 200: never hand that to an operation as data.
				return {
					failure: {
						kind: 'unknown',
						httpStatus: response.statusCode,
						metaMessage: 'The Graph API answered with something other than JSON',
					},
				};
			}
			const errorBody = (response.body as { error?: GraphErrorBody } | undefined)?.error;
			const details = classifyGraphError(
				response.statusCode,
				typeof errorBody === 'object' ? errorBody : undefined,
			);
			const regain = regainAccessMinutes(response.headers);
			return { failure: regain ? { ...details, regainAccessMinutes: regain } : details };
		} catch (error) {
			if (!signal?.aborted && isNetworkFailure(error)) {
				return {
					failure: {
						kind: 'transient',
						noResponse: true,
						metaMessage: 'No response from Meta (network error or timeout)',
					},
				};
			}
			// Anything else (cancellation, "OAuth credentials not connected", …) is not worth a retry.
			throw asNodeError(ctx.getNode(), error, request.itemIndex);
		}
	}

	function noteUsage(headers: Record<string, unknown>) {
		const percent = usagePercent(headers);
		if (percent === undefined || percent < HIGH_USAGE_PERCENT || warnedAboutUsage) return;
		warnedAboutUsage = true;
		ctx.logger.warn(
			`Instagram: Meta reports ${percent}% of the app's call budget used; calls may soon be throttled`,
		);
	}

	async function request<T>(request: GraphRequest): Promise<T> {
		const conn = await connection();
		const requestClass = request.requestClass ?? (request.method === 'GET' ? 'read' : 'create');
		const started = clock.now();
		for (let attemptNumber = 1; ; attemptNumber++) {
			const { body, failure } = await attempt(conn, request);
			if (!failure) {
				expiryChecked ??= checkExpiry(conn);
				await expiryChecked;
				return body as T;
			}
			const decision = decideRetry(
				{
					requestClass,
					kind: failure.kind,
					attempt: attemptNumber,
					elapsedMs: clock.now() - started,
					serverWaitMs: (failure.regainAccessMinutes ?? 0) * 60_000,
					random: Math.random(),
				},
				policy,
			);
			if (!decision.retry) {
				throw createGraphApiError(
					ctx.getNode(),
					withAccessContext(
						redactDetails({ ...failure, ...request.errorContext }, conn.secrets),
						conn,
						request.path,
					),
					request.itemIndex,
				);
			}
			ctx.logger.info(
				`Instagram: ${failure.kind} error on ${request.method} ${request.path[request.path.length - 1]}; retrying in ${decision.delayMs} ms`,
			);
			await clock.sleep(decision.delayMs, signal);
		}
	}

	async function checkExpiry(conn: GraphConnection): Promise<void> {
		const { data } = await open();
		await checkTokenExpiry(
			ctx,
			conn,
			data,
			async (inputToken) =>
				(
					await send(conn, {
						method: 'GET',
						path: ['debug_token'],
						qs: { input_token: inputToken },
					})
				).body,
			clock,
		);
	}

	return { request, connection };
}

/** Whether a thrown request error means "no HTTP response" (reset, refused, timeout, DNS). */
export function isNetworkFailure(error: unknown): boolean {
	const cause = error instanceof NodeApiError ? (error.cause as unknown) : error;
	if (!cause || typeof cause !== 'object') return false;
	const { code, isAxiosError, response } = cause as {
		code?: unknown;
		isAxiosError?: unknown;
		response?: unknown;
	};
	if (response) return false;
	return (
		isAxiosError === true || (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR\w*)$/.test(code))
	);
}

/** Pure: Graph expects form/query values as strings, with JSON-typed params JSON-encoded. */
export function encodeParams(params: GraphParams | undefined): Record<string, string> {
	const encoded: Record<string, string> = {};
	for (const [key, value] of Object.entries(params ?? {})) {
		if (value === undefined) continue;
		encoded[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return encoded;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// HTTP front: parses, records, applies faults and latency, answers with Graph headers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';

import { describeAuthorization, extractToken, identify } from './auth';
import { digestBody, parseBody, readBody, str, type Params } from './body';
import { Reply, type Core, type Ctx } from './context';
import { E, errorBody, GraphError } from './errors';
import { faultAction, FaultQueue, type FaultAction } from './faults';
import { parseFields } from './fields';
import { graphHeaders, newRecord, sleep, Usage, type Outcome } from './http-io';
import { IdFactory, seedAccounts, traceId } from './ids';
import { MediaFetcher } from './media-fetch';
import { classify, dispatch, parsePath } from './route';
import { SandboxState } from './state';
import { AccessRules } from './access';
import { seedBusinesses } from './businesses';
import { TokenLifetimes } from './tokens';
import type { Endpoint, RecordedRequest, SandboxOptions } from './types';

type ControlHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	rec: RecordedRequest,
	raw: Buffer,
) => Promise<void>;

const IG_ENDPOINTS: Endpoint[] = [
	'createContainer',
	'publish',
	'containerStatus',
	'media',
	'quota',
	'comment',
];

export class SandboxServer {
	readonly requests: RecordedRequest[] = [];
	readonly controlRequests: RecordedRequest[] = [];
	readonly faults = new FaultQueue();
	readonly core: Core;
	private readonly usage = new Usage();
	private readonly http: Server;
	private seq = 0;
	private inFlight = 0;
	private clockOffsetMs = 0;

	constructor(
		readonly options: SandboxOptions,
		private readonly control: ControlHandler,
	) {
		const clock = () => (options.now ?? Date.now)() + this.clockOffsetMs;
		const state = new SandboxState(options, new IdFactory());
		const fetcher = new MediaFetcher(options.mediaFetch ?? {}, clock);
		const tokenLifetimes = new TokenLifetimes(options, clock);
		const accounts = seedAccounts();
		this.core = {
			options,
			state,
			accounts,
			businesses: seedBusinesses(accounts),
			url: '',
			clock,
			fetcher,
			tokenLifetimes,
			access: new AccessRules(),
		};
		this.http = createServer((req, res) => {
			this.handle(req, res).catch((e: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(`sandbox internal error: ${String(e)}`);
			});
		});
	}

	async listen(port: number): Promise<string> {
		await new Promise<void>((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(port, '127.0.0.1', () => resolve());
		});
		const address = this.http.address();
		this.core.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
		return this.core.url;
	}

	async close(): Promise<void> {
		await this.core.fetcher.abortAll();
		this.http.closeAllConnections();
		await new Promise<void>((resolve) => this.http.close(() => resolve()));
	}

	advanceClock(ms: number): number {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('advanceMs must be a number ≥ 0');
		this.clockOffsetMs += ms;
		return this.core.clock();
	}

	reset(): void {
		this.core.tokenLifetimes.reset();
		this.core.access.reset();
		this.requests.length = 0;
		this.controlRequests.length = 0;
		this.faults.clear();
		void this.core.fetcher.abortAll();
		this.core.fetcher.clear();
		this.core.state.reset();
		this.usage.clear();
		this.seq = 0;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname.startsWith('/__sandbox/')) {
			const raw = await readBody(req);
			const rec = newRecord(++this.seq, this.core.clock(), req, url, 'control', {});
			this.controlRequests.push(rec);
			return this.control(req, res, rec, raw);
		}
		this.inFlight++;
		try {
			const isUpload = parsePath(url.pathname).upload;
			if (isUpload && this.faults.takeKind('upload', 'uploadInterrupted'))
				return await this.interruptUpload(req, url);
			// An upload body is hashed as it streams, never held in memory.
			const body = isUpload
				? { raw: Buffer.alloc(0), upload: await digestBody(req) }
				: { raw: await readBody(req) };
			await this.answer(req, res, url, body.raw, body.upload);
		} finally {
			this.inFlight--;
		}
	}

	/** `uploadInterrupted`: the upload host drops the connection once part of the body arrived. */
	private async interruptUpload(req: IncomingMessage, url: URL): Promise<void> {
		const rec = newRecord(++this.seq, this.core.clock(), req, url, 'upload', {});
		rec.fault = 'uploadInterrupted';
		rec.inFlight = this.inFlight;
		rec.containerId = parsePath(url.pathname).segments.at(-1);
		this.requests.push(rec);
		const expected = Number(req.headers['content-length'] ?? 0);
		// Leaving the loop below destroys the request stream, which detaches its socket.
		const socket = req.socket;
		let received = 0;
		for await (const chunk of req) {
			received += (chunk as Buffer).length;
			if (received * 2 >= expected) break;
		}
		rec.body = { bytes: received };
		socket.destroy();
	}

	private async answer(
		req: IncomingMessage,
		res: ServerResponse,
		url: URL,
		raw: Buffer,
		upload?: Ctx['upload'],
	): Promise<void> {
		const { ctx, rec, parseError } = this.prepare(req, url, raw, upload);
		const trace = traceId();
		const { target, identity, params, headers: reqHeaders } = ctx;
		const fileUrl = reqHeaders.file_url;
		const mediaUrl =
			target.endpoint === 'upload'
				? Array.isArray(fileUrl)
					? fileUrl[0]
					: fileUrl
				: (str(params, 'image_url') ?? str(params, 'video_url'));
		const fault = this.faults.take(target.endpoint, mediaUrl);
		const usageKey = target.accountId ?? identity.accounts[0] ?? this.core.accounts[0].id;
		const action = fault ? faultAction(fault, usageKey, mediaUrl, this.core.clock()) : undefined;
		rec.fault = fault?.kind;
		// A status read while the container's media is still being downloaded waits for the download,
		// so processing by status reads stays deterministic however long the download takes.
		if (target.endpoint === 'containerStatus')
			await this.core.fetcher.waitFor(
				target.containerId,
				this.options.mediaFetch?.statusWaitMs ?? 20_000,
			);
		const outcome = await this.outcome(ctx, action, parseError, trace);
		rec.accountId = target.accountId;
		rec.containerId = target.containerId;
		await sleep(this.options.latencyMs ?? 0);
		if (action?.type === 'slow') await sleep(action.ms);
		if (!outcome || action?.type === 'dropAfterCommit') {
			rec.response = outcome?.body;
			req.socket.destroy();
			return;
		}
		const appPct = this.usage.percent('app');
		const bucId = IG_ENDPOINTS.includes(target.endpoint) ? target.accountId : undefined;
		const buc = bucId ? { accountId: bucId, pct: this.usage.percent(bucId) } : undefined;
		const headers = { ...graphHeaders(trace, ctx.version, appPct, buc), ...outcome.headers };
		rec.status = outcome.status;
		rec.response = outcome.body;
		res.writeHead(outcome.status, headers);
		res.end(JSON.stringify(outcome.body));
	}

	private prepare(req: IncomingMessage, url: URL, raw: Buffer, upload?: Ctx['upload']) {
		const route = parsePath(url.pathname);
		let body: Params = {};
		let parseError: GraphError | undefined;
		try {
			body = upload ? { ...upload } : parseBody(raw, req.headers['content-type']);
		} catch (e) {
			parseError = e as GraphError;
		}
		const query = Object.fromEntries(url.searchParams);
		const ref = extractToken(req.headers.authorization, query, body);
		const now = this.core.clock();
		const identity =
			this.core.tokenLifetimes.identify(ref.raw, this.core.accounts, now) ??
			identify(ref, this.core.accounts);
		const method = req.method ?? 'GET';
		const target = classify(method, route, identity, this.core);
		const rec = newRecord(++this.seq, now, req, url, target.endpoint, body);
		rec.inFlight = this.inFlight;
		rec.authorization = describeAuthorization(ref, identity);
		rec.tokenKind = identity.kind;
		rec.tokenSerial = this.core.tokenLifetimes.find(ref.raw)?.serial;
		rec.tokenInUrl = ref.inUrl;
		this.requests.push(rec);
		const params: Params = { ...query, ...body };
		const fields = parseFields(typeof params.fields === 'string' ? params.fields : undefined);
		const ctx: Ctx = {
			...{ core: this.core, method, version: route.version, path: route.path, params, query },
			...{ fields, identity, token: ref.raw, authScheme: ref.scheme, target, now },
			...{ headers: req.headers, upload },
		};
		return { ctx, rec, parseError };
	}

	/** Another tool used the account's remaining publishes (they count in Meta's window, not in ours). */
	private fillQuota(ctx: Ctx): void {
		const accountId = ctx.target.accountId;
		if (!accountId) return;
		const { state, options } = this.core;
		const left = (options.quotaTotal ?? 100) - state.quotaUsage(accountId, ctx.now);
		if (left > 0) state.seedPublishes(accountId, left, ctx.now);
	}

	private async outcome(
		ctx: Ctx,
		action: FaultAction | undefined,
		parseError: GraphError | undefined,
		trace: string,
	): Promise<Outcome | undefined> {
		const fail = (e: GraphError): Outcome => ({
			status: e.status,
			body: errorBody(e, trace, ctx.identity.ig),
			headers: e.opts.headers,
		});
		if (action?.type === 'error') return fail(action.error);
		if (action?.type === 'dropBeforeCommit') return undefined;
		try {
			if (parseError) throw parseError;
			if (action?.type === 'fillQuota') this.fillQuota(ctx);
			const result = await dispatch(ctx);
			const outcome =
				result instanceof Reply
					? { status: result.status, body: result.body }
					: { status: 200, body: result };
			const made = ctx.core.state.containers.get(ctx.target.containerId ?? '');
			if (action?.type === 'processingError' && outcome.status === 200 && made)
				made.errorSubcode = action.subcode;
			if (action?.type === 'containerExpired' && outcome.status === 200 && made)
				made.forced = { code: 'EXPIRED' };
			return outcome;
		} catch (e) {
			return fail(e instanceof GraphError ? e : E.internal(e));
		}
	}
}

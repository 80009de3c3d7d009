import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { QuotaTracker } from '../../nodes/Instagram/ledger/quota';
import { LedgerStore } from '../../nodes/Instagram/ledger/store';
import type { RunContext } from '../../nodes/Instagram/publish/runContext';
import type { GraphConnection } from '../../nodes/Instagram/transport/connection';
import type { GraphErrorDetails } from '../../nodes/Instagram/transport/errorKinds';
import { createGraphApiError } from '../../nodes/Instagram/transport/errors';
import type { GraphClient, GraphRequest } from '../../nodes/Instagram/transport/graphClient';

const liveGraphs: ScriptedGraph[] = [];

// Every test that uses a scripted Graph fails if the code made a request the script did not allow,
// even when the code caught the resulting error (as a read-back does).
afterEach(() => {
	const violations = liveGraphs.flatMap((graph) => graph.violations);
	liveGraphs.length = 0;
	expect(violations).toEqual([]);
});

/** What a request is, in the words tests use. */
export type Endpoint =
	| 'create'
	| 'publish'
	| 'status'
	| 'quota'
	| 'comment'
	| 'permalink'
	| 'other';

export interface RecordedRequest extends GraphRequest {
	endpoint: Endpoint;
	/** Virtual time at which the request was sent. */
	at: number;
}

type Answer = { endpoint: Endpoint; reply?: unknown; fail?: GraphErrorDetails };

export const testNode: INode = {
	id: 'node-1',
	name: 'Instagram',
	type: 'n8n-nodes-instagram-publisher.instagram',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function endpointOf(request: GraphRequest): Endpoint {
	const [, second] = request.path;
	if (request.method === 'POST' && second === 'media') return 'create';
	if (request.method === 'POST' && second === 'media_publish') return 'publish';
	if (request.method === 'POST' && second === 'comments') return 'comment';
	if (second === 'content_publishing_limit') return 'quota';
	if (request.path.length === 1 && String(request.qs?.fields).includes('status_code'))
		return 'status';
	if (request.path.length === 1 && request.qs?.fields === 'permalink') return 'permalink';
	return 'other';
}

/**
 * A Graph client that replays a queued script of answers, in order, and records every request.
 * A request that does not match the next scripted endpoint, or comes when the script is empty,
 * fails the test: the script is the exact list of calls the code may make.
 */
export class ScriptedGraph implements GraphClient {
	readonly requests: RecordedRequest[] = [];
	/** Requests the script did not allow. Code under test may swallow the error; this list keeps it. */
	readonly violations: string[] = [];
	private readonly script: Answer[] = [];

	constructor(private readonly clock: { now(): number }) {
		liveGraphs.push(this);
	}

	/** Queues successful replies for the next calls to `endpoint`. */
	reply(endpoint: Endpoint, ...bodies: unknown[]): this {
		for (const reply of bodies) this.script.push({ endpoint, reply });
		return this;
	}

	/** Queues a failed call, classified as the transport would after its own retries. */
	fail(endpoint: Endpoint, details: GraphErrorDetails): this {
		this.script.push({ endpoint, fail: details });
		return this;
	}

	/** Queues container status reads, e.g. status('IN_PROGRESS', 'FINISHED'). */
	status(...codes: string[]): this {
		for (const code of codes) this.reply('status', { id: '1789', status_code: code });
		return this;
	}

	get pending(): number {
		return this.script.length;
	}

	calls(endpoint?: Endpoint): RecordedRequest[] {
		return endpoint
			? this.requests.filter((request) => request.endpoint === endpoint)
			: this.requests;
	}

	/** The endpoints called, in order, e.g. ['quota', 'create', 'publish']. */
	get sequence(): Endpoint[] {
		return this.requests.map((request) => request.endpoint);
	}

	async request<T>(request: GraphRequest): Promise<T> {
		const endpoint = endpointOf(request);
		this.requests.push({ ...request, endpoint, at: this.clock.now() });
		const next = this.script.shift();
		if (!next)
			throw new Error(
				`unscripted ${endpoint} request: ${request.method} ${request.path.join('/')}`,
			);
		if (next.endpoint !== endpoint) {
			throw new Error(
				`expected a ${next.endpoint} request, got ${endpoint}: ${request.path.join('/')}`,
			);
		}
		await Promise.resolve();
		if (next.fail) throw createGraphApiError(testNode, next.fail, request.itemIndex);
		return next.reply as T;
	}

	async connection(): Promise<GraphConnection> {
		return await Promise.resolve({
			credentialType: 'instagramApi',
			loginType: 'facebook',
			baseUrl: 'https://graph.facebook.com/v25.0',
			secrets: [],
		});
	}
}

/** Virtual time: `sleep` advances it at once and records the pause; cancellation via `abort()`. */
export class FakeClock {
	current = 1_700_000_000_000;
	readonly sleeps: number[] = [];
	readonly controller = new AbortController();

	now = (): number => this.current;

	sleep = async (ms: number): Promise<void> => {
		if (this.controller.signal.aborted) throw new Error('The execution was cancelled');
		this.sleeps.push(ms);
		this.current += ms;
		await Promise.resolve();
	};

	abort(): void {
		this.controller.abort();
	}
}

export interface FakeRun {
	run: RunContext;
	graph: ScriptedGraph;
	clock: FakeClock;
	/** Workflow static data as n8n would persist it: `global` and this node's `node`. */
	staticData: { global: IDataObject; node: IDataObject };
	progress: string[];
	hints: string[];
	/** `account:key` pairs in the fake deduplication store (survive where static data does not). */
	marks: Set<string>;
}

/** A RunContext over a scripted Graph, a fake clock and plain static data (no n8n, no HTTP). */
export function fakeRun(
	options: { executionId?: string; staticData?: FakeRun['staticData']; marks?: Set<string> } = {},
): FakeRun {
	const clock = new FakeClock();
	const graph = new ScriptedGraph(clock);
	const staticData = options.staticData ?? { global: {}, node: {} };
	const progress: string[] = [];
	const hints: string[] = [];
	const marks = options.marks ?? new Set<string>();
	const ctx = {
		getNode: () => testNode,
		getExecutionId: () => options.executionId ?? 'exec-1',
	} as unknown as IExecuteFunctions;
	const base = {
		ctx,
		client: graph,
		ledger: new LedgerStore(staticData.global, staticData.node),
		marks: {
			wasPublished: async (accountId: string, key: string) => marks.has(`${accountId}:${key}`),
			markPublished: async (accountId: string, key: string) => {
				marks.add(`${accountId}:${key}`);
			},
		},
		now: clock.now,
		progress: (message: string) => progress.push(message),
	};
	const run: RunContext = {
		...base,
		quota: new QuotaTracker(base),
		signal: clock.controller.signal,
		sleep: clock.sleep,
		hint: (message: string) => hints.push(message),
	};
	return { run, graph, clock, staticData, progress, hints, marks };
}

/** Graph error details as the transport classifies them, for scripting failures. */
export const failures = {
	notReady: (): GraphErrorDetails => ({
		kind: 'notReady',
		code: 9007,
		subcode: 2207027,
		httpStatus: 400,
	}),
	lostReply: (): GraphErrorDetails => ({ kind: 'transient', noResponse: true }),
	serverError: (): GraphErrorDetails => ({ kind: 'transient', code: 2, httpStatus: 500 }),
	rateLimit: (regainAccessMinutes?: number): GraphErrorDetails => ({
		kind: 'rateLimit',
		code: 80002,
		httpStatus: 400,
		...(regainAccessMinutes ? { regainAccessMinutes } : {}),
	}),
	auth: (): GraphErrorDetails => ({ kind: 'auth', code: 190, httpStatus: 400 }),
	quota: (): GraphErrorDetails => ({ kind: 'quota', code: 9, subcode: 2207042, httpStatus: 400 }),
	expired: (): GraphErrorDetails => ({
		kind: 'expired',
		code: 24,
		subcode: 2207008,
		httpStatus: 400,
	}),
	invalidRequest: (): GraphErrorDetails => ({ kind: 'invalidRequest', code: 100, httpStatus: 400 }),
	invalidMedia: (): GraphErrorDetails => ({
		kind: 'invalidMedia',
		code: 9004,
		subcode: 2207052,
		httpStatus: 400,
	}),
	unknown: (): GraphErrorDetails => ({ kind: 'unknown', httpStatus: 418 }),
};

// Switchable faults: a FIFO queue consumed by matching Graph requests.
import type { GraphError } from './errors';
import { checkExtraFault, EXTRA_KINDS, extraFaultAction, rateLimitError } from './fault-kinds';
import type { ExtraFaultAction } from './fault-kinds';
import { E } from './errors';
import { PE } from './publish-errors';
import type { Endpoint, FaultKind, FaultSpec } from './types';

const KINDS: FaultKind[] = [
	'http500',
	'dropAfterCommit',
	'dropBeforeCommit',
	'rateLimit',
	'mediaFetchFailure',
	'processingError',
	'notReady',
	...EXTRA_KINDS,
];
const ENDPOINTS: Array<Endpoint | 'any'> = [
	'any',
	'createContainer',
	'publish',
	'containerStatus',
	'media',
	'quota',
	'comment',
	'me',
	'accounts',
	'upload',
	'unknown',
];
/** Endpoints that make a container whose processing a `processingError` can fail. */
const PROCESSING_ENDPOINTS: Array<Endpoint | 'any'> = ['createContainer', 'upload'];

interface QueuedFault {
	endpoint: Endpoint | 'any';
	kind: FaultKind;
	remaining: number;
	url?: string;
	regainMinutes: number;
	subcode?: number;
	code?: number;
	delayMs?: number;
}

export type FaultAction =
	| ExtraFaultAction
	| { type: 'error'; error: GraphError }
	| { type: 'processingError'; subcode: number }
	| { type: 'dropBeforeCommit' }
	| { type: 'dropAfterCommit' };

export class FaultQueue {
	private queue: QueuedFault[] = [];

	/** Validates and queues a fault; throws on an unknown kind or endpoint or a bad option. */
	add(f: FaultSpec): void {
		if (!f || !KINDS.includes(f.kind)) throw new Error(`Unknown fault kind: ${String(f?.kind)}`);
		if (!ENDPOINTS.includes(f.endpoint))
			throw new Error(`Unknown fault endpoint: ${String(f.endpoint)}`);
		const times = f.times ?? 1;
		if (!Number.isInteger(times) || times < 1)
			throw new Error('Fault times must be a positive integer');
		if (f.url !== undefined && typeof f.url !== 'string')
			throw new Error('Fault url must be a string');
		if (f.kind === 'processingError') {
			if (!PROCESSING_ENDPOINTS.includes(f.endpoint))
				throw new Error('processingError applies to createContainer or upload only');
			if (!Number.isInteger(f.subcode)) throw new Error('processingError needs an integer subcode');
		}
		checkExtraFault(f);
		this.queue.push({
			endpoint: f.endpoint,
			kind: f.kind,
			remaining: times,
			url: f.url,
			regainMinutes: f.regainMinutes ?? 0,
			subcode: f.subcode,
			code: f.code,
			delayMs: f.delayMs,
		});
	}

	/** Consumes one use of the first fault matching the endpoint (and the media URL, if it names one). */
	take(endpoint: Endpoint, url: string | undefined): QueuedFault | undefined {
		const i = this.queue.findIndex(
			(f) =>
				(f.endpoint === 'any' || f.endpoint === endpoint) && (f.url === undefined || f.url === url),
		);
		if (i < 0) return undefined;
		const f = this.queue[i];
		f.remaining -= 1;
		if (f.remaining === 0) this.queue.splice(i, 1);
		return { ...f };
	}

	/** Consumes one use of the first fault of this kind for the endpoint, if there is one. */
	takeKind(endpoint: Endpoint, kind: FaultKind): boolean {
		const i = this.queue.findIndex(
			(f) => f.kind === kind && (f.endpoint === 'any' || f.endpoint === endpoint),
		);
		if (i < 0) return false;
		this.queue[i].remaining -= 1;
		if (this.queue[i].remaining === 0) this.queue.splice(i, 1);
		return true;
	}

	pending(): FaultSpec[] {
		return this.queue.map(({ remaining, ...f }) => ({ ...f, times: remaining }));
	}

	clear(): void {
		this.queue = [];
	}
}

/** What a fault does; `usageKey` is the IG user id used for the BUC header. */
export function faultAction(
	f: QueuedFault,
	usageKey: string,
	url: string | undefined,
	now: number,
): FaultAction {
	switch (f.kind) {
		case 'dropAfterCommit':
		case 'dropBeforeCommit':
			return { type: f.kind };
		case 'http500':
			return { type: 'error', error: E.server() };
		case 'rateLimit': {
			const error = rateLimitError(f.code);
			const usage = { type: 'instagram', call_count: 100, total_cputime: 12, total_time: 31 };
			const entry = { ...usage, estimated_time_to_regain_access: f.regainMinutes };
			error.opts.headers = { 'X-Business-Use-Case-Usage': JSON.stringify({ [usageKey]: [entry] }) };
			return { type: 'error', error };
		}
		case 'mediaFetchFailure':
			return {
				type: 'error',
				error: PE.fetchFailed(url ?? 'https://cdn.example.com/sandbox-fault.jpg'),
			};
		case 'processingError':
			return { type: 'processingError', subcode: f.subcode as number };
		case 'notReady':
			return { type: 'error', error: PE.notReady() };
		default:
			return extraFaultAction(f, now) ?? { type: 'error', error: E.server() };
	}
}

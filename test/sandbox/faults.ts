// Switchable faults: a FIFO queue consumed by matching Graph requests.
import { E, GraphError } from './errors';
import { PE } from './publish-errors';
import type { Endpoint, FaultKind, FaultSpec } from './types';

const KINDS: FaultKind[] = [
	'http500',
	'http503Html',
	'dropAfterCommit',
	'dropBeforeCommit',
	'rateLimit',
	'appRateLimit',
	'mediaFetchFailure',
	'tokenExpired',
	'transientCreate',
	'notReady',
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
	'igUser',
	'upload',
	'unknown',
];

interface QueuedFault {
	endpoint: Endpoint | 'any';
	kind: FaultKind;
	remaining: number;
	regainMinutes: number;
}

export type FaultAction =
	| { type: 'error'; error: GraphError }
	| { type: 'html'; status: number; html: string }
	| { type: 'dropBeforeCommit' }
	| { type: 'dropAfterCommit' };

export class FaultQueue {
	private queue: QueuedFault[] = [];

	/** Validates and queues a fault; throws on an unknown kind or endpoint. */
	add(f: FaultSpec): void {
		if (!f || !KINDS.includes(f.kind)) throw new Error(`Unknown fault kind: ${String(f?.kind)}`);
		if (!ENDPOINTS.includes(f.endpoint))
			throw new Error(`Unknown fault endpoint: ${String(f.endpoint)}`);
		const times = f.times ?? 1;
		if (!Number.isInteger(times) || times < 1)
			throw new Error('Fault times must be a positive integer');
		this.queue.push({
			endpoint: f.endpoint,
			kind: f.kind,
			remaining: times,
			regainMinutes: f.regainMinutes ?? 0,
		});
	}

	/** Consumes one use of the first fault matching the endpoint. */
	take(endpoint: Endpoint): QueuedFault | undefined {
		const i = this.queue.findIndex((f) => f.endpoint === 'any' || f.endpoint === endpoint);
		if (i < 0) return undefined;
		const f = this.queue[i];
		f.remaining -= 1;
		if (f.remaining === 0) this.queue.splice(i, 1);
		return { ...f };
	}

	pending(): FaultSpec[] {
		return this.queue.map((f) => ({
			endpoint: f.endpoint,
			kind: f.kind,
			times: f.remaining,
			regainMinutes: f.regainMinutes,
		}));
	}

	clear(): void {
		this.queue = [];
	}
}

const HTML_503 =
	'<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>' +
	'<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p></body></html>\n';

/** What a fault does; `usageKey` is the IG user id used for the BUC header. */
export function faultAction(
	f: QueuedFault,
	usageKey: string,
	now: number,
	uri?: string,
): FaultAction {
	switch (f.kind) {
		case 'dropAfterCommit':
		case 'dropBeforeCommit':
			return { type: f.kind };
		case 'http503Html':
			return { type: 'html', status: 503, html: HTML_503 };
		case 'http500':
			return { type: 'error', error: E.server() };
		case 'rateLimit': {
			const error = E.rateLimit();
			const usage = { type: 'instagram', call_count: 100, total_cputime: 12, total_time: 31 };
			const entry = { ...usage, estimated_time_to_regain_access: f.regainMinutes };
			error.opts.headers = { 'X-Business-Use-Case-Usage': JSON.stringify({ [usageKey]: [entry] }) };
			return { type: 'error', error };
		}
		case 'appRateLimit': {
			const error = E.appRateLimit();
			error.opts.headers = {
				'X-App-Usage': JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 58 }),
			};
			return { type: 'error', error };
		}
		case 'mediaFetchFailure':
			return {
				type: 'error',
				error: PE.fetchFailed(uri ?? 'https://cdn.example.com/sandbox-fault.jpg'),
			};
		case 'tokenExpired':
			return { type: 'error', error: E.expiredToken(now) };
		case 'transientCreate':
			return { type: 'error', error: PE.transientCreate() };
		default:
			return { type: 'error', error: PE.notReady() };
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Request records and Graph response headers (reference §6.2, §9.16–17).
import type { IncomingMessage } from 'http';

import type { Params } from './body';
import type { Endpoint, RecordedRequest } from './types';

export interface Outcome {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Never keep a raw token in the log. */
export function redact(p: Params): Params {
	const copy = { ...p };
	for (const key of ['access_token', 'input_token'])
		if (copy[key] !== undefined) copy[key] = '[redacted]';
	return copy;
}

export function newRecord(
	seq: number,
	at: number,
	req: IncomingMessage,
	url: URL,
	endpoint: Endpoint,
	body: Params,
): RecordedRequest {
	const headers: Record<string, string> = {};
	for (const [k, v] of Object.entries(req.headers)) {
		if (k !== 'authorization' && v !== undefined) headers[k] = String(v);
	}
	const query = redact(Object.fromEntries(url.searchParams)) as Record<string, string>;
	const method = req.method ?? 'GET';
	const rest = {
		query,
		body: redact(body),
		headers,
		tokenInUrl: false,
		inFlight: 0,
		status: 0,
		response: undefined,
	};
	return { seq, at, method, path: url.pathname, endpoint, ...rest };
}

/** Usage percentages for `X-App-Usage` / `X-Business-Use-Case-Usage` (1% per 10 calls). */
export class Usage {
	private counts = new Map<string, number>();

	percent(key: string): number {
		const n = (this.counts.get(key) ?? 0) + 1;
		this.counts.set(key, n);
		return Math.min(99, Math.ceil(n / 10));
	}

	clear(): void {
		this.counts.clear();
	}
}

const usageObject = (pct: number) => ({
	call_count: pct,
	total_cputime: Math.ceil(pct / 2),
	total_time: pct,
});

export function graphHeaders(
	trace: string,
	version: string,
	appPct: number,
	buc?: { accountId: string; pct: number },
): Record<string, string> {
	const headers: Record<string, string> = {
		'Content-Type': 'application/json; charset=UTF-8',
		'x-fb-trace-id': trace,
		'x-fb-rev': '1019283746',
		'facebook-api-version': version,
		'Cache-Control': 'private, no-cache, no-store, must-revalidate',
		'X-App-Usage': JSON.stringify(usageObject(appPct)),
	};
	if (buc) {
		const entry = {
			type: 'instagram',
			...usageObject(buc.pct),
			estimated_time_to_regain_access: 0,
		};
		headers['X-Business-Use-Case-Usage'] = JSON.stringify({ [buc.accountId]: [entry] });
	}
	return headers;
}

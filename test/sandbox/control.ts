/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// `/__sandbox/*` control endpoints (not Graph calls; logged under endpoint `control`).
import type { IncomingMessage, ServerResponse } from 'http';

import { galleryFeed, newsFeed } from './feeds';
import type { SandboxServer } from './server';
import { statusText } from './model';
import type { Endpoint, FaultSpec, RecordedRequest, Sandbox } from './types';

/** Containers (with their current status and `fetched` media), media, publish windows, media downloads. */
export function snapshot(server: SandboxServer): unknown {
	const { state, clock, accounts } = server.core;
	const now = clock();
	const containers = [...state.containers.values()].map((c) => {
		const s = state.status(c, now);
		return { ...c, status_code: s.code, status: statusText(s) };
	});
	const publishes = Object.fromEntries(
		accounts.map((a) => [
			a.id,
			{ timestamps: state.publishes.get(a.id) ?? [], quota_usage: state.quotaUsage(a.id, now) },
		]),
	);
	return {
		now,
		containers,
		media: [...state.media.values()],
		publishes,
		fetches: server.core.fetcher.records,
		faults: server.faults.pending(),
	};
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function handleControl(
	sandbox: Sandbox,
	server: SandboxServer,
	req: IncomingMessage,
	res: ServerResponse,
	rec: RecordedRequest,
	raw: Buffer,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const route = `${req.method ?? 'GET'} ${url.pathname.replace(/^\/__sandbox/, '')}`;
	const reply = (status: number, body: unknown, type = 'application/json; charset=UTF-8') => {
		rec.status = status;
		rec.response = body;
		res.writeHead(status, { 'Content-Type': type });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
	let input: Record<string, unknown> = {};
	try {
		input = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
	} catch {
		return reply(400, { error: 'control endpoints take a JSON body' });
	}
	rec.body = input;
	try {
		switch (route) {
			case 'GET /requests': {
				const endpoint = url.searchParams.get('endpoint') as Endpoint | null;
				return reply(200, { requests: sandbox.calls(endpoint ?? undefined) });
			}
			case 'POST /reset':
				sandbox.reset();
				return reply(200, { ok: true });
			case 'POST /faults': {
				const list = (Array.isArray(input) ? input : [input]) as FaultSpec[];
				list.forEach((f) => sandbox.fault(f));
				return reply(200, { ok: true, faults: server.faults.pending() });
			}
			case 'POST /clock':
				return reply(200, { now: sandbox.advanceClock(Number(input.advanceMs ?? 0)) });
			case 'GET /clock':
				return reply(200, { now: sandbox.now() });
			case 'GET /state':
				return reply(200, snapshot(server));
			case 'GET /feeds/news.xml':
			case 'GET /feeds/gallery.xml': {
				await sleep(server.options.latencyMs ?? 0);
				const xml = route.endsWith('news.xml') ? newsFeed(sandbox.url) : galleryFeed(sandbox.url);
				return reply(200, xml, 'application/rss+xml; charset=UTF-8');
			}
			default:
				return reply(404, { error: `unknown control endpoint ${route}` });
		}
	} catch (e) {
		return reply(400, { error: e instanceof Error ? e.message : String(e) });
	}
}

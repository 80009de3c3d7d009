/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// Shared request context of the Graph handlers.
import type { IncomingHttpHeaders } from 'http';

import type { Identity } from './auth';
import type { Params } from './body';
import type { FieldSpec } from './fields';
import type { MediaFetcher } from './media-fetch';
import type { SandboxState } from './state';
import type { AccessRules } from './access';
import type { Business } from './businesses';
import type { TokenLifetimes } from './tokens';
import type { Endpoint, SandboxAccount, SandboxOptions } from './types';

export interface Core {
	options: SandboxOptions;
	state: SandboxState;
	accounts: SandboxAccount[];
	url: string;
	clock: () => number;
	fetcher: MediaFetcher;
	tokenLifetimes: TokenLifetimes;
	access: AccessRules;
	businesses: Business[];
}

export type NodeKind = 'igUser' | 'container' | 'media' | 'page' | 'fbUser' | 'unknown';

export const NODE_TYPE: Record<NodeKind, string> = {
	igUser: 'IGUser',
	container: 'ShadowIGMediaBuilder',
	media: 'ShadowIGMedia',
	page: 'Page',
	fbUser: 'User',
	unknown: 'Unknown',
};

export interface Target {
	endpoint: Endpoint;
	node: NodeKind;
	/** Path id as sent (`me`, an IG user id, a container id, …). */
	id: string;
	edge?: string;
	accountId?: string;
	containerId?: string;
	pageId?: string;
}

export interface Ctx {
	core: Core;
	method: string;
	version: string;
	path: string;
	params: Params;
	query: Record<string, string>;
	fields?: FieldSpec[];
	identity: Identity;
	token?: string;
	/** `Authorization` scheme as sent (`Bearer`, `OAuth`, …), when that header was present. */
	authScheme?: string;
	target: Target;
	now: number;
	headers: IncomingHttpHeaders;
	/** Resumable upload: size and hex SHA-256 of the streamed body (it is never buffered). */
	upload?: { bytes: number; sha256: string };
}

/** A handler result with a non-200 status or a non-Graph body. */
export class Reply {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {}
}

export function accountById(core: Core, id: string | undefined): SandboxAccount {
	const a = core.accounts.find((x) => x.id === id);
	if (!a) throw new Error(`No sandbox account ${String(id)}`);
	return a;
}

/** Cursor paging envelope (`next` only when more items follow). */
export function paginate<T>(
	ctx: Ctx,
	items: T[],
	key: (item: T) => string,
): { data: T[]; paging?: unknown } {
	const limit = Math.max(1, Number(ctx.query.limit ?? ctx.params.limit) || 25);
	const after = ctx.query.after
		? Buffer.from(ctx.query.after, 'base64').toString('utf8')
		: undefined;
	const start = after === undefined ? 0 : items.findIndex((i) => key(i) === after) + 1;
	const data = items.slice(start, start + limit);
	if (data.length === 0) return { data };
	const cursor = (i: T) => Buffer.from(key(i), 'utf8').toString('base64');
	const paging: Record<string, unknown> = {
		cursors: { before: cursor(data[0]), after: cursor(data[data.length - 1]) },
	};
	if (start + limit < items.length) {
		const q = new URLSearchParams(ctx.query);
		q.set('limit', String(limit));
		q.set('after', cursor(data[data.length - 1]));
		paging.next = `${ctx.core.url}/${ctx.version}${ctx.path}?${q.toString()}`;
	}
	return { data, paging };
}

// Path parsing, endpoint classification, auth gate and dispatch of Graph calls.
import { checkProof, requireValidToken, type Identity } from './auth';
import { classifyBusiness, readBusinesses } from './businesses';
import { NODE_TYPE, type Core, type Ctx, type NodeKind, type Target } from './context';
import { E } from './errors';
import { readAccounts, readContainer, readMe, readMedia } from './reads';
import type { Endpoint } from './types';
import { comment, createContainer, publish, readQuota, upload } from './writes';

export interface Route {
	version: string;
	segments: string[];
	upload: boolean;
	/** Path without the version prefix, e.g. `/me/accounts`. */
	path: string;
}

export function parsePath(pathname: string): Route {
	let segs = pathname.split('/').filter((s) => s !== '');
	try {
		segs = segs.map((s) => decodeURIComponent(s));
	} catch {
		// keep raw segments
	}
	const upload = segs[0] === 'ig-api-upload';
	if (upload) segs = segs.slice(1);
	let version = 'v25.0';
	if (segs[0] !== undefined && /^v\d+\.\d+$/.test(segs[0])) {
		version = segs[0];
		segs = segs.slice(1);
	}
	return { version, segments: segs, upload, path: '/' + segs.join('/') };
}

function resolveNode(id: string, identity: Identity, core: Core): Omit<Target, 'endpoint'> {
	const { state, accounts } = core;
	if (id === 'me') {
		if (identity.kind === 'instagram' || (identity.kind === 'expired' && identity.ig)) {
			return { node: 'igUser', id, accountId: accounts[0].id };
		}
		if (identity.kind === 'page') return { node: 'page', id, pageId: identity.pageId };
		return { node: 'fbUser', id };
	}
	const byId = accounts.find((a) => a.id === id || (identity.ig && a.appScopedId === id));
	if (byId) return { node: 'igUser', id, accountId: byId.id };
	const c = state.containers.get(id);
	if (c) return { node: 'container', id, accountId: c.accountId, containerId: id };
	const m = state.media.get(id);
	if (m) return { node: 'media', id, accountId: m.accountId };
	return { node: 'unknown', id };
}

const ROUTES: Record<string, Endpoint> = {
	'container GET': 'containerStatus',
	'media GET': 'media',
	'fbUser GET accounts': 'accounts',
	'igUser POST media': 'createContainer',
	'igUser POST media_publish': 'publish',
	'igUser GET content_publishing_limit': 'quota',
	'media POST comments': 'comment',
};

export function classify(method: string, route: Route, identity: Identity, core: Core): Target {
	const [id = '', edge, ...rest] = route.segments;
	if (route.upload) {
		const c = core.state.containers.get(id);
		return { endpoint: 'upload', node: 'container', id, accountId: c?.accountId, containerId: id };
	}
	if (id === 'refresh_access_token' && edge === undefined)
		return { endpoint: 'refreshToken', node: 'unknown', id };
	if (id === 'debug_token' && edge === undefined)
		return { endpoint: 'debugToken', node: 'unknown', id };
	const business = classifyBusiness(core.businesses, id, edge, rest);
	if (business) return business;
	const node = resolveNode(id, identity, core);
	const key = [node.node, method, edge].filter((x) => x !== undefined).join(' ');
	let endpoint: Endpoint = rest.length === 0 ? (ROUTES[key] ?? 'unknown') : 'unknown';
	if (id === 'me' && edge === undefined && method === 'GET') endpoint = 'me';
	return { ...node, edge, endpoint };
}

function assertAccess(ctx: Ctx): void {
	const { target: t, identity } = ctx;
	const denied = () => E.unsupported(ctx.method, t.id);
	if (t.node === 'fbUser' && identity.kind !== 'facebook') throw denied();
	if (t.node === 'page' && identity.kind !== 'facebook' && identity.pageId !== t.pageId)
		throw denied();
	if (t.accountId !== undefined && !identity.accounts.includes(t.accountId)) throw denied();
}

function unknownEndpoint(ctx: Ctx): Error {
	const t = ctx.target;
	const kind: NodeKind = t.node;
	if (kind !== 'unknown' && t.edge !== undefined && ctx.method === 'GET')
		return E.nonexistingField(t.edge, NODE_TYPE[kind]);
	return E.unsupported(ctx.method, t.id || '/');
}

export async function dispatch(ctx: Ctx): Promise<unknown> {
	if (ctx.target.endpoint === 'upload') return upload(ctx);
	if (ctx.target.endpoint === 'refreshToken') return ctx.core.tokenLifetimes.refresh(ctx);
	requireValidToken(ctx.identity, ctx.now);
	checkProof(ctx.core.options, ctx.token, ctx.params);
	if (ctx.target.endpoint === 'debugToken')
		return ctx.core.tokenLifetimes.debugToken(ctx, ctx.core.accounts);
	if (ctx.target.endpoint === 'businesses' || ctx.target.endpoint === 'businessPages')
		return readBusinesses(ctx, ctx.core.businesses);
	if (ctx.target.node === 'unknown') throw E.unsupported(ctx.method, ctx.target.id || '/');
	assertAccess(ctx);
	ctx.core.access.check(ctx);
	switch (ctx.target.endpoint) {
		case 'createContainer':
			return await createContainer(ctx);
		case 'publish':
			return publish(ctx);
		case 'quota':
			return readQuota(ctx);
		case 'comment':
			return comment(ctx);
		case 'containerStatus':
			return readContainer(ctx);
		case 'media':
			return readMedia(ctx);
		case 'accounts':
			return readAccounts(ctx);
		case 'me':
			return readMe(ctx);
		default:
			throw unknownEndpoint(ctx);
	}
}

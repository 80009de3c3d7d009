// GET handlers: me, Pages, containers and media (reference §3, §4.8, §5).
import { accountById, NODE_TYPE, paginate, type Ctx } from './context';
import { project, type FieldGetter, type FieldSpec } from './fields';
import { FB_USER, graphTimestamp } from './ids';
import { statusText, type Media } from './model';
import type { SandboxAccount } from './types';

function igUserGetters(a: SandboxAccount, viaMe: boolean): Record<string, FieldGetter> {
	return {
		id: () => (viaMe ? a.appScopedId : a.id),
		user_id: () => a.id,
		username: () => a.username,
		name: () => a.name,
	};
}

function pageGetters(ctx: Ctx, a: SandboxAccount): Record<string, FieldGetter> {
	return {
		id: () => a.pageId,
		name: () => a.pageName,
		access_token: () => (ctx.identity.kind === 'facebook' ? a.pageToken : undefined),
		instagram_business_account: (sub: FieldSpec[] | undefined) =>
			project(sub, igUserGetters(a, false), NODE_TYPE.igUser),
	};
}

/** `GET /me`: the IG user (Instagram Login), the Page (Page token) or the Facebook user. */
export function readMe(ctx: Ctx): unknown {
	const t = ctx.target;
	if (t.node === 'igUser') {
		const getters = igUserGetters(accountById(ctx.core, t.accountId), true);
		return project(ctx.fields, getters, NODE_TYPE.igUser);
	}
	const page = t.node === 'page' && ctx.core.accounts.find((x) => x.pageId === t.pageId);
	if (page) return project(ctx.fields, pageGetters(ctx, page), NODE_TYPE.page, ['name', 'id']);
	const getters = { id: () => FB_USER.id, name: () => FB_USER.name };
	return project(ctx.fields, getters, NODE_TYPE.fbUser, ['name', 'id']);
}

/** `GET /me/accounts` (paged). */
export function readAccounts(ctx: Ctx): unknown {
	const pages = ctx.core.accounts.map((a) =>
		project(ctx.fields, pageGetters(ctx, a), NODE_TYPE.page, ['access_token', 'name', 'id']),
	);
	return paginate(ctx, pages, (p) => String(p.id));
}

export function readContainer(ctx: Ctx): unknown {
	const c = ctx.core.state.containers.get(ctx.target.id);
	if (!c) return {};
	const wantsStatus = (ctx.fields ?? []).some(
		(f) => f.name === 'status_code' || f.name === 'status',
	);
	const s = ctx.core.state.status(c, ctx.now, wantsStatus);
	return project(
		ctx.fields,
		{
			status_code: () => s.code,
			status: () => statusText(s),
			id: () => c.id,
		},
		NODE_TYPE.container,
	);
}

/** `GET /{media-id}`. */
export function readMedia(ctx: Ctx): unknown {
	const m = ctx.core.state.media.get(ctx.target.id) as Media;
	const a = accountById(ctx.core, m.accountId);
	const permalink =
		m.productType === 'STORY'
			? `https://www.instagram.com/stories/${a.username}/${m.id}/`
			: `https://www.instagram.com/${m.productType === 'REELS' ? 'reel' : 'p'}/${m.shortcode}/`;
	const getters: Record<string, FieldGetter> = {
		id: () => m.id,
		media_type: () => m.mediaType,
		media_product_type: () => m.productType,
		permalink: () => (m.isChild ? undefined : permalink),
		shortcode: () => m.shortcode,
		timestamp: () => graphTimestamp(m.createdAt),
		caption: () => m.caption,
		username: () => a.username,
		comments_count: () => m.comments.length,
	};
	return project(ctx.fields, getters, NODE_TYPE.media);
}

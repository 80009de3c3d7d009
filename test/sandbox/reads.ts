// GET handlers: me, Pages, IG users, containers and media (reference §3, §4.8, §5).
import { accountById, NODE_TYPE, paginate, type Ctx } from './context';
import { project, type FieldGetter, type FieldSpec } from './fields';
import { FB_USER, graphTimestamp } from './ids';
import { statusText, type Media } from './model';
import type { SandboxAccount } from './types';

function igUserGetters(ctx: Ctx, a: SandboxAccount, viaMe: boolean): Record<string, FieldGetter> {
	const count = ctx.core.state.listMedia(a.id).length;
	return {
		id: () => (viaMe ? a.appScopedId : a.id),
		user_id: () => a.id,
		ig_id: () => Number(a.id.slice(-10)),
		username: () => a.username,
		name: () => a.name,
		account_type: () => 'Business',
		profile_picture_url: () => `https://scontent.cdninstagram.com/sandbox/${a.username}.jpg`,
		followers_count: () => 1280,
		follows_count: () => 42,
		media_count: () => count,
		biography: () => 'Sandbox account for local tests.',
		website: () => 'https://example.com/',
	};
}

function igAccountRef(ctx: Ctx, a: SandboxAccount, sub: FieldSpec[] | undefined) {
	return project(sub, igUserGetters(ctx, a, false), NODE_TYPE.igUser);
}

function pageGetters(ctx: Ctx, a: SandboxAccount): Record<string, FieldGetter> {
	return {
		id: () => a.pageId,
		name: () => a.pageName,
		access_token: () => (ctx.identity.kind === 'facebook' ? a.pageToken : undefined),
		category: () => 'Brand',
		category_list: () => [{ id: '1605186416478696', name: 'Brand' }],
		tasks: () => ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
		instagram_business_account: (sub) => igAccountRef(ctx, a, sub),
		connected_instagram_account: (sub) => igAccountRef(ctx, a, sub),
	};
}

const PAGE_DEFAULTS = ['access_token', 'category', 'category_list', 'name', 'id', 'tasks'];

export function readMe(ctx: Ctx): unknown {
	const t = ctx.target;
	if (t.node === 'igUser') {
		return project(
			ctx.fields,
			igUserGetters(ctx, accountById(ctx.core, t.accountId), true),
			NODE_TYPE.igUser,
		);
	}
	if (t.node === 'page') {
		const a = ctx.core.accounts.find((x) => x.pageId === t.pageId);
		if (a) return project(ctx.fields, pageGetters(ctx, a), NODE_TYPE.page, ['name', 'id']);
	}
	const getters = { id: () => FB_USER.id, name: () => FB_USER.name };
	return project(ctx.fields, getters, NODE_TYPE.fbUser, ['name', 'id']);
}

/** `GET /me/accounts` (paged) and `GET /{page-id}`. */
export function readAccounts(ctx: Ctx): unknown {
	const t = ctx.target;
	if (t.node === 'page') {
		const a = ctx.core.accounts.find((x) => x.pageId === t.pageId);
		if (a) return project(ctx.fields, pageGetters(ctx, a), NODE_TYPE.page, ['name', 'id']);
	}
	const pages = ctx.core.accounts.map((a) =>
		project(ctx.fields, pageGetters(ctx, a), NODE_TYPE.page, PAGE_DEFAULTS),
	);
	return paginate(ctx, pages, (p) => String(p.id));
}

export function readIgUser(ctx: Ctx): unknown {
	return project(
		ctx.fields,
		igUserGetters(ctx, accountById(ctx.core, ctx.target.accountId), false),
		NODE_TYPE.igUser,
	);
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
			copyright_check_status: () => ({
				status: s.code === 'IN_PROGRESS' ? 'in_progress' : 'completed',
				matches_found: false,
			}),
			id: () => c.id,
		},
		NODE_TYPE.container,
	);
}

function mediaGetters(ctx: Ctx, m: Media): Record<string, FieldGetter> {
	const a = accountById(ctx.core, m.accountId);
	const c = ctx.core.state.containers.get(m.containerId);
	const permalink =
		m.productType === 'STORY'
			? `https://www.instagram.com/stories/${a.username}/${m.id}/`
			: `https://www.instagram.com/${m.productType === 'REELS' ? 'reel' : 'p'}/${m.shortcode}/`;
	const share = c?.params.share_to_feed;
	return {
		id: () => m.id,
		media_type: () => m.mediaType,
		media_product_type: () => m.productType,
		permalink: () => (m.isChild ? undefined : permalink),
		shortcode: () => m.shortcode,
		timestamp: () => graphTimestamp(m.createdAt),
		caption: () => m.caption,
		username: () => a.username,
		owner: (sub) => project(sub, { id: () => a.id, username: () => a.username }, NODE_TYPE.igUser),
		media_url: () => m.mediaUrl,
		thumbnail_url: () =>
			m.mediaType === 'VIDEO'
				? `https://scontent.cdninstagram.com/sandbox/${m.id}_thumb.jpg`
				: undefined,
		is_shared_to_feed: () =>
			m.productType === 'REELS' ? !(share === false || share === 'false') : undefined,
		is_comment_enabled: () => true,
		comments_count: () => m.comments.length,
		like_count: () => 0,
		children: (sub) =>
			m.mediaType === 'CAROUSEL_ALBUM' ? { data: childList(ctx, m, sub) } : undefined,
	};
}

function childList(ctx: Ctx, m: Media, sub: FieldSpec[] | undefined): unknown[] {
	return m.children.map((id) => {
		const child = ctx.core.state.media.get(id) as Media;
		return project(sub, mediaGetters(ctx, child), NODE_TYPE.media);
	});
}

/** `GET /{media-id}`, `GET /{media-id}/children`, `GET /{ig-user-id}/media`. */
export function readMedia(ctx: Ctx): unknown {
	const t = ctx.target;
	const state = ctx.core.state;
	if (t.node === 'igUser') {
		const list = state
			.listMedia(t.accountId as string)
			.map((m) => project(ctx.fields, mediaGetters(ctx, m), NODE_TYPE.media));
		return paginate(ctx, list, (m) => String(m.id));
	}
	const m = state.media.get(t.id) as Media;
	if (t.edge === 'children') return { data: childList(ctx, m, ctx.fields) };
	return project(ctx.fields, mediaGetters(ctx, m), NODE_TYPE.media);
}

// Publishing handlers: containers, media_publish, quota, comments, resumable upload (reference §4, §6.1).
import { str } from './body';
import { Reply, type Ctx } from './context';
import { E } from './errors';
import { project } from './fields';
import { isLoopbackUrl } from './media-fetch';
import { PE } from './publish-errors';
import { fetchErrorSubcode, validateCreate } from './validate';

/**
 * Loopback media URLs are really downloaded: an image while the container is created (a failed
 * download fails the call, 9004/2207052), a video in the background (IN_PROGRESS meanwhile, ERROR
 * 2207052 if it fails). Other URLs are never fetched.
 */
export async function createContainer(ctx: Ctx): Promise<unknown> {
	const { state, fetcher } = ctx.core;
	const accountId = ctx.target.accountId as string;
	const facebookLogin = ctx.identity.kind === 'facebook' || ctx.identity.kind === 'page';
	const draft = validateCreate({
		params: ctx.params,
		accountId,
		facebookLogin,
		state,
		now: ctx.now,
	});
	const imageFetch =
		draft.imageUrl !== undefined && isLoopbackUrl(draft.imageUrl)
			? await fetcher.fetch(draft.imageUrl, 'image')
			: undefined;
	if (imageFetch && !imageFetch.ok) throw PE.fetchFailed(imageFetch.url);
	const c = state.addContainer(accountId, draft, ctx.now);
	ctx.target.containerId = c.id;
	if (imageFetch) {
		imageFetch.containerId = c.id;
		c.fetch = 'done';
		c.fetched = imageFetch;
	}
	if (draft.videoUrl !== undefined && isLoopbackUrl(draft.videoUrl))
		fetcher.background(c, draft.videoUrl, 'video');
	if (!draft.resumable) return { id: c.id };
	return { id: c.id, uri: `${ctx.core.url}/ig-api-upload/${ctx.version}/${c.id}` };
}

export function publish(ctx: Ctx): unknown {
	const { state, options } = ctx.core;
	const creationId = str(ctx.params, 'creation_id');
	if (!creationId) throw E.missingParam('creation_id');
	ctx.target.containerId = creationId;
	const c = state.containers.get(creationId);
	if (!c || c.accountId !== ctx.target.accountId) throw PE.builderNotFound(creationId);
	if (c.isCarouselItem)
		throw E.invalidParam(
			`The media builder ${creationId} is a carousel item and cannot be published on its own`,
		);
	const s = state.status(c, ctx.now);
	// UNVERIFIED: Meta's answer to re-publishing a PUBLISHED container was never captured (reference §9.7).
	if (s.code === 'PUBLISHED') throw PE.builderNotFound(creationId);
	if (s.code === 'EXPIRED') throw PE.expired();
	if (s.code === 'IN_PROGRESS' || s.code === 'ERROR') throw PE.notReady();
	const total = options.quotaTotal ?? 100;
	if (state.quotaUsage(c.accountId, ctx.now) >= total) throw PE.quota();
	return { id: state.publish(c, ctx.now).id };
}

export function readQuota(ctx: Ctx): unknown {
	const { state, options } = ctx.core;
	const since = Number(str(ctx.params, 'since'));
	const usage = state.quotaUsage(
		ctx.target.accountId as string,
		ctx.now,
		since > 0 ? since * 1000 : undefined,
	);
	const entry = project(
		ctx.fields,
		{
			quota_usage: () => usage,
			config: () => ({ quota_total: options.quotaTotal ?? 100, quota_duration: 86400 }),
		},
		'ContentPublishingLimit',
		['quota_usage'],
	);
	return { data: [entry] };
}

export function comment(ctx: Ctx): unknown {
	const message = str(ctx.params, 'message');
	if (!message) throw E.missingParam('message');
	const m = ctx.core.state.media.get(ctx.target.id);
	if (!m) throw E.unsupported(ctx.method, ctx.target.id);
	const id = ctx.core.state.ids.comment();
	m.comments.push({ id, message, at: ctx.now });
	return { id };
}

const debugInfo = (type: string, message: string, retriable = false) =>
	new Reply(400, { debug_info: { retriable, type, message } });

/**
 * rupload-style `POST /ig-api-upload/{ver}/{container-id}` (bytes or `file_url` header). Only
 * `Authorization: OAuth <token>` is accepted (UNVERIFIED: what Meta answers to `Bearer` or a token
 * in the URL was never captured; every known client sends `OAuth`).
 */
export function upload(ctx: Ctx): unknown {
	const id = ctx.identity;
	const unauthorized = JSON.stringify({
		success: false,
		error: { message: 'unauthorized user request' },
	});
	if (
		ctx.authScheme?.toLowerCase() !== 'oauth' ||
		id.kind === 'none' ||
		id.kind === 'unknown' ||
		id.kind === 'expired' ||
		id.kind === 'instagram'
	) {
		return debugInfo('ProcessingFailedError', unauthorized);
	}
	const c = ctx.core.state.containers.get(ctx.target.id);
	if (!c || !id.accounts.includes(c.accountId))
		return debugInfo('ProcessingFailedError', unauthorized);
	if (!c.resumable)
		return debugInfo(
			'ProcessingFailedError',
			'Media builder was not created for a resumable upload',
		);
	const header = (name: string) => {
		const v = ctx.headers[name];
		return Array.isArray(v) ? v[0] : v;
	};
	const offset = header('offset');
	if (offset === undefined || !/^\d+$/.test(offset)) {
		return debugInfo(
			'ParameterValidationError',
			'HeaderValuePredicate: Header Offset not convertable to unsigned long',
		);
	}
	if (offset !== '0')
		return debugInfo('ProcessingFailedError', 'Partial uploads are not supported');
	const fileUrl = header('file_url');
	const size = ctx.upload?.bytes ?? 0;
	if (fileUrl === undefined) {
		if (size === 0)
			return debugInfo('ParameterValidationError', 'Missing upload body or file_url header');
		if (header('file_size') !== String(size)) {
			return debugInfo(
				'ParameterValidationError',
				`Header file_size must equal the body length (${size})`,
			);
		}
	} else {
		c.errorSubcode = fetchErrorSubcode(fileUrl);
	}
	c.uploadedAt = ctx.now;
	c.uploadedBytes = fileUrl === undefined ? size : undefined;
	c.uploadedSha256 = fileUrl === undefined ? ctx.upload?.sha256 : undefined;
	c.videoUrl = fileUrl;
	if (fileUrl !== undefined && isLoopbackUrl(fileUrl))
		ctx.core.fetcher.background(c, fileUrl, 'file_url');
	return { success: true, message: 'Upload successful.' };
}

// Container-creation validation (reference §4.1–4.5, §7.5).
import { bool, has, idList, json, str, type Params } from './body';
import { E } from './errors';
import { PE } from './publish-errors';
import type { ContainerDraft } from './model';
import type { SandboxState } from './state';

export interface CreateContext {
	params: Params;
	accountId: string;
	/** Facebook-login token (user or Page): resumable upload allowed. */
	facebookLogin: boolean;
	state: SandboxState;
	now: number;
}

const MEDIA_TYPES = ['REELS', 'STORIES', 'CAROUSEL', 'VIDEO'];
const CHILD_FORBIDDEN = [
	'caption',
	'location_id',
	'collaborators',
	'is_ai_generated',
	'trial_params',
];

/** Meta cannot fetch a URL that is not http(s) or has non-ASCII characters (9004/2207052). */
export function isFetchable(url: string): boolean {
	try {
		return (
			/^https?:$/.test(new URL(url).protocol) && [...url].every((ch) => ch.charCodeAt(0) <= 127)
		);
	} catch {
		return false;
	}
}

/** Subcode a video container ends in ERROR with when Meta cannot fetch its URL. */
export const fetchErrorSubcode = (url: string): number | undefined =>
	isFetchable(url) ? undefined : 2207052;

function checkCaption(caption: string | undefined): void {
	if (caption === undefined) return;
	const length = [...caption].length;
	if (length > 2200) throw PE.captionTooLong(length);
	if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > 30) throw PE.tooManyTags(30);
	if ((caption.match(/(?<![\w@])@[\w.]+/g) ?? []).length > 20) throw PE.tooManyTags(20);
}

function checkJsonParams(p: Params, mediaType: string | undefined): void {
	if (has(p, 'user_tags')) {
		const tags = json(p, 'user_tags');
		if (!Array.isArray(tags)) throw E.invalidParam('Param user_tags must be a JSON array');
		for (const tag of tags as unknown[]) {
			const t = (tag ?? {}) as Record<string, unknown>;
			if (typeof t.username !== 'string')
				throw E.invalidParam('Param user_tags[].username is required');
			for (const k of ['x', 'y']) {
				const v = t[k];
				if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) {
					throw E.invalidParam(`Param user_tags[].${k} must be a number between 0 and 1`);
				}
			}
		}
		if (tags.length > 20) throw PE.tooManyTags(20);
	}
	if (has(p, 'collaborators')) {
		const list = json(p, 'collaborators');
		if (!Array.isArray(list) || list.some((u) => typeof u !== 'string')) {
			throw E.invalidParam('Param collaborators must be a JSON array of usernames');
		}
		const bad = (list as string[]).find((u) => u.startsWith('@'));
		if (bad) throw PE.collaboratorInvalid(bad);
	}
	if (has(p, 'trial_params')) {
		if (mediaType !== 'REELS') throw E.notAllowed('trial_params');
		const tp = json(p, 'trial_params') as Record<string, unknown> | null;
		if (!tp || !['MANUAL', 'SS_PERFORMANCE'].includes(String(tp.graduation_strategy))) {
			throw E.invalidParam(
				'Param trial_params.graduation_strategy must be one of {MANUAL, SS_PERFORMANCE}',
			);
		}
	}
	const alt = str(p, 'alt_text');
	if (alt !== undefined && [...alt].length > 1000)
		throw E.invalidParam('Param alt_text must be at most 1000 characters long');
	const loc = str(p, 'location_id');
	if (loc !== undefined && !/^\d+$/.test(loc))
		throw E.invalidParam('Param location_id must be a valid location id');
}

function video(
	ctx: CreateContext,
): Pick<ContainerDraft, 'videoUrl' | 'resumable' | 'errorSubcode'> {
	if (str(ctx.params, 'upload_type') === 'resumable' && ctx.facebookLogin)
		return { resumable: true };
	const url = str(ctx.params, 'video_url');
	if (!url) throw E.missingParam('video_url');
	return { videoUrl: url, resumable: false, errorSubcode: fetchErrorSubcode(url) };
}

/** Images are fetched while the container is created: a failure is an error of the create call. */
function image(ctx: CreateContext): Pick<ContainerDraft, 'imageUrl'> {
	const url = str(ctx.params, 'image_url');
	if (!url) throw E.missingParam('image_url');
	if (!isFetchable(url)) throw PE.fetchFailed(url);
	return { imageUrl: url };
}

function checkChildren(ctx: CreateContext): string[] {
	const children = idList(ctx.params, 'children') ?? [];
	if (children.length < 2 || children.length > 10) throw PE.carouselCount();
	for (const id of children) {
		const child = ctx.state.containers.get(id);
		if (!child || child.accountId !== ctx.accountId) throw PE.mediaNotFound(id);
		if (!child.isCarouselItem)
			throw E.invalidParam(`Media ${id} was not created with is_carousel_item=true`);
		const st = ctx.state.status(child, ctx.now);
		if (st.code === 'EXPIRED') throw PE.expired();
		if (st.code !== 'FINISHED') throw PE.notReady();
	}
	return children;
}

export function validateCreate(ctx: CreateContext): ContainerDraft {
	const p = ctx.params;
	const mediaType = str(p, 'media_type');
	const isItem = bool(p, 'is_carousel_item');
	if (mediaType !== undefined && !MEDIA_TYPES.includes(mediaType))
		throw PE.unknownMediaType(mediaType);
	if (isItem) {
		for (const name of CHILD_FORBIDDEN) if (has(p, name)) throw E.notAllowed(name);
		if (mediaType !== undefined && mediaType !== 'VIDEO') throw PE.unknownMediaType(mediaType);
	} else if (mediaType === 'VIDEO') throw PE.unknownMediaType(mediaType);
	if (mediaType === 'STORIES' && has(p, 'collaborators')) throw E.notAllowed('collaborators');
	const caption = isItem ? undefined : str(p, 'caption');
	checkCaption(caption);
	checkJsonParams(p, mediaType);
	const base = {
		mediaType,
		isCarouselItem: isItem,
		children: [],
		caption,
		resumable: false,
		params: p,
	};
	switch (mediaType) {
		case 'CAROUSEL':
			return {
				...base,
				kind: 'carousel',
				productType: 'FEED',
				isVideo: false,
				children: checkChildren(ctx),
			};
		case 'REELS':
			return { ...base, kind: 'reel', productType: 'REELS', isVideo: true, ...video(ctx) };
		case 'VIDEO':
			return { ...base, kind: 'video', productType: 'FEED', isVideo: true, ...video(ctx) };
		case 'STORIES': {
			const isVideo =
				has(p, 'video_url') || (!has(p, 'image_url') && str(p, 'upload_type') === 'resumable');
			const src = isVideo ? video(ctx) : image(ctx);
			return { ...base, kind: 'story', productType: 'STORY', isVideo, ...src };
		}
		default:
			return { ...base, kind: 'image', productType: 'FEED', isVideo: false, ...image(ctx) };
	}
}

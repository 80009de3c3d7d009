// Containers, media and rolling windows (reference §4, §5, §6.1).
import { IdFactory, shortcodeFor } from './ids';
import type { Container, ContainerDraft, Media, Status } from './model';
import type { ProcessingKind, ProcessingSpec, SandboxOptions } from './types';

export const DAY_MS = 86_400_000;

const DEFAULT_SPEC: Record<ProcessingKind, ProcessingSpec> = {
	image: { polls: 0 },
	carousel: { polls: 0 },
	video: { polls: 2 },
	reel: { polls: 2 },
	story: { polls: 0 },
};

export class SandboxState {
	readonly containers = new Map<string, Container>();
	readonly media = new Map<string, Media>();
	readonly publishes = new Map<string, number[]>();

	constructor(
		private readonly options: SandboxOptions,
		readonly ids: IdFactory,
	) {}

	private spec(c: Container): ProcessingSpec {
		const own = this.options.processing?.[c.kind];
		if (own) return own;
		return c.kind === 'story' && c.isVideo ? { polls: 2 } : DEFAULT_SPEC[c.kind];
	}

	addContainer(accountId: string, draft: ContainerDraft, now: number): Container {
		const c: Container = {
			...draft,
			id: this.ids.container(),
			accountId,
			createdAt: now,
			reads: 0,
			mediaIds: [],
		};
		this.containers.set(c.id, c);
		return c;
	}

	/** Current status; `countRead` advances poll-based processing (status reads only). */
	status(c: Container, now: number, countRead = false): Status {
		if (c.forced) return c.forced;
		if (c.mediaIds.length > 0) return { code: 'PUBLISHED' };
		if (now - c.createdAt >= (this.options.containerTtlMs ?? DAY_MS)) return { code: 'EXPIRED' };
		if (c.resumable && c.uploadedAt === undefined) return { code: 'IN_PROGRESS' };
		if (c.fetch === 'pending') {
			if (countRead) c.reads++;
			return { code: 'IN_PROGRESS' };
		}
		const spec = this.spec(c);
		const timeOk = spec.ms === undefined || now - (c.uploadedAt ?? c.createdAt) >= spec.ms;
		if (!timeOk || c.reads < (spec.polls ?? 0)) {
			if (countRead) c.reads++;
			return { code: 'IN_PROGRESS' };
		}
		return c.errorSubcode ? { code: 'ERROR', subcode: c.errorSubcode } : { code: 'FINISHED' };
	}

	private makeMedia(c: Container, now: number, isChild: boolean): Media {
		const id = this.ids.media();
		const m: Media = {
			id,
			accountId: c.accountId,
			containerId: c.id,
			mediaType: c.kind === 'carousel' ? 'CAROUSEL_ALBUM' : c.isVideo ? 'VIDEO' : 'IMAGE',
			productType: c.productType,
			shortcode: shortcodeFor(id),
			caption: c.productType === 'STORY' ? undefined : c.caption,
			createdAt: now,
			isChild,
			comments: [],
		};
		this.media.set(id, m);
		c.mediaIds.push(id);
		c.forced = undefined;
		return m;
	}

	/** Creates the media (and carousel children) and records one publish in the window. */
	publish(c: Container, now: number): Media {
		const m = this.makeMedia(c, now, false);
		for (const childId of c.children) {
			const child = this.containers.get(childId);
			if (child) this.makeMedia(child, now, true);
		}
		this.seedPublishes(c.accountId, 1, now);
		return m;
	}

	quotaUsage(accountId: string, now: number, since?: number): number {
		const from = Math.max(now - DAY_MS, since ?? 0);
		return (this.publishes.get(accountId) ?? []).filter((t) => t > from && t <= now).length;
	}

	seedPublishes(accountId: string, count: number, at: number): void {
		const list = this.publishes.get(accountId) ?? [];
		for (let i = 0; i < count; i++) list.push(at);
		this.publishes.set(accountId, list);
	}

	mediaCount(accountId?: string): number {
		let n = 0;
		for (const m of this.media.values())
			if (!m.isChild && (!accountId || m.accountId === accountId)) n++;
		return n;
	}

	reset(): void {
		this.containers.clear();
		this.media.clear();
		this.publishes.clear();
	}
}

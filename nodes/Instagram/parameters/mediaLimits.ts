/** Where a media file goes; each target has Meta's own format and size rules. */
export type MediaTarget =
	| 'feedImage'
	| 'carouselImage'
	| 'storyImage'
	| 'reelCover'
	| 'reelVideo'
	| 'carouselVideo'
	| 'storyVideo';

export type MediaKind = 'image' | 'video';

export interface MediaLimit {
	kind: MediaKind;
	/** What the user reads in errors, e.g. "a feed image". */
	label: string;
	mimeTypes: readonly string[];
	/** Larger files are refused before any request. */
	maxBytes: number;
	/** Larger files go ahead with a hint: Meta's sources disagree about this limit. */
	warnAboveBytes?: number;
	/** Width ÷ height Meta accepts (images; checked by the preflight from the JPEG header). */
	aspectRatio?: { min: number; max: number; text: string };
}

const MB = 1000 * 1000;
const MIB = 1024 * 1024;
const JPEG = ['image/jpeg'];
const VIDEO = ['video/mp4', 'video/quicktime'];
/** Feed images, single or in a carousel: 4:5 (0.8) … 1.91:1, else 36003/2207009. */
const FEED_RATIO = { min: 0.8, max: 1.91, text: '4:5 … 1.91:1' };

/**
 * Meta's limits (reference: instagram-graph-api.md, media specs). Images: JPEG ≤ 8 MiB. Reels: the
 * 2026 docs say 300 MB, the 2023 docs 1 GB, so above 300 MB the node warns and above 1 GB refuses.
 * Carousel videos have no spec of their own (legacy 100 MB or the reel rules): treated like reels.
 * Story images: 9:16 is only recommended, so no ratio is enforced.
 */
export const MEDIA_LIMITS: Record<MediaTarget, MediaLimit> = {
	feedImage: {
		kind: 'image',
		label: 'a feed image',
		mimeTypes: JPEG,
		maxBytes: 8 * MIB,
		aspectRatio: FEED_RATIO,
	},
	carouselImage: {
		kind: 'image',
		label: 'a carousel image',
		mimeTypes: JPEG,
		maxBytes: 8 * MIB,
		aspectRatio: FEED_RATIO,
	},
	storyImage: { kind: 'image', label: 'a story image', mimeTypes: JPEG, maxBytes: 8 * MIB },
	// Centre-cropped (9:16 in Reels, 1:1 in the grid), so no ratio rule.
	reelCover: { kind: 'image', label: 'a reel cover', mimeTypes: JPEG, maxBytes: 8 * MIB },
	reelVideo: {
		kind: 'video',
		label: 'a reel',
		mimeTypes: VIDEO,
		maxBytes: 1000 * MB,
		warnAboveBytes: 300 * MB,
	},
	carouselVideo: {
		kind: 'video',
		label: 'a carousel video',
		mimeTypes: VIDEO,
		maxBytes: 1000 * MB,
		warnAboveBytes: 100 * MB,
	},
	storyVideo: { kind: 'video', label: 'a story video', mimeTypes: VIDEO, maxBytes: 100 * MB },
};

/** Pure: "8 MiB", "300 MB" — sizes as Meta's docs write them. */
export function formatBytes(bytes: number): string {
	if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
	return `${Math.round(bytes / MB)} MB`;
}

import type { MediaTarget } from '../parameters/mediaLimits';
import type { MediaRef } from '../publish/types';
import type { MediaFormat } from './formats';

/** What one answer (or a binary's metadata and first bytes) showed about a media file. */
export interface Observation {
	status: number;
	contentType?: string;
	/** The whole file's size, when the answer told it. */
	size?: number;
	/** The first bytes (at most 64 KB); undefined after a HEAD. */
	head?: Uint8Array;
	/** The last URL, when the answer came after redirects. */
	redirectedTo?: string;
	/** Binary data: the hint about a size Meta's docs disagree on was given already (prepareMedia). */
	sizeHintGiven?: boolean;
}

export type ProblemCode =
	| 'redirect'
	| 'httpStatus'
	| 'html'
	| 'text'
	| 'format'
	| 'empty'
	| 'size'
	| 'aspectRatio';

/** A definitive problem: Meta would reject the file. `says` completes "<the media> …". */
export interface Problem {
	code: ProblemCode;
	says: string;
	fix: string;
}

export interface Verdict {
	problem?: Problem;
	hints: string[];
	format?: MediaFormat;
	/** The whole file's size, when known. */
	size?: number;
	width?: number;
	height?: number;
}

/** One media file of an item, as the preflight checks it. */
export interface MediaToCheck {
	media: MediaRef;
	target: MediaTarget;
	/** How errors name it: "Image URL", "Video URL", "Carousel item 2". */
	subject: string;
	/** 1-based, for carousel children. */
	childNumber?: number;
}

export interface CheckedMedia extends MediaToCheck {
	/** The URL shortened for messages, or `binary "data"`. */
	where: string;
	verdict: Verdict;
}

// Data model of containers and media (reference §4, §5, §9).
import type { Params } from './body';
import type { ContainerStatusCode, MediaFetch, ProcessingKind } from './types';

export interface ContainerDraft {
	kind: ProcessingKind;
	mediaType?: string;
	productType: 'FEED' | 'REELS' | 'STORY';
	isCarouselItem: boolean;
	isVideo: boolean;
	children: string[];
	imageUrl?: string;
	videoUrl?: string;
	caption?: string;
	resumable: boolean;
	/** Processing ends in ERROR with this subcode (an unfetchable video URL, or a `processingError` fault). */
	errorSubcode?: number;
	params: Params;
}

export interface Container extends ContainerDraft {
	id: string;
	accountId: string;
	createdAt: number;
	reads: number;
	uploadedAt?: number;
	/** Resumable upload with a body: bytes received and their hex SHA-256. */
	uploadedBytes?: number;
	uploadedSha256?: string;
	/** Download of a loopback `image_url` / `video_url` / `file_url` (`pending` while a video's runs). */
	fetch?: 'pending' | 'done';
	fetched?: MediaFetch;
	forced?: { code: ContainerStatusCode; subcode?: number };
	mediaIds: string[];
}

export interface Media {
	id: string;
	accountId: string;
	containerId: string;
	mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
	productType: 'FEED' | 'REELS' | 'STORY';
	shortcode: string;
	caption?: string;
	createdAt: number;
	isChild: boolean;
	comments: Array<{ id: string; message: string; at: number }>;
}

export interface Status {
	code: ContainerStatusCode;
	subcode?: number;
}

export function statusText(s: Status): string {
	switch (s.code) {
		case 'FINISHED':
			return 'Finished: Media has been uploaded and it is ready to be published.';
		case 'IN_PROGRESS':
			return 'In Progress: Media is still being processed.';
		case 'PUBLISHED':
			return 'Published: Media has been published.';
		case 'EXPIRED':
			return 'Expired: Media has expired.';
		default:
			return `Error: Media upload has failed with error code ${s.subcode ?? 2207053}`;
	}
}

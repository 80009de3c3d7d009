import type { CarouselItem, CarouselMediaType } from '../parameters/carouselItems';
import { readAltText } from '../parameters/carouselItems';
import { mediaKindOf, readMedia } from '../parameters/mediaSource';
import type { ParameterRef } from '../parameters/validate';
import type { MediaToCheck } from '../preflight/check';
import type { CarouselChild } from '../publish/carousel';
import { prepareMedia } from '../publish/media';
import type { RunContext } from '../publish/runContext';
import type { MediaRef } from '../publish/types';

export interface CarouselMedia {
	children: CarouselChild[];
	/** What identifies the children across tries: URL items as given, binaries by their fingerprint. */
	content: unknown[];
	/** Every child, for the media preflight. */
	checks: MediaToCheck[];
}

/**
 * Every child's media, checked (binary exists, type, size) for all children before any request,
 * then made ready for Meta: URLs as they are, binaries as a signed URL or a resumable upload.
 */
export async function readCarouselMedia(
	run: RunContext,
	itemIndex: number,
	items: CarouselItem[],
	parameter: ParameterRef,
): Promise<CarouselMedia> {
	const checked = await Promise.all(
		items.map(
			async (item, childIndex) => await checkChild(run, itemIndex, item, childIndex, parameter),
		),
	);
	const children: CarouselChild[] = [];
	const content: unknown[] = [];
	const checks: MediaToCheck[] = [];
	for (const [childIndex, { item, type, media }] of checked.entries()) {
		const isVideo = type === 'video';
		const prepared = await prepareMedia(run, media, isVideo ? 'video_url' : 'image_url', itemIndex);
		children.push({
			params: isVideo
				? { media_type: 'VIDEO', is_carousel_item: true, ...prepared.params }
				: { is_carousel_item: true, ...prepared.params, alt_text: item.altText },
			isVideo,
			label: `Carousel item ${childIndex + 1}`,
			childIndex,
			url: media.from === 'url' ? media.url : `binary "${media.propertyName}"`,
			upload: prepared.upload,
		});
		content.push('url' in item ? item : { ...item, type, media: prepared.fingerprint });
		checks.push({
			media,
			target: isVideo ? 'carouselVideo' : 'carouselImage',
			subject: `Carousel item ${childIndex + 1}`,
			childNumber: childIndex + 1,
		});
	}
	return { children, content, checks };
}

async function checkChild(
	run: RunContext,
	itemIndex: number,
	item: CarouselItem,
	childIndex: number,
	parameter: ParameterRef,
): Promise<{ item: CarouselItem; type: CarouselMediaType; media: MediaRef }> {
	if ('url' in item) return { item, type: item.type, media: { from: 'url', url: item.url } };
	const ref = {
		name: `${parameter.name}[${childIndex}]`,
		displayName: `${parameter.displayName} #${childIndex + 1}`,
	};
	const binary = run.ctx.getInputData()[itemIndex]?.binary?.[item.binaryPropertyName];
	// Without a declared type, the MIME type decides; anything else is checked (and refused) as an image.
	const type = item.type ?? mediaKindOf(binary?.mimeType) ?? 'image';
	readAltText({ altText: item.altText }, ref, type);
	const media = await readMedia(run.ctx, itemIndex, {
		source: 'binary',
		url: undefined,
		propertyName: item.binaryPropertyName,
		target: type === 'video' ? 'carouselVideo' : 'carouselImage',
		urlRef: { ...ref, displayName: `${ref.displayName} URL` },
		propertyRef: { ...ref, displayName: `${ref.displayName} Input Binary Field` },
		allowPrivateHosts: false,
	});
	return { item, type, media };
}

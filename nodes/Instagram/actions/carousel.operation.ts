import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseCarouselItems } from '../parameters/carouselItems';
import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseCollaborators } from '../parameters/tags';
import { checkCaption, checkOptionalGraphId } from '../parameters/validate';
import { buildCarousel } from '../publish/carousel';
import type { CarouselChild } from '../publish/carousel';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { publishAtOnce } from '../publish/wait';
import { captionField } from './common.descriptions';
import { carouselItemsFields } from './carousel.descriptions';
import {
	additionalFields,
	collaboratorsField,
	isAiGeneratedField,
	locationIdField,
} from './fields.descriptions';

const properties: INodeProperties[] = [
	captionField,
	...carouselItemsFields,
	additionalFields([collaboratorsField, isAiGeneratedField, locationIdField]),
];

export const description = updateDisplayOptions({ show: { operation: ['carousel'] } }, properties);

/** Carousel: children in parallel → video children processed → CAROUSEL parent → one publish. */
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const fromJson = ctx.getNodeParameter('inputMode', itemIndex, 'fields') === 'json';
	const items = fromJson
		? parseCarouselItems(ctx.getNodeParameter('itemsJson', itemIndex, '[]'), {
				name: 'itemsJson',
				displayName: 'Items (JSON)',
			})
		: parseCarouselItems((ctx.getNodeParameter('items', itemIndex, {}) as IDataObject).item ?? [], {
				name: 'items',
				displayName: 'Items',
			});
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const parentParams = {
		media_type: 'CAROUSEL',
		caption: checkCaption(ctx.getNodeParameter('caption', itemIndex, ''), {
			name: 'caption',
			displayName: 'Caption',
		}),
		location_id: checkOptionalGraphId(fields.locationId, {
			name: 'additionalFields.locationId',
			displayName: 'Location ID',
		}),
		collaborators: parseCollaborators(fields.collaborators, {
			name: 'additionalFields.collaborators',
			displayName: 'Collaborators',
		}),
		is_ai_generated: fields.isAiGenerated === true ? true : undefined,
	};
	const children: CarouselChild[] = items.map((item, childIndex) => ({
		params:
			item.type === 'video'
				? { media_type: 'VIDEO', is_carousel_item: true, video_url: item.url }
				: { is_carousel_item: true, image_url: item.url, alt_text: item.altText },
		isVideo: item.type === 'video',
		label: `Carousel item ${childIndex + 1}`,
		childIndex,
		url: item.url,
	}));
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'CAROUSEL',
		label: 'Carousel',
		content: { parentParams, items },
		options: readPublishOptions(ctx, itemIndex),
		// Video children are waited for while the carousel is built (see buildCarousel); the
		// CAROUSEL parent itself is ready as soon as its children are.
		build: async (timing) =>
			await buildCarousel(run, { accountId, itemIndex, children, parentParams }, timing),
		readiness: publishAtOnce,
	});
}

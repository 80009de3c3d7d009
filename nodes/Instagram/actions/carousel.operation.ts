import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseCarouselItems } from '../helpers/carouselItems';
import { createContainer, mapWithLimit, MAX_PARALLEL_CHILD_REQUESTS } from '../helpers/containers';
import { readAccountId, readPublishOptions } from '../helpers/options';
import { runPublishPlan } from '../helpers/pipeline';
import { waitForContainer } from '../helpers/poller';
import type { RunContext } from '../helpers/runContext';
import { parseCollaborators } from '../helpers/tags';
import type { ContainerSpec } from '../helpers/types';
import { checkCaption, checkOptionalGraphId } from '../helpers/validate';
import { graphDetailsOf } from '../transport/errors';
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
export async function execute(run: RunContext, itemIndex: number): Promise<IDataObject> {
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
	const children: ContainerSpec[] = items.map((item, childIndex) => ({
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
		build: async ({ deadlineAt, firstDelayMs }) => {
			const waitFor = (specs: ContainerSpec[], ids: string[]) =>
				mapWithLimit(
					specs,
					MAX_PARALLEL_CHILD_REQUESTS,
					async (spec, index) =>
						await waitForContainer(run, {
							containerId: ids[index],
							deadlineAt,
							firstDelayMs,
							itemIndex,
							label: spec.label,
							childIndex: spec.childIndex,
							url: spec.url,
						}),
				);
			const ids = await mapWithLimit(
				children,
				MAX_PARALLEL_CHILD_REQUESTS,
				async (spec) => await createContainer(run, accountId, spec, itemIndex),
			);
			const videos = children.filter((spec) => spec.isVideo);
			await waitFor(
				videos,
				ids.filter((_, index) => children[index].isVideo),
			);
			const parent: ContainerSpec = {
				params: { ...parentParams, children: ids.join(',') },
				isVideo: false,
				label: 'Carousel',
			};
			const containerId = await createContainer(run, accountId, parent, itemIndex).catch(
				async (error: unknown) => {
					// Images are usually ready at once; if Meta disagrees, wait for every child and try once more.
					if (graphDetailsOf(error)?.kind !== 'notReady') return await Promise.reject(error);
					await waitFor(children, ids);
					return await createContainer(run, accountId, parent, itemIndex);
				},
			);
			return { containerId, children: ids, isVideo: false };
		},
	});
}

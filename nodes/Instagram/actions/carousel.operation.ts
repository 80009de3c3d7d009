import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseCarouselItems } from '../parameters/carouselItems';
import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseCollaborators } from '../parameters/tags';
import { checkCaption, checkOptionalGraphId } from '../parameters/validate';
import { buildCarousel } from '../publish/carousel';
import { graphApiIsLocal } from '../publish/media';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { publishAtOnce } from '../publish/wait';
import { captionField } from './common.descriptions';
import { carouselItemsFields } from './carousel.descriptions';
import { readCarouselMedia } from './carouselMedia';
import { mediaPreflight } from '../preflight/check';
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
	const itemsRef = fromJson
		? { name: 'itemsJson', displayName: 'Items (JSON)' }
		: { name: 'items', displayName: 'Items' };
	const items = parseCarouselItems(
		fromJson
			? ctx.getNodeParameter('itemsJson', itemIndex, '[]')
			: ((ctx.getNodeParameter('items', itemIndex, {}) as IDataObject).item ?? []),
		itemsRef,
		{ allowPrivateHosts: await graphApiIsLocal(run) },
	);
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
	const { children, content, checks } = await readCarouselMedia(run, itemIndex, items, itemsRef);
	const options = readPublishOptions(ctx, itemIndex);
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'CAROUSEL',
		label: 'Carousel',
		content: { parentParams, items: content },
		options,
		preflight: mediaPreflight(run, itemIndex, options.preflight, checks),
		// Video children are waited for while the carousel is built (see buildCarousel); the
		// CAROUSEL parent itself is ready as soon as its children are.
		build: async (timing) =>
			await buildCarousel(run, { accountId, itemIndex, children, parentParams }, timing),
		readiness: publishAtOnce,
	});
}

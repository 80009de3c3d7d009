import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseCollaborators, parseUserTags } from '../parameters/tags';
import { checkAltText, checkCaption, checkOptionalGraphId } from '../parameters/validate';
import { createContainer } from '../publish/containers';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { publishAtOnce } from '../publish/wait';
import { captionField } from './common.descriptions';
import { readItemMedia } from './media';
import { mediaPreflight } from '../preflight/check';
import { binaryPropertyField, imageSourceField } from './video.descriptions';
import {
	additionalFields,
	altTextField,
	collaboratorsField,
	isAiGeneratedField,
	locationIdField,
	userTagsField,
} from './fields.descriptions';

const properties: INodeProperties[] = [
	imageSourceField,
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://cdn.example.com/photo.jpg',
		description:
			'Public URL of a JPEG (up to 8 MB, aspect ratio 4:5 to 1.91:1). Meta downloads it from its own servers.',
		displayOptions: { show: { imageSource: ['url'] } },
	},
	binaryPropertyField({ imageSource: ['binary'] }),
	captionField,
	additionalFields([
		altTextField,
		collaboratorsField,
		isAiGeneratedField,
		locationIdField,
		userTagsField,
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['post'] } }, properties);

/** Single image post: validate → quota → container → publish (status is read only if Meta says "not ready"). */
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const params = {
		caption: checkCaption(ctx.getNodeParameter('caption', itemIndex, ''), {
			name: 'caption',
			displayName: 'Caption',
		}),
		alt_text: checkAltText(fields.altText, {
			name: 'additionalFields.altText',
			displayName: 'Alt Text',
		}),
		location_id: checkOptionalGraphId(fields.locationId, {
			name: 'additionalFields.locationId',
			displayName: 'Location ID',
		}),
		user_tags: parseUserTags(
			(fields.userTags as IDataObject | undefined)?.tag,
			{ name: 'additionalFields.userTags', displayName: 'User Tags' },
			'required',
		),
		collaborators: parseCollaborators(fields.collaborators, {
			name: 'additionalFields.collaborators',
			displayName: 'Collaborators',
		}),
		is_ai_generated: fields.isAiGenerated === true ? true : undefined,
	};
	const options = readPublishOptions(ctx, itemIndex);
	const media = await readItemMedia(run, itemIndex, {
		source: 'imageSource',
		url: 'imageUrl',
		urlLabel: 'Image URL',
		target: 'feedImage',
		field: 'image_url',
	});
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'IMAGE',
		label: 'Image',
		content: { ...params, media: media.fingerprint },
		options,
		preflight: mediaPreflight(run, itemIndex, options.preflight, [media.check]),
		build: async () => ({
			containerId: await createContainer(
				run,
				accountId,
				{ params: { ...media.params, ...params }, label: 'Image', url: media.describe },
				itemIndex,
			),
		}),
		readiness: publishAtOnce,
	});
}

import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseUserTags } from '../parameters/tags';
import { createContainer } from '../publish/containers';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { publishAtOnce, waitForProcessing } from '../publish/wait';
import { additionalFields, userTagsField } from './fields.descriptions';
import { readItemMedia } from './media';
import { mediaPreflight } from '../preflight/check';
import {
	binaryPropertyField,
	imageSourceField,
	videoSourceField,
	videoUrlField,
} from './video.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
	},
	{ ...imageSourceField, displayOptions: { show: { mediaType: ['image'] } } },
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://cdn.example.com/story.jpg',
		description: 'Public URL of a JPEG (9:16 recommended, up to 8 MB)',
		displayOptions: { show: { mediaType: ['image'], imageSource: ['url'] } },
	},
	{ ...videoSourceField, displayOptions: { show: { mediaType: ['video'] } } },
	{
		...videoUrlField,
		description: 'Public URL of an MP4 or MOV, 3 to 60 seconds, up to 100 MB',
		displayOptions: { show: { mediaType: ['video'], videoSource: ['url'] } },
	},
	binaryPropertyField({ mediaType: ['image'], imageSource: ['binary'] }),
	binaryPropertyField({ mediaType: ['video'], videoSource: ['binary'] }),
	additionalFields([userTagsField]),
];

export const description = updateDisplayOptions({ show: { operation: ['story'] } }, properties);

/** Story (STORIES): image or video; videos are waited for, images published at once. */
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const isVideo = ctx.getNodeParameter('mediaType', itemIndex, 'image') === 'video';
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const params = {
		media_type: 'STORIES',
		user_tags: parseUserTags(
			(fields.userTags as IDataObject | undefined)?.tag,
			{ name: 'additionalFields.userTags', displayName: 'User Tags' },
			isVideo ? 'omit' : 'optional',
		),
	};
	const options = readPublishOptions(ctx, itemIndex);
	const media = await readItemMedia(
		run,
		itemIndex,
		isVideo
			? {
					source: 'videoSource',
					url: 'videoUrl',
					urlLabel: 'Video URL',
					target: 'storyVideo',
					field: 'video_url',
				}
			: {
					source: 'imageSource',
					url: 'imageUrl',
					urlLabel: 'Image URL',
					target: 'storyImage',
					field: 'image_url',
				},
	);
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'STORIES',
		label: 'Story',
		content: { ...params, media: media.fingerprint },
		options,
		preflight: mediaPreflight(run, itemIndex, options.preflight, [media.check]),
		build: async () => ({
			containerId: await createContainer(
				run,
				accountId,
				{
					params: { ...params, ...media.params },
					label: 'Story',
					url: media.describe,
					upload: media.upload,
				},
				itemIndex,
			),
		}),
		readiness: isVideo ? waitForProcessing : publishAtOnce,
	});
}

import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { createContainer } from '../helpers/containers';
import { readAccountId, readPublishOptions } from '../helpers/options';
import { runPublishPlan } from '../helpers/pipeline';
import type { RunContext } from '../helpers/runContext';
import { parseUserTags } from '../helpers/tags';
import { checkMediaUrl } from '../helpers/validate';
import { additionalFields, userTagsField } from './fields.descriptions';
import { readVideoUrl } from './video';
import { videoSourceField, videoUrlField } from './video.descriptions';

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
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://cdn.example.com/story.jpg',
		description: 'Public URL of a JPEG (9:16 recommended, up to 8 MB)',
		displayOptions: { show: { mediaType: ['image'] } },
	},
	{ ...videoSourceField, displayOptions: { show: { mediaType: ['video'] } } },
	{
		...videoUrlField,
		description: 'Public URL of an MP4 or MOV, 3 to 60 seconds, up to 100 MB',
		displayOptions: { show: { mediaType: ['video'] } },
	},
	additionalFields([userTagsField]),
];

export const description = updateDisplayOptions({ show: { operation: ['story'] } }, properties);

/** Story (STORIES): image or video; videos are waited for, images published at once. */
export async function execute(run: RunContext, itemIndex: number): Promise<IDataObject> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const isVideo = ctx.getNodeParameter('mediaType', itemIndex, 'image') === 'video';
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const url = isVideo
		? readVideoUrl(ctx, itemIndex)
		: checkMediaUrl(ctx.getNodeParameter('imageUrl', itemIndex, ''), {
				name: 'imageUrl',
				displayName: 'Image URL',
			});
	const params = {
		media_type: 'STORIES',
		...(isVideo ? { video_url: url } : { image_url: url }),
		user_tags: parseUserTags(
			(fields.userTags as IDataObject | undefined)?.tag,
			{ name: 'additionalFields.userTags', displayName: 'User Tags' },
			isVideo ? 'omit' : 'optional',
		),
	};
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'STORIES',
		label: 'Story',
		content: params,
		options: readPublishOptions(ctx, itemIndex),
		build: async () => ({
			containerId: await createContainer(
				run,
				accountId,
				{ params, isVideo, label: 'Story', url },
				itemIndex,
			),
			isVideo,
		}),
	});
}

import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readVideoUrl } from '../parameters/media';
import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseUserTags } from '../parameters/tags';
import { checkMediaUrl } from '../parameters/validate';
import { createContainer } from '../publish/containers';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { publishAtOnce, waitForProcessing } from '../publish/wait';
import { additionalFields, userTagsField } from './fields.descriptions';
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
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
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
				{ params, label: 'Story', url },
				itemIndex,
			),
		}),
		readiness: isVideo ? waitForProcessing : publishAtOnce,
	});
}

import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readAccountId, readPublishOptions } from '../parameters/options';
import { parseCollaborators, parseUserTags } from '../parameters/tags';
import {
	checkCaption,
	checkInteger,
	checkMediaUrl,
	checkOptionalGraphId,
} from '../parameters/validate';
import { createContainer } from '../publish/containers';
import { graphApiIsLocal } from '../publish/media';
import type { ItemOutput } from '../publish/output';
import { runPublishPlan } from '../publish/pipeline';
import type { RunContext } from '../publish/runContext';
import { waitForProcessing } from '../publish/wait';
import { captionField } from './common.descriptions';
import {
	additionalFields,
	collaboratorsField,
	isAiGeneratedField,
	locationIdField,
	userTagsField,
} from './fields.descriptions';
import { reelFields } from './reel.descriptions';
import { readItemMedia } from './media';
import { mediaPreflight } from '../preflight/check';
import type { MediaToCheck } from '../preflight/check';
import { binaryPropertyField, videoSourceField, videoUrlField } from './video.descriptions';

const MAX_THUMB_OFFSET_MS = 15 * 60 * 1000;

const properties: INodeProperties[] = [
	videoSourceField,
	{ ...videoUrlField, displayOptions: { show: { videoSource: ['url'] } } },
	binaryPropertyField({ videoSource: ['binary'] }),
	captionField,
	additionalFields([
		...reelFields,
		collaboratorsField,
		isAiGeneratedField,
		locationIdField,
		userTagsField,
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['reel'] } }, properties);

/** Reel: container (REELS) → wait while Meta processes the video → one publish. */
export async function execute(run: RunContext, itemIndex: number): Promise<ItemOutput> {
	const { ctx } = run;
	const accountId = readAccountId(ctx, itemIndex);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const strategy =
		typeof fields.trialGraduationStrategy === 'string' ? fields.trialGraduationStrategy : 'none';
	const params = {
		media_type: 'REELS',
		caption: checkCaption(ctx.getNodeParameter('caption', itemIndex, ''), {
			name: 'caption',
			displayName: 'Caption',
		}),
		cover_url: fields.coverUrl
			? checkMediaUrl(
					fields.coverUrl,
					{ name: 'additionalFields.coverUrl', displayName: 'Cover URL' },
					// The reachability rule, as for the video itself.
					{ allowPrivateHosts: await graphApiIsLocal(run) },
				)
			: undefined,
		// 0 and false are meaningful values here, so presence (not truthiness) decides what is sent.
		thumb_offset:
			fields.thumbOffset !== undefined
				? checkInteger(
						fields.thumbOffset,
						{ name: 'additionalFields.thumbOffset', displayName: 'Thumbnail Offset (Ms)' },
						0,
						MAX_THUMB_OFFSET_MS,
					)
				: undefined,
		share_to_feed: typeof fields.shareToFeed === 'boolean' ? fields.shareToFeed : undefined,
		audio_name:
			typeof fields.audioName === 'string' && fields.audioName ? fields.audioName : undefined,
		location_id: checkOptionalGraphId(fields.locationId, {
			name: 'additionalFields.locationId',
			displayName: 'Location ID',
		}),
		user_tags: parseUserTags(
			(fields.userTags as IDataObject | undefined)?.tag,
			{ name: 'additionalFields.userTags', displayName: 'User Tags' },
			'omit',
		),
		collaborators: parseCollaborators(fields.collaborators, {
			name: 'additionalFields.collaborators',
			displayName: 'Collaborators',
		}),
		trial_params: strategy !== 'none' ? { graduation_strategy: strategy } : undefined,
		is_ai_generated: fields.isAiGenerated === true ? true : undefined,
	};
	const options = readPublishOptions(ctx, itemIndex);
	const media = await readItemMedia(run, itemIndex, {
		source: 'videoSource',
		url: 'videoUrl',
		urlLabel: 'Video URL',
		target: 'reelVideo',
		field: 'video_url',
	});
	// Meta downloads the cover too: it is checked like the video.
	const checks: MediaToCheck[] = [media.check];
	if (params.cover_url)
		checks.push({
			media: { from: 'url', url: params.cover_url },
			target: 'reelCover',
			subject: 'Cover URL',
		});
	return await runPublishPlan(run, itemIndex, {
		accountId,
		kind: 'REELS',
		label: 'Reel',
		content: { ...params, media: media.fingerprint },
		options,
		preflight: mediaPreflight(run, itemIndex, options.preflight, checks),
		build: async () => ({
			containerId: await createContainer(
				run,
				accountId,
				{
					params: { ...media.params, ...params },
					label: 'Reel',
					url: media.describe,
					upload: media.upload,
				},
				itemIndex,
			),
		}),
		readiness: waitForProcessing,
	});
}

import type { IExecuteFunctions } from 'n8n-workflow';

import { checkMediaUrl, InvalidParameterError } from './validate';

/** The video URL of a reel or story, after checking the (for now URL-only) video source. */
export function readVideoUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	const source = ctx.getNodeParameter('videoSource', itemIndex, 'url');
	if (source !== 'url') {
		throw new InvalidParameterError(
			{ name: 'videoSource', displayName: 'Video Source' },
			'must be "url": uploading n8n binary data is not supported yet',
			'Host the video at a public URL (e.g. object storage) and set Video URL.',
		);
	}
	return checkMediaUrl(ctx.getNodeParameter('videoUrl', itemIndex, ''), {
		name: 'videoUrl',
		displayName: 'Video URL',
	});
}

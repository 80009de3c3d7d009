import type { MediaTarget } from '../parameters/mediaLimits';
import { readMedia } from '../parameters/mediaSource';
import type { MediaToCheck } from '../preflight/check';
import { graphApiIsLocal, prepareMedia } from '../publish/media';
import type { PreparedMedia } from '../publish/media';
import type { RunContext } from '../publish/runContext';

export interface MediaParameters {
	source: 'imageSource' | 'videoSource';
	url: 'imageUrl' | 'videoUrl';
	target: MediaTarget;
	field: 'image_url' | 'video_url';
	/** The parameter's label in errors, e.g. "Image URL". */
	urlLabel: string;
}

/** One item's media from its parameters: checked, then made ready for Meta (URL, signed URL, upload). */
export async function readItemMedia(
	run: RunContext,
	itemIndex: number,
	parameters: MediaParameters,
): Promise<PreparedMedia & { describe: string; check: MediaToCheck }> {
	const { ctx } = run;
	const media = await readMedia(ctx, itemIndex, {
		source: ctx.getNodeParameter(parameters.source, itemIndex, 'url'),
		url: ctx.getNodeParameter(parameters.url, itemIndex, ''),
		propertyName: ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		target: parameters.target,
		urlRef: { name: parameters.url, displayName: parameters.urlLabel },
		propertyRef: { name: 'binaryPropertyName', displayName: 'Input Binary Field' },
		allowPrivateHosts: await graphApiIsLocal(run),
	});
	const prepared = await prepareMedia(run, media, parameters.field, itemIndex);
	return {
		...prepared,
		describe: media.from === 'url' ? media.url : `binary "${media.propertyName}"`,
		check: {
			media,
			target: parameters.target,
			subject: media.from === 'url' ? parameters.urlLabel : 'Input Binary Field',
		},
	};
}

import type { MediaLimit } from '../parameters/mediaLimits';
import { FORMAT_LABELS, mimeTypeOf } from './formats';
import type { MediaFormat } from './formats';
import type { Observation, Problem } from './types';
import { shortUrl } from './response';

const ACCEPTED: Record<MediaLimit['kind'], MediaFormat[]> = {
	image: ['jpeg'],
	video: ['mp4', 'quicktime'],
};

const IMAGE_FORMATS: MediaFormat[] = [
	'jpeg',
	'png',
	'gif',
	'webp',
	'heic',
	'avif',
	'tiff',
	'otherImage',
];

const DIRECT_LINK =
	'Use a direct link to the file itself, not to a page that shows it (share pages of Google Drive, Dropbox and the like are HTML; use their direct-download link), and make it public: Meta downloads it without logging in.';

/**
 * Pure: the problem with a file's format for the target, if any: an HTML page, text, or a format
 * Meta does not take there (images: JPEG only; videos: MP4 or MOV). Unknown formats pass.
 */
export function formatProblem(
	format: MediaFormat | undefined,
	declared: MediaFormat | undefined,
	observation: Observation,
	limit: MediaLimit,
	via: string,
): Problem | undefined {
	if (format === undefined || ACCEPTED[limit.kind].includes(format)) return undefined;
	if (format === 'html')
		return {
			code: 'html',
			says: `${via ? `redirects to ${shortUrl(observation.redirectedTo ?? '')}, ` : 'is '}an HTML page, not ${limit.kind === 'image' ? 'an image' : 'a video'} (a login or share page?)`,
			fix: DIRECT_LINK,
		};
	const type = mimeTypeOf(observation.contentType) || 'no Content-Type';
	if (format === 'text')
		return {
			code: 'text',
			says: `answered with text (${type})${via}, not ${limit.kind === 'image' ? 'an image' : 'a video'}`,
			fix: DIRECT_LINK,
		};
	const mislabelled =
		declared !== undefined && declared !== format ? ` (the host calls it ${type})` : '';
	const wanted = limit.kind === 'image' ? 'only JPEG' : 'only MP4 or MOV (QuickTime)';
	const isImage = IMAGE_FORMATS.includes(format);
	const fix =
		limit.kind === 'image'
			? isImage
				? 'Convert it to JPEG, e.g. with an Edit Image node (Format: JPEG) before this one.'
				: 'Give the URL of a JPEG image here; publish videos as a reel or as a video carousel item.'
			: isImage
				? 'Give the URL of an MP4 or MOV video here; publish images as a post, an image story or an image carousel item.'
				: 'Convert it to MP4 (H.264 video, AAC audio) before publishing it.';
	return {
		code: 'format',
		says: `is ${FORMAT_LABELS[format]}${mislabelled}; Instagram takes ${wanted} for ${limit.label}`,
		fix,
	};
}

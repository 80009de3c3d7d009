import type { INodeProperties } from 'n8n-workflow';

/**
 * Where the video comes from. Only public URLs are supported today; the hidden parameter keeps
 * saved workflows stable for when uploading n8n binary data arrives.
 */
export const videoSourceField: INodeProperties = {
	displayName: 'Video Source',
	name: 'videoSource',
	type: 'hidden',
	default: 'url',
};

export const videoUrlField: INodeProperties = {
	displayName: 'Video URL',
	name: 'videoUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. https://cdn.example.com/clip.mp4',
	description:
		'Public URL of an MP4 or MOV (H.264/HEVC, AAC audio). Meta downloads it from its own servers.',
};

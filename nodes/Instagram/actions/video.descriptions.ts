import type { INodeProperties } from 'n8n-workflow';

const sourceOptions = (what: string) => [
	{ name: 'URL', value: 'url', description: `A public URL of the ${what}; Meta downloads it` },
	{
		name: 'Binary Data',
		value: 'binary',
		description: `The ${what} as binary data from an earlier node (e.g. Google Drive, HTTP Request)`,
	},
];

export const imageSourceField: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	options: sourceOptions('image'),
	default: 'url',
};

export const videoSourceField: INodeProperties = {
	displayName: 'Video Source',
	name: 'videoSource',
	type: 'options',
	options: sourceOptions('video'),
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

/** Shown with a source set to binary; `show` names the source parameter. */
export const binaryPropertyField = (show: Record<string, string[]>): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the input binary field that holds the file',
	description:
		'Images must be JPEG (up to 8 MiB), videos MP4 or MOV. Video is uploaded straight to Meta with Facebook Login (access token); otherwise Meta downloads the file from n8n through a signed, expiring link, so n8n must be reachable from the internet.',
	displayOptions: { show },
});

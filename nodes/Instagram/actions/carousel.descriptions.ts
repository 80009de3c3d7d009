import type { INodeProperties } from 'n8n-workflow';

/** The two ways to give carousel media: a fixed list in the editor, or a JSON array from an expression. */
export const carouselItemsFields: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Fixed List', value: 'fields', description: 'Enter each image or video below' },
			{
				name: 'JSON Array',
				value: 'json',
				description: 'A list from an expression, e.g. all images of an RSS item',
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, minRequiredFields: 2, maxAllowedFields: 10 },
		default: {},
		placeholder: 'Add Item',
		description: '2 to 10 images or videos, shown in this order',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Alt Text',
						name: 'altText',
						type: 'string',
						default: '',
						description: 'Images only: describes the image for screen readers',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						placeholder: 'e.g. data',
						description:
							'The input binary field that holds the JPEG image or MP4/MOV video. Each child needs its own field, e.g. image1, video2.',
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: [
							{ name: 'URL', value: 'url', description: 'A public URL; Meta downloads it' },
							{
								name: 'Binary Data',
								value: 'binary',
								description:
									'A binary field of the input item (e.g. from Google Drive, HTTP Request)',
							},
						],
						default: 'url',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Image', value: 'image' },
							{ name: 'Video', value: 'video' },
						],
						default: 'image',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://cdn.example.com/1.jpg',
						description: 'Public URL of a JPEG image or an MP4/MOV video file',
						displayOptions: { show: { source: ['url'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Items (JSON)',
		name: 'itemsJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { inputMode: ['json'] } },
		placeholder:
			'e.g. ["https://cdn.example.com/1.jpg", {"type":"video","url":"https://cdn.example.com/2.mp4"}]',
		description:
			'Array of 2 to 10 URLs, or objects with type, URL and altText, or with type and binaryPropertyName (an input binary field) instead of a URL. Without a type, .jpg/.jpeg means image and .mp4/.mov video; for a binary, its MIME type tells.',
	},
];

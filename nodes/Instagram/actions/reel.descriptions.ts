import type { INodeProperties } from 'n8n-workflow';

/** Reel-only fields (Meta's IG User Media reference, REELS). */
export const reelFields: INodeProperties[] = [
	{
		displayName: 'Audio Name',
		name: 'audioName',
		type: 'string',
		default: '',
		description: "Name for the reel's original audio (can be set only once)",
	},
	{
		displayName: 'Cover URL',
		name: 'coverUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://cdn.example.com/cover.jpg',
		description: 'Public URL of a JPEG cover image; takes precedence over Thumbnail Offset',
	},
	{
		displayName: 'Share to Feed',
		name: 'shareToFeed',
		type: 'boolean',
		default: true,
		description:
			'Whether the reel also appears in the profile grid and feed, not only in the Reels tab',
	},
	{
		displayName: 'Thumbnail Offset (Ms)',
		name: 'thumbOffset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Which frame to use as the cover, in milliseconds from the start (0 = first frame)',
	},
	{
		displayName: 'Trial Reel Graduation',
		name: 'trialGraduationStrategy',
		type: 'options',
		options: [
			{ name: 'Not a Trial Reel', value: 'none' },
			{
				name: 'Manual',
				value: 'MANUAL',
				description:
					'Shown to non-followers first; you decide in the app whether to share it with followers',
			},
			{
				name: 'Automatic by Performance',
				value: 'SS_PERFORMANCE',
				description: 'Shared with followers automatically if it performs well',
			},
		],
		default: 'none',
		description: 'Publish as a trial reel, shown only to people who do not follow the account',
	},
];

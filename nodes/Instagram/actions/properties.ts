import type { INodeProperties } from 'n8n-workflow';

import { accountLocator, publishOptions } from './common.descriptions';
import * as carousel from './carousel.operation';
import * as post from './post.operation';
import * as reel from './reel.operation';
import * as status from './status.operation';
import * as story from './story.operation';

const PUBLISHING_OPERATIONS = ['post', 'carousel', 'reel', 'story'];

/** Every parameter of the node, in the order the editor shows them. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'OAuth2 (Facebook Login)', value: 'oAuth2' },
			{ name: 'Access Token', value: 'accessToken' },
		],
		default: 'oAuth2',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Carousel',
				value: 'carousel',
				action: 'Publish a carousel post',
				description: 'Publish 2 to 10 images and videos as one swipeable post',
			},
			{
				name: 'Post',
				value: 'post',
				action: 'Publish an image post',
				description: 'Publish a single image to the feed',
			},
			{
				name: 'Reel',
				value: 'reel',
				action: 'Publish a reel',
				description: 'Publish a video as a reel; waits while Instagram processes it',
			},
			{
				name: 'Status',
				value: 'status',
				action: 'Get the status of a container and the publishing quota',
				description:
					'Check a media container (and publish it if ready) and report the 24-hour publishing quota',
			},
			{
				name: 'Story',
				value: 'story',
				action: 'Publish a story',
				description: 'Publish an image or video story that disappears after 24 hours',
			},
		],
		default: 'post',
	},
	accountLocator,
	...post.description,
	...carousel.description,
	...reel.description,
	...story.description,
	...status.description,
	{ ...publishOptions, displayOptions: { show: { operation: PUBLISHING_OPERATIONS } } },
];

import type { INodeProperties } from 'n8n-workflow';

import { accountLocator, publishOptions } from './common.descriptions';
import * as post from './post.operation';

const PUBLISHING_OPERATIONS = ['post'];

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
				name: 'Post',
				value: 'post',
				action: 'Publish an image post',
				description: 'Publish a single image to the feed',
			},
		],
		default: 'post',
	},
	accountLocator,
	...post.description,
	{ ...publishOptions, displayOptions: { show: { operation: PUBLISHING_OPERATIONS } } },
];

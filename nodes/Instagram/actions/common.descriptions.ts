import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_WAIT_SECONDS,
	DEFAULT_POLL_INTERVAL_SECONDS,
	MAX_POLL_INTERVAL_SECONDS,
	MAX_WAIT_LIMIT_SECONDS,
	MIN_POLL_INTERVAL_SECONDS,
} from '../parameters/options';

export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Instagram professional (Business or Creator) account to publish to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 17841400000000000',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^(\\d{5,25}|me)$',
						errorMessage: 'Not a valid Instagram account ID',
					},
				},
			],
		},
	],
};

export const captionField: INodeProperties = {
	displayName: 'Caption',
	name: 'caption',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Up to 2,200 characters, 30 hashtags and 20 @-mentions',
};

export const publishOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'First Comment',
			name: 'firstComment',
			type: 'string',
			default: '',
			description:
				'A comment posted right after publishing (e.g. hashtags). If it fails, the post stays up and the output reports why.',
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.guid }}',
			description:
				"A unique value per post (such as an RSS GUID). A key that was already published is skipped, so re-runs and n8n's Retry On Fail never post twice.",
		},
		{
			displayName: 'Idempotency Window (Days)',
			name: 'idempotencyWindowDays',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 365 },
			default: 30,
			description: 'How long published idempotency keys are remembered',
		},
		{
			displayName: 'Include Permalink',
			name: 'includePermalink',
			type: 'boolean',
			default: false,
			description:
				"Whether to read the post's public link after publishing (one more Graph call; if it fails, the post is still reported as published)",
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_LIMIT_SECONDS },
			default: DEFAULT_MAX_WAIT_SECONDS,
			description:
				'How long to wait for Instagram to process the media before stopping with the container ID, so you can resume with the Status operation',
		},
		{
			displayName: 'On Quota Exhausted',
			name: 'onQuotaExhausted',
			type: 'options',
			options: [
				{
					name: 'Error',
					value: 'error',
					description: 'Stop with an error that says when a slot frees',
				},
				{
					name: 'Skip',
					value: 'skip',
					description: 'Output { skipped: true, reason: "quota" } and continue',
				},
			],
			default: 'error',
			description:
				"What to do when the account's 24-hour publishing limit is used up. Checked before any container is created.",
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: {
				minValue: MIN_POLL_INTERVAL_SECONDS,
				maxValue: MAX_POLL_INTERVAL_SECONDS,
				numberPrecision: 1,
			},
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description:
				'First pause before checking whether a video has been processed; later checks back off up to 30 seconds, and up to a minute once a video has processed for 2 minutes',
		},
		{
			displayName: 'Preflight',
			name: 'preflight',
			type: 'boolean',
			default: true,
			description:
				'Whether to check each media file before anything is sent to Instagram: one small request per URL (the first 64 KB of an image, a HEAD for a video) for its type, size and, for JPEGs, aspect ratio; binary data is checked locally. A file Meta would reject fails the item with what to change; a host n8n cannot reach only gives a hint.',
		},
		{
			displayName: 'Publish Mode',
			name: 'publishMode',
			type: 'options',
			options: [
				{ name: 'Publish', value: 'publish', description: 'Create the media and publish it' },
				{
					name: 'Container Only',
					value: 'containerOnly',
					description:
						'Create the media and wait until Instagram has processed it, but do not publish; publish later with the Status operation',
				},
			],
			default: 'publish',
		},
	],
};

import type { INodeProperties } from 'n8n-workflow';

/** The per-operation "Additional Fields" collection (same name everywhere so values survive switching). */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export const altTextField: INodeProperties = {
	displayName: 'Alt Text',
	name: 'altText',
	type: 'string',
	default: '',
	description: 'Describes the image for people using screen readers (up to 1,000 characters)',
};

export const collaboratorsField: INodeProperties = {
	displayName: 'Collaborators',
	name: 'collaborators',
	type: 'string',
	default: '',
	placeholder: 'e.g. partner_brand, jane.doe',
	description:
		'Comma-separated usernames (without @) invited as collaborators; they must be public accounts',
};

export const isAiGeneratedField: INodeProperties = {
	displayName: 'Is AI Generated',
	name: 'isAiGenerated',
	type: 'boolean',
	default: false,
	description: 'Whether to label the post as made with AI',
};

export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 7640348500',
	description: 'ID of a Facebook Page that has a location (latitude and longitude)',
};

export const userTagsField: INodeProperties = {
	displayName: 'User Tags',
	name: 'userTags',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Tag',
	description:
		'Public accounts to tag. On images, X and Y (0–1 from the top left) say where the tag sits.',
	options: [
		{
			displayName: 'Tag',
			name: 'tag',
			values: [
				{
					displayName: 'Username',
					name: 'username',
					type: 'string',
					default: '',
					placeholder: 'e.g. jane.doe',
				},
				{
					displayName: 'X',
					name: 'x',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
					default: 0.5,
				},
				{
					displayName: 'Y',
					name: 'y',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
					default: 0.5,
				},
			],
		},
	],
};

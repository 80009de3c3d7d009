import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** Scopes for publishing, listing the Pages' Instagram accounts and posting the first comment. */
const SCOPES = [
	'instagram_basic',
	'instagram_content_publish',
	'instagram_manage_comments',
	'pages_show_list',
	'pages_read_engagement',
	'business_management',
].join(',');

export class InstagramOAuth2Api implements ICredentialType {
	name = 'instagramOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Instagram OAuth2 API';

	icon = { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-instagram-publisher/n8n-nodes-instagram-publisher#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v25.0',
			description: 'Graph API version used for login and every call, e.g. v25.0',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '=https://www.facebook.com/{{$self["apiVersion"] || "v25.0"}}/dialog/oauth',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '=https://graph.facebook.com/{{$self["apiVersion"] || "v25.0"}}/oauth/access_token',
			required: true,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: SCOPES },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		// Meta reads client_id and client_secret from the token request's parameters, not Basic auth.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4567',
			description:
				'Advanced: send Graph API calls to another origin (a proxy or the test sandbox). Leave empty for https://graph.facebook.com.',
		},
	];
}

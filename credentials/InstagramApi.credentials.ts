import { ApplicationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProblem } from '../nodes/Instagram/transport/baseUrl';
import {
	TOKEN_CHECKED_AT,
	TOKEN_EXPIRES_AT,
	TOKEN_FINGERPRINT,
} from '../nodes/Instagram/transport/tokenRefresh';
import {
	appSecretProof,
	refreshInstagramToken,
} from '../nodes/Instagram/transport/tokenRefreshCall';

export class InstagramApi implements ICredentialType {
	name = 'instagramApi';

	displayName = 'Instagram Access Token API';

	icon = { light: 'file:instagram.svg', dark: 'file:instagram.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-instagram-publisher/n8n-nodes-instagram-publisher#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Login Type',
			name: 'loginType',
			type: 'options',
			options: [
				{
					name: 'Facebook Login (Page, System User or User Token)',
					value: 'facebook',
					description: 'Token starting with EAA…, used with graph.facebook.com',
				},
				{
					name: 'Instagram Login (Instagram User Token)',
					value: 'instagram',
					description: 'Token starting with IGAA…, used with graph.instagram.com',
				},
			],
			default: 'facebook',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long-lived token. Page and System User tokens do not expire; user tokens last about 60 days.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. When set, every call carries appsecret_proof (required if the Meta app has "Require App Secret" on).',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: 'v25.0',
			description: 'Graph API version, e.g. v25.0',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4567',
			description:
				"Advanced: send calls to another origin (a proxy or the test sandbox). Leave empty to use Meta's host for the login type.",
		},
		// What the credential knows about an Instagram Login token, written by preAuthentication and
		// persisted by n8n. Empty `tokenExpiresAt` (the expirable field) makes n8n run preAuthentication.
		{
			displayName: 'Token Expires At',
			name: TOKEN_EXPIRES_AT,
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{ displayName: 'Token Checked At', name: TOKEN_CHECKED_AT, type: 'hidden', default: '' },
		{ displayName: 'Token Fingerprint', name: TOKEN_FINGERPRINT, type: 'hidden', default: '' },
	];

	/**
	 * Instagram Login only: refreshes the token (`ig_refresh_token`) and returns the new token and
	 * its expiry, which n8n stores in the credential. Never throws: when Meta refuses (token under
	 * 24 h old, expired, revoked) the current token is used and the next Graph call says what is wrong.
	 */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await refreshInstagramToken(this, credentials);
	}

	/** The token goes in the Authorization header only, never in a URL. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const target = requestUrl(requestOptions);
		const problem = target === undefined ? undefined : baseUrlProblem(target);
		if (problem) {
			// Also covers the credential's Test button, which does not go through the node.
			throw new ApplicationError(
				`The Instagram credential's Base URL ${problem}; no request was sent`,
			);
		}
		const token = String(credentials.accessToken ?? '').trim();
		const appSecret = String(credentials.appSecret ?? '').trim();
		const options: IHttpRequestOptions = {
			...requestOptions,
			// Meta's video-upload host documents only the classic `OAuth` scheme; the Graph API takes Bearer.
			headers: { ...requestOptions.headers, Authorization: `${schemeFor(target)} ${token}` },
		};
		if (appSecret) {
			options.qs = { ...requestOptions.qs, appsecret_proof: appSecretProof(appSecret, token) };
		}
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : ($credentials.loginType === "instagram" ? "https://graph.instagram.com" : "https://graph.facebook.com")) + "/" + ($credentials.apiVersion || "v25.0") }}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}

/** Where a request goes: its url, resolved against baseURL (the credential test sets both). */
function requestUrl(options: IHttpRequestOptions): string | undefined {
	try {
		return new URL(options.url, options.baseURL || undefined).href;
	} catch {
		return undefined;
	}
}

/** `OAuth` for Meta's resumable-upload endpoint (`…/ig-api-upload/…`), `Bearer` everywhere else. */
function schemeFor(url: string | undefined): 'OAuth' | 'Bearer' {
	return url !== undefined && new URL(url).pathname.startsWith('/ig-api-upload/')
		? 'OAuth'
		: 'Bearer';
}

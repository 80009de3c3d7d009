import { createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { baseUrlProblem } from './baseUrl';
import { systemClock } from './clock';
import { refreshOutcome } from './tokenRefresh';

const INSTAGRAM_ORIGIN = 'https://graph.instagram.com';
const REFRESH_TIMEOUT_MS = 30_000;

export function appSecretProof(appSecret: string, token: string): string {
	return createHmac('sha256', appSecret).update(token).digest('hex');
}

/** Pure: Meta's unversioned refresh endpoint on the credential's Base URL or graph.instagram.com. */
export function refreshUrl(baseUrl: unknown): string {
	const origin = String(baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v\d+(\.\d+)?$/, '');
	return `${origin || INSTAGRAM_ORIGIN}/refresh_access_token`;
}

/**
 * The body of the `instagramApi` credential's `preAuthentication`: for Instagram Login,
 * `GET /refresh_access_token?grant_type=ig_refresh_token` with the token in the Authorization
 * header. Never throws: when Meta refuses (token under 24 h old, expired, revoked) or does not
 * answer, the current token stays and the next Graph call reports what is wrong. The request's
 * own error is never surfaced, as it may quote the request.
 */
export async function refreshInstagramToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.loginType !== 'instagram') return {};
	const token = String(credentials.accessToken ?? '').trim();
	const url = refreshUrl(credentials.baseUrl);
	if (token === '' || baseUrlProblem(url)) return {};
	const appSecret = String(credentials.appSecret ?? '').trim();
	let answer: IDataObject | undefined;
	try {
		const response = (await helper.helpers.httpRequest({
			method: 'GET',
			url,
			qs: {
				grant_type: 'ig_refresh_token',
				...(appSecret ? { appsecret_proof: appSecretProof(appSecret, token) } : {}),
			},
			headers: { Authorization: `Bearer ${token}` },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REFRESH_TIMEOUT_MS,
		})) as { statusCode?: number; body?: unknown };
		if (response.statusCode === 200 && response.body && typeof response.body === 'object')
			answer = response.body as IDataObject;
	} catch {
		answer = undefined;
	}
	return refreshOutcome(credentials, answer, systemClock.now());
}

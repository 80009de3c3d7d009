import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	refreshDue,
	refreshOutcome,
	storedTokenExpiry,
	tokenFingerprint,
} from '../../nodes/Instagram/transport/tokenRefresh';
import {
	refreshInstagramToken,
	refreshUrl,
} from '../../nodes/Instagram/transport/tokenRefreshCall';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const FAKE_IG_VALUE = 'IGAAunitTestTokenValue0001';
const iso = (ms: number) => new Date(ms).toISOString();

function credential(
	facts: Partial<Record<'expires' | 'checked', number | string>> & { fingerprint?: string } = {},
) {
	const data: ICredentialDataDecryptedObject = {
		loginType: 'instagram',
		accessToken: FAKE_IG_VALUE,
	};
	if (facts.expires !== undefined)
		data.tokenExpiresAt = typeof facts.expires === 'number' ? iso(facts.expires) : facts.expires;
	if (facts.checked !== undefined)
		data.tokenCheckedAt = typeof facts.checked === 'number' ? iso(facts.checked) : facts.checked;
	data.tokenFingerprint = facts.fingerprint ?? tokenFingerprint(FAKE_IG_VALUE);
	return data;
}

describe('refreshDue', () => {
	it.each<[string, ICredentialDataDecryptedObject, boolean]>([
		[
			'first use (no facts)',
			{ loginType: 'instagram', accessToken: FAKE_IG_VALUE, tokenExpiresAt: '' },
			true,
		],
		[
			'facts about another token (pasted a new one)',
			credential({ expires: NOW + 50 * DAY, checked: NOW - DAY, fingerprint: 'abcd' }),
			true,
		],
		['40 days left', credential({ expires: NOW + 40 * DAY, checked: NOW - 20 * DAY }), false],
		[
			'30 days and a minute left',
			credential({ expires: NOW + 30 * DAY + 60_000, checked: NOW - 30 * DAY }),
			false,
		],
		['29 days left', credential({ expires: NOW + 29 * DAY, checked: NOW - 31 * DAY }), true],
		[
			'already expired (Meta will refuse; tried once a day)',
			credential({ expires: NOW - DAY, checked: NOW - 2 * DAY }),
			true,
		],
		[
			'refreshed 23 h ago, short lifetime',
			credential({ expires: NOW + 10 * DAY, checked: NOW - 23 * 3_600_000 }),
			false,
		],
		[
			'refused 23 h ago (unknown expiry)',
			credential({ expires: 'unknown', checked: NOW - 23 * 3_600_000 }),
			false,
		],
		[
			'refused 25 h ago (unknown expiry)',
			credential({ expires: 'unknown', checked: NOW - 25 * 3_600_000 }),
			true,
		],
		[
			'Facebook login type',
			{ loginType: 'facebook', accessToken: 'EAAx', tokenExpiresAt: '' },
			false,
		],
		['no token', { loginType: 'instagram', accessToken: '', tokenExpiresAt: '' }, false],
	])('%s → %s', (_name, data, due) => {
		expect(refreshDue(data, NOW)).toBe(due);
	});
});

describe('refreshOutcome (what n8n persists)', () => {
	it('a new token: token, expiry from expires_in, attempt time, fingerprint', () => {
		expect(
			refreshOutcome(credential(), { access_token: 'IGAAnew', expires_in: 5_184_000 }, NOW),
		).toEqual({
			accessToken: 'IGAAnew',
			tokenExpiresAt: iso(NOW + 60 * DAY),
			tokenCheckedAt: iso(NOW),
			tokenFingerprint: tokenFingerprint('IGAAnew'),
		});
	});

	it('no expires_in: the expiry is unknown', () => {
		expect(refreshOutcome(credential(), { access_token: 'IGAAnew' }, NOW).tokenExpiresAt).toBe(
			'unknown',
		);
	});

	it('refused: keeps the token, keeps a known expiry, records the attempt', () => {
		const outcome = refreshOutcome(credential({ expires: NOW + 5 * DAY }), undefined, NOW);
		expect(outcome).toEqual({
			tokenExpiresAt: iso(NOW + 5 * DAY),
			tokenCheckedAt: iso(NOW),
			tokenFingerprint: tokenFingerprint(FAKE_IG_VALUE),
		});
		expect(outcome).not.toHaveProperty('accessToken');
	});

	it('refused on first use: expiry unknown (never empty, or n8n would refresh on every call)', () => {
		expect(
			refreshOutcome(
				{ loginType: 'instagram', accessToken: FAKE_IG_VALUE, tokenExpiresAt: '' },
				undefined,
				NOW,
			).tokenExpiresAt,
		).toBe('unknown');
	});

	it('storedTokenExpiry ignores facts about another token', () => {
		expect(storedTokenExpiry(credential({ expires: NOW }))).toBe(NOW);
		expect(storedTokenExpiry(credential({ expires: NOW, fingerprint: 'other' }))).toBeUndefined();
	});
});

describe('refreshUrl', () => {
	it.each([
		['', 'https://graph.instagram.com/refresh_access_token'],
		['http://127.0.0.1:4567/', 'http://127.0.0.1:4567/refresh_access_token'],
		['https://proxy.example.com/v25.0', 'https://proxy.example.com/refresh_access_token'],
	])('%s → %s', (base, url) => expect(refreshUrl(base)).toBe(url));
});

describe('refreshInstagramToken (the credential preAuthentication)', () => {
	function helper(answer: () => Promise<unknown>) {
		const calls: IHttpRequestOptions[] = [];
		const h: IHttpRequestHelper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					calls.push(options);
					return await answer();
				},
			},
		};
		return { h, calls };
	}

	it('sends the token in the Authorization header only, and returns the new token', async () => {
		const { h, calls } = helper(async () => ({
			statusCode: 200,
			body: { access_token: 'IGAAnew', expires_in: 100 },
		}));
		const outcome = await refreshInstagramToken(h, { ...credential(), appSecret: 'secret' });
		expect(outcome.accessToken).toBe('IGAAnew');
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({
			method: 'GET',
			url: 'https://graph.instagram.com/refresh_access_token',
			headers: { Authorization: `Bearer ${FAKE_IG_VALUE}` },
		});
		expect(calls[0].qs).toMatchObject({ grant_type: 'ig_refresh_token' });
		expect(JSON.stringify(calls[0].qs)).not.toContain(FAKE_IG_VALUE);
		expect(calls[0].qs).toHaveProperty('appsecret_proof');
	});

	it.each<[string, () => Promise<unknown>]>([
		['a refusal', async () => ({ statusCode: 400, body: { error: { code: 100 } } })],
		[
			'a network error',
			async () => {
				throw new Error(`connect ECONNREFUSED (Bearer ${FAKE_IG_VALUE})`);
			},
		],
		['a 200 that is not JSON', async () => ({ statusCode: 200, body: '<html>' })],
	])('never throws on %s and keeps the token', async (_name, answer) => {
		const { h } = helper(answer);
		const outcome = await refreshInstagramToken(h, credential({ expires: NOW + DAY }));
		expect(outcome).not.toHaveProperty('accessToken');
		expect(outcome.tokenExpiresAt).toBeTruthy();
		expect(JSON.stringify(outcome)).not.toContain(FAKE_IG_VALUE);
	});

	it('sends nothing for Facebook Login, or to a plain-http remote Base URL', async () => {
		const { h, calls } = helper(async () => ({ statusCode: 200, body: {} }));
		expect(await refreshInstagramToken(h, { loginType: 'facebook', accessToken: 'EAAx' })).toEqual(
			{},
		);
		expect(
			await refreshInstagramToken(h, { ...credential(), baseUrl: 'http://graph.example.com' }),
		).toEqual({});
		expect(calls).toHaveLength(0);
	});
});

import { accessAdvice, missingPermission } from '../../nodes/Instagram/transport/authErrors';
import type { GraphErrorDetails } from '../../nodes/Instagram/transport/errorKinds';
import { debugTokenExpiry, expiryWarning } from '../../nodes/Instagram/transport/tokenExpiry';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const oauth = { credentialType: 'instagramOAuth2Api', loginType: 'facebook' as const };

describe('expiryWarning', () => {
	it.each<[string, number | undefined, RegExp | undefined]>([
		['unknown expiry', undefined, undefined],
		['8 days left', NOW + 8 * DAY, undefined],
		['exactly 7 days left', NOW + 7 * DAY, /expires on 2026-06-08 12:00 UTC \(in 7 days\)/],
		[
			'3 days left',
			NOW + 3 * DAY,
			/expires on 2026-06-04 12:00 UTC \(in 3 days\); publishing stops then/,
		],
		['5 hours left', NOW + 5 * 3_600_000, /\(in 5 hours\)/],
		['expired', NOW - DAY, /^The Instagram access token expired on 2026-05-31 12:00 UTC\./],
	])('%s', (_name, tokenExpiresAt, expected) => {
		const warning = expiryWarning({ ...oauth, tokenExpiresAt }, NOW);
		if (!expected) return expect(warning).toBeUndefined();
		expect(warning).toMatch(expected);
		expect(warning).toMatch(/click "Reconnect"/);
	});

	it('advice follows the credential', () => {
		const at = NOW + DAY;
		expect(
			expiryWarning(
				{ credentialType: 'instagramApi', loginType: 'facebook', tokenExpiresAt: at },
				NOW,
			),
		).toMatch(/System User token from Business Settings/);
		expect(
			expiryWarning(
				{ credentialType: 'instagramApi', loginType: 'instagram', tokenExpiresAt: at },
				NOW,
			),
		).toMatch(/API setup with Instagram login/);
	});
});

describe('debugTokenExpiry', () => {
	it.each<[unknown, number | null | undefined]>([
		[{ data: { expires_at: 1_780_000_000 } }, 1_780_000_000_000],
		[{ data: { expires_at: 0 } }, null],
		[{ data: { is_valid: false } }, undefined],
		[{ error: { code: 190 } }, undefined],
		[undefined, undefined],
	])('%j → %s', (answer, expected) => expect(debugTokenExpiry(answer)).toBe(expected));
});

describe('accessAdvice: one next step per token and permission error', () => {
	const base: GraphErrorDetails = {
		kind: 'auth',
		code: 190,
		credentialType: 'instagramApi',
		loginType: 'facebook',
	};
	it.each<[string, Partial<GraphErrorDetails>, RegExp, RegExp]>([
		['190 without subcode', {}, /rejected the access token/, /^Reconnect the Instagram credential/],
		['190/458', { subcode: 458 }, /revoked/, /grant the app access again/],
		['190/459', { subcode: 459 }, /checkpoint/, /Log in at facebook\.com/],
		['190/460', { subcode: 460 }, /password changed/, /password change ends every session/],
		[
			'190/463',
			{ subcode: 463, tokenExpired: true },
			/has expired/,
			/^Reconnect the Instagram credential: paste a new long-lived token/,
		],
		[
			'190/463 with a known date',
			{ subcode: 463, tokenExpiresAt: '2026-05-30T08:00:00.000Z' },
			/has expired/,
			/^It expired on 2026-05-30 08:00 UTC\. Reconnect/,
		],
		['190/464', { subcode: 464 }, /not confirmed/, /Confirm the account/],
		['190/467', { subcode: 467 }, /logged out/, /Reconnect/],
		['190/492', { subcode: 492 }, /no access to the Page/, /role on the Facebook Page/],
		['102', { code: 102 }, /rejected the access token/, /Reconnect/],
		[
			'10 on media_publish',
			{ kind: 'permission', code: 10, endpoint: 'media_publish' },
			/lacks the instagram_content_publish permission/,
			/^Grant instagram_content_publish/,
		],
		[
			'10 on media, Instagram Login',
			{ kind: 'permission', code: 10, endpoint: 'media', loginType: 'instagram' },
			/instagram_business_content_publish/,
			/App Review/,
		],
		[
			'200 naming the permission',
			{
				kind: 'permission',
				code: 200,
				metaMessage: '(#200) Requires pages_read_engagement permission',
			},
			/pages_read_engagement/,
			/^Grant pages_read_engagement/,
		],
		[
			'299 on comments',
			{ kind: 'permission', code: 299, endpoint: 'comments' },
			/instagram_manage_comments/,
			/reconnect/,
		],
		[
			'2207050',
			{ kind: 'permission', code: 25, subcode: 2207050 },
			/account is restricted/,
			/Open the Instagram app/,
		],
		[
			'2207051',
			{ kind: 'permission', code: 4, subcode: 2207051 },
			/blocked this action/,
			/Do not retry right away/,
		],
		[
			'Page Publishing Authorization',
			{ kind: 'permission', code: 200, metaMessage: 'Requires Page Publishing Authorization' },
			/Page Publishing Authorization/,
			/Page admin must complete/,
		],
	])('%s', (_name, patch, message, action) => {
		const advice = accessAdvice({ ...base, ...patch });
		expect(advice?.message).toMatch(message);
		expect(advice?.action).toMatch(action);
	});

	it('leaves other errors to their kind', () => {
		expect(accessAdvice({ kind: 'invalidMedia', code: 9004 })).toBeUndefined();
		expect(
			accessAdvice({ kind: 'permission', code: 10, endpoint: 'content_publishing_limit' }),
		).toBeUndefined();
		expect(missingPermission({ kind: 'permission', code: 10, endpoint: 'owned_pages' })).toBe(
			'business_management',
		);
	});
});

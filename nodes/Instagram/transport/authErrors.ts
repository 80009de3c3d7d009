import type { GraphErrorDetails } from './errorKinds';
import { expiryDate, reconnectAdvice } from './tokenExpiry';

interface Advice {
	message: string;
	action: string;
}

const RECONNECT = 'Reconnect the Instagram credential (or paste a new token).';

// Code 190 subcodes: Meta's Graph API error-handling guide (reference §8.4).
const TOKEN_SUBCODES: Record<number, Advice> = {
	458: {
		message: 'The Instagram access token was revoked: the app was removed from the account',
		action: `The account owner removed the app or its access. ${RECONNECT} and grant the app access again.`,
	},
	459: {
		message: 'Meta locked the account behind a security checkpoint',
		action:
			'Log in at facebook.com (or in the Instagram app) with this account, complete the checkpoint, then run again.',
	},
	460: {
		message: "The Instagram access token is no longer valid: the account's password changed",
		action: `A password change ends every session. ${RECONNECT}`,
	},
	464: {
		message: 'The Facebook user behind the token is not confirmed',
		action: 'Confirm the account with the e-mail or SMS Meta sent, then reconnect the credential.',
	},
	467: {
		message: 'The Instagram access token is invalid (the user logged out or it was revoked)',
		action: RECONNECT,
	},
	492: {
		message: 'The token has no access to the Page any more',
		action:
			'The person behind the token lost their role on the Facebook Page: give them a role again (Business Settings → Pages), or reconnect with someone who has one.',
	},
};

/** Permission an endpoint needs, by login type (Meta's permission reference). */
function permissionFor(details: GraphErrorDetails): string | undefined {
	const ig = details.loginType === 'instagram';
	switch (details.endpoint) {
		case 'media':
		case 'media_publish':
			return ig ? 'instagram_business_content_publish' : 'instagram_content_publish';
		case 'comments':
			return ig ? 'instagram_business_manage_comments' : 'instagram_manage_comments';
		case 'accounts':
			return 'pages_show_list';
		case 'businesses':
		case 'owned_pages':
		case 'client_pages':
			return 'business_management';
		default:
			return undefined;
	}
}

const PERMISSION_NAME = /\b((?:instagram|pages|business)_[a-z_]+)\b/;

/** Pure: the permission a code 10 / 200–299 error is about: named by Meta, else the endpoint's. */
export function missingPermission(details: GraphErrorDetails): string | undefined {
	return PERMISSION_NAME.exec(details.metaMessage ?? '')?.[1] ?? permissionFor(details);
}

function isPermissionCode(code: number | undefined): boolean {
	return code === 10 || (code !== undefined && code >= 200 && code <= 299);
}

/**
 * Pure: our message and one next step for token and permission errors, or undefined to use the
 * generic text of the error's kind.
 */
export function accessAdvice(details: GraphErrorDetails): Advice | undefined {
	const { code, subcode } = details;
	if (subcode === 2207050)
		return {
			message: 'The Instagram account is restricted',
			action:
				'Open the Instagram app with this account and resolve the notice there (e.g. confirm your identity or accept the terms); publishing works again once the account is active.',
		};
	if (subcode === 2207051)
		return {
			message: 'Instagram blocked this action to protect its community (spam-like activity)',
			action:
				'Do not retry right away: wait some hours, check the account in the Instagram app, and post less often or with less repetitive content.',
		};
	// No documented code: Meta names Page Publishing Authorization in the message.
	if (/publishing authori[sz]ation/i.test(details.metaMessage ?? ''))
		return {
			message: 'The Facebook Page needs Page Publishing Authorization',
			action:
				'A Page admin must complete Page Publishing Authorization (Meta Business Suite → Settings → Page Publishing Authorization, identity and location check); then run again.',
		};
	if (code === 190 && subcode !== undefined && TOKEN_SUBCODES[subcode])
		return TOKEN_SUBCODES[subcode];
	if (details.tokenExpired || (code === 190 && subcode === 463)) {
		const when = details.tokenExpiresAt
			? `It expired on ${expiryDate(Date.parse(details.tokenExpiresAt))}. `
			: '';
		return {
			message: 'The Instagram access token has expired',
			action: `${when}${reconnectAdvice(details)}`,
		};
	}
	if (code === 190 || code === 102 || details.kind === 'auth')
		return { message: 'Instagram rejected the access token', action: reconnectAdvice(details) };
	if (isPermissionCode(code)) {
		const permission = missingPermission(details);
		if (!permission) return undefined;
		return {
			message: `The app lacks the ${permission} permission for this request`,
			action: `Grant ${permission}: reconnect the credential and allow it (or generate a token with it); the Meta app must have it, and for accounts you do not manage it needs Meta's App Review.`,
		};
	}
	return undefined;
}

// Token and account states behind Meta's access errors (reference §8.3, §8.4): a token can be revoked,
// checkpointed, invalidated…, it can lack a permission, and an account can be restricted, blocked for
// spam or need Page Publishing Authorization. Checked after the token is known to be valid.
import type { Ctx } from './context';
import { GraphError } from './errors';
import type { Endpoint } from './types';

export type TokenState =
	| 'revoked'
	| 'checkpoint'
	| 'passwordChanged'
	| 'unconfirmed'
	| 'loggedOut'
	| 'pageRoleLost';
export type AccountState = 'restricted' | 'spamBlocked' | 'needsPublishingAuthorization';

const PREFIX = 'Error validating access token: ';
const TOKEN_ERRORS: Record<TokenState, [number, string]> = {
	revoked: [458, 'The user has not authorized application 1000000000000001.'],
	checkpoint: [
		459,
		'You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
	],
	passwordChanged: [
		460,
		'The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
	],
	unconfirmed: [
		464,
		'Sessions for the user are not allowed because the user is not a confirmed user.',
	],
	loggedOut: [467, 'The session is invalid because the user logged out.'],
	pageRoleLost: [492, 'The session is invalid.'],
};

const PUBLISHING: Endpoint[] = ['createContainer', 'publish'];

function accountError(state: AccountState): GraphError {
	if (state === 'restricted')
		return new GraphError(25, 'The Instagram account is restricted.', {
			subcode: 2207050,
			title: 'Account restricted',
			userMsg: 'The Instagram account is restricted.',
		});
	if (state === 'spamBlocked')
		return new GraphError(
			4,
			'We restrict certain activity to protect our community. Let us know if you think that we made a mistake.',
			{ subcode: 2207051, title: 'Action blocked' },
		);
	// No captured body: wording ours (Meta names Page Publishing Authorization in the text).
	return new GraphError(
		200,
		'(#200) The Page must complete Page Publishing Authorization before it can publish (sandbox wording)',
	);
}

export class AccessRules {
	private readonly tokens = new Map<string, TokenState>();
	private readonly accounts = new Map<string, AccountState>();
	/** Tokens without `instagram_content_publish`. */
	private readonly cannotPublish = new Set<string>();

	setTokenState(token: string, state: TokenState | undefined): void {
		if (state) this.tokens.set(token, state);
		else this.tokens.delete(token);
	}

	setAccountState(accountId: string, state: AccountState | undefined): void {
		if (state) this.accounts.set(accountId, state);
		else this.accounts.delete(accountId);
	}

	withoutPublishPermission(token: string): void {
		this.cannotPublish.add(token);
	}

	reset(): void {
		this.tokens.clear();
		this.accounts.clear();
		this.cannotPublish.clear();
	}

	/** Throws the error Meta would answer for this request, if any. */
	check(ctx: Ctx): void {
		const state = ctx.token === undefined ? undefined : this.tokens.get(ctx.token);
		if (state) {
			const [subcode, text] = TOKEN_ERRORS[state];
			throw new GraphError(190, PREFIX + text, { subcode, type: 'OAuthException' });
		}
		if (!PUBLISHING.includes(ctx.target.endpoint)) return;
		if (ctx.token !== undefined && this.cannotPublish.has(ctx.token))
			throw new GraphError(10, '(#10) Application does not have permission for this action');
		const account = ctx.target.accountId ? this.accounts.get(ctx.target.accountId) : undefined;
		if (account) throw accountError(account);
	}
}

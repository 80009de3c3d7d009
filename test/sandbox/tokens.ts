// Instagram Login token lifetimes (reference §2.2, "IG refresh"): a token lives 60 days on the sandbox
// clock, expires by it, and `GET /refresh_access_token?grant_type=ig_refresh_token` swaps a valid token
// that is at least 24 h old for a new 60-day one.
import type { Identity } from './auth';
import type { Ctx } from './context';
import { E, GraphError } from './errors';
import { TOKENS } from './ids';
import type { SandboxAccount } from './types';

const DAY_MS = 86_400_000;
export const IG_TOKEN_LIFETIME_MS = 60 * DAY_MS;
export const IG_REFRESH_MIN_AGE_MS = DAY_MS;

export interface IgLoginToken {
	token: string;
	/** 0 for the seed token (`tokens.instagram`), n for the n-th refresh. */
	serial: number;
	issuedAt: number;
	expiresAt: number;
}

export interface TokenLifetimeOptions {
	/** Age of `tokens.instagram` when the sandbox starts (or is reset), on its clock. Default 0. */
	instagramTokenAgeMs?: number;
	/** Lifetime of Instagram Login tokens. Default 60 days. */
	instagramTokenLifetimeMs?: number;
}

/** Meta's answer to refreshing a token under 24 h old is not documented; this one is ours. */
const tooYoung = () =>
	new GraphError(
		100,
		'The access token cannot be refreshed yet: a long-lived token can be refreshed once it is at least 24 hours old (sandbox wording)',
		{ type: 'IGApiException' },
	);

export class InstagramTokens {
	private readonly byToken = new Map<string, IgLoginToken>();
	private serial = 0;

	constructor(
		private readonly options: TokenLifetimeOptions,
		private readonly clock: () => number,
	) {
		this.reset();
	}

	get lifetimeMs(): number {
		return this.options.instagramTokenLifetimeMs ?? IG_TOKEN_LIFETIME_MS;
	}

	/** Every Instagram Login token issued so far, oldest first. */
	list(): IgLoginToken[] {
		return [...this.byToken.values()];
	}

	reset(): void {
		this.byToken.clear();
		this.serial = 0;
		const issuedAt = this.clock() - (this.options.instagramTokenAgeMs ?? 0);
		this.add(TOKENS.instagram, 0, issuedAt);
	}

	find(token: string | undefined): IgLoginToken | undefined {
		return token === undefined ? undefined : this.byToken.get(token);
	}

	/** The identity of a known Instagram Login token: valid, or expired by the clock. */
	identify(
		token: string | undefined,
		accounts: SandboxAccount[],
		now: number,
	): Identity | undefined {
		const known = this.find(token);
		if (!known) return undefined;
		if (now >= known.expiresAt) return { kind: 'expired', ig: true, accounts: [] };
		return { kind: 'instagram', ig: true, accounts: [accounts[0].id] };
	}

	/** `GET /refresh_access_token`: the old token stays valid until its own expiry (not stated by Meta). */
	refresh(ctx: Ctx): unknown {
		if (ctx.params.grant_type !== 'ig_refresh_token')
			throw E.invalidParam('grant_type must be ig_refresh_token');
		const known = this.find(ctx.token);
		if (!known) throw E.invalidToken();
		if (ctx.now >= known.expiresAt) throw E.expiredToken(ctx.now);
		if (ctx.now - known.issuedAt < IG_REFRESH_MIN_AGE_MS) throw tooYoung();
		const fresh = this.add(this.nextToken(), ++this.serial, ctx.now);
		return {
			access_token: fresh.token,
			token_type: 'bearer',
			expires_in: Math.round(this.lifetimeMs / 1000),
		};
	}

	private nextToken(): string {
		const n = String(this.serial + 1).padStart(4, '0');
		return `IGAASandboxInstagramToken${n}RefreshedBZAZDvK8mQ2xT7nR4wL9pY3cH6jF1sD5gZD`;
	}

	private add(token: string, serial: number, issuedAt: number): IgLoginToken {
		const entry = { token, serial, issuedAt, expiresAt: issuedAt + this.lifetimeMs };
		this.byToken.set(token, entry);
		return entry;
	}
}

// Token lifetimes on the sandbox clock (reference §2.2, §2.3). Instagram Login: a token lives 60 days,
// expires by the clock, and `GET /refresh_access_token?grant_type=ig_refresh_token` swaps a valid token
// that is at least 24 h old for a new 60-day one. Facebook Login: the user token (`tokens.facebook`)
// expires when `facebookTokenLifetimeMs` is set; `GET /debug_token` reports it (Page tokens: never).
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
	/** `tokens.facebook` expires this long after the sandbox starts (or is reset). Default: never. */
	facebookTokenLifetimeMs?: number;
}

/** Meta's answer to refreshing a token under 24 h old is not documented; this one is ours. */
const tooYoung = () =>
	new GraphError(
		100,
		'The access token cannot be refreshed yet: a long-lived token can be refreshed once it is at least 24 hours old (sandbox wording)',
		{ type: 'IGApiException' },
	);

export class TokenLifetimes {
	private readonly byToken = new Map<string, IgLoginToken>();
	private serial = 0;
	private facebookExpiresAt?: number;

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
		const fbLifetime = this.options.facebookTokenLifetimeMs;
		this.facebookExpiresAt = fbLifetime === undefined ? undefined : this.clock() + fbLifetime;
		const issuedAt = this.clock() - (this.options.instagramTokenAgeMs ?? 0);
		this.add(TOKENS.instagram, 0, issuedAt);
	}

	find(token: string | undefined): IgLoginToken | undefined {
		return token === undefined ? undefined : this.byToken.get(token);
	}

	/** The identity of a known Instagram Login token, or of an expired Facebook user token. */
	identify(
		token: string | undefined,
		accounts: SandboxAccount[],
		now: number,
	): Identity | undefined {
		if (
			token === TOKENS.facebook &&
			this.facebookExpiresAt !== undefined &&
			now >= this.facebookExpiresAt
		)
			return { kind: 'expired', ig: false, accounts: [] };
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

	/** `GET /debug_token?input_token=…` (needs a valid token in the Authorization header). */
	debugToken(ctx: Ctx, accounts: SandboxAccount[]): unknown {
		const input = typeof ctx.params.input_token === 'string' ? ctx.params.input_token : undefined;
		if (input === undefined) throw E.missingParam('input_token');
		const seconds = (ms: number | undefined) => (ms === undefined ? 0 : Math.floor(ms / 1000));
		const base = { app_id: '1000000000000001', application: 'Sandbox App' };
		if (input === TOKENS.facebook) {
			const valid = this.facebookExpiresAt === undefined || ctx.now < this.facebookExpiresAt;
			return {
				data: {
					...base,
					type: 'USER',
					is_valid: valid,
					expires_at: seconds(this.facebookExpiresAt),
					scopes: ['instagram_basic', 'instagram_content_publish', 'pages_show_list'],
					user_id: '10160000000000001',
				},
			};
		}
		const page = accounts.find((a) => a.pageToken === input);
		if (page)
			return {
				data: { ...base, type: 'PAGE', is_valid: true, expires_at: 0, profile_id: page.pageId },
			};
		return {
			data: {
				is_valid: false,
				error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
			},
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

// Token extraction, token identities and appsecret_proof (reference §2.4, §2.5).
import { createHmac } from 'crypto';

import { E } from './errors';
import { TOKENS } from './ids';
import type { SandboxAccount, SandboxOptions, TokenKind } from './types';

export interface TokenRef {
	raw?: string;
	/** Authorization scheme as sent (`Bearer`, `OAuth`, …) when the header was present. */
	scheme?: string;
	/** `access_token` was present in the URL query string. */
	inUrl: boolean;
}

export interface Identity {
	kind: TokenKind;
	/** IG-shaped token (`IGAA…`): errors use `IGApiException`, `me` is the IG user. */
	ig: boolean;
	/** IG user ids this token may act on. */
	accounts: string[];
	/** Page the token belongs to (Page tokens). */
	pageId?: string;
}

const HEADER = /^(\S+)\s+(\S+)\s*$/;

export function extractToken(
	authorization: string | undefined,
	query: Record<string, string>,
	body: Record<string, unknown>,
): TokenRef {
	const inUrl = typeof query.access_token === 'string';
	if (authorization !== undefined) {
		const m = HEADER.exec(authorization);
		const scheme = m ? m[1] : authorization.split(/\s+/)[0] || 'unknown';
		const ok = m !== null && /^(bearer|oauth)$/i.test(m[1]);
		return { raw: ok && m ? m[2] : undefined, scheme, inUrl };
	}
	if (inUrl) return { raw: query.access_token, inUrl };
	if (typeof body.access_token === 'string') return { raw: body.access_token, inUrl };
	return { inUrl };
}

export function identify(ref: TokenRef, accounts: SandboxAccount[]): Identity {
	const raw = ref.raw;
	const ig = raw !== undefined && raw.startsWith('IG');
	if (raw === undefined) return { kind: ref.scheme ? 'unknown' : 'none', ig, accounts: [] };
	if (raw === TOKENS.facebook) return { kind: 'facebook', ig, accounts: accounts.map((a) => a.id) };
	if (raw === TOKENS.instagram) return { kind: 'instagram', ig, accounts: [accounts[0].id] };
	if (raw === TOKENS.expired) return { kind: 'expired', ig, accounts: [] };
	const page = accounts.find((a) => a.pageToken === raw);
	if (page) return { kind: 'page', ig, accounts: [page.id], pageId: page.pageId };
	return { kind: 'unknown', ig, accounts: [] };
}

/** Throws the Graph 190 error for missing, unknown or expired tokens. */
export function requireValidToken(id: Identity, now: number): void {
	if (id.kind === 'none' || id.kind === 'unknown') throw E.invalidToken();
	if (id.kind === 'expired') throw E.expiredToken(now);
}

export function appsecretProof(appSecret: string, token: string): string {
	return createHmac('sha256', appSecret).update(token).digest('hex');
}

/** Validates `appsecret_proof` when an app secret is configured (enforced only if required). */
export function checkProof(
	options: SandboxOptions,
	token: string | undefined,
	params: Record<string, unknown>,
): void {
	if (!options.appSecret || token === undefined) return;
	const proof = params.appsecret_proof;
	if (proof === undefined || proof === '') {
		if (options.requireAppSecretProof) throw E.appsecretMissing();
		return;
	}
	if (proof !== appsecretProof(options.appSecret, token)) throw E.appsecretInvalid();
}

/** `Authorization` as recorded: scheme + token kind, never the token itself. */
export function describeAuthorization(ref: TokenRef, id: Identity): string | undefined {
	return ref.scheme === undefined ? undefined : `${ref.scheme} ${id.kind}`;
}

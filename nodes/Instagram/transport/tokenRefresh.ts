import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * Instagram Login tokens (`IGAA…`) last 60 days and Meta refreshes them only while they are valid
 * and at least 24 h old. The credential keeps what it learnt about its token in hidden fields,
 * which n8n persists from the credential's `preAuthentication` (n8n's CredentialsHelper):
 * `tokenExpiresAt` is the `expirable` field: when it is empty n8n runs `preAuthentication`.
 */
export const TOKEN_EXPIRES_AT = 'tokenExpiresAt';
export const TOKEN_CHECKED_AT = 'tokenCheckedAt';
export const TOKEN_FINGERPRINT = 'tokenFingerprint';
/** The expiry is not known yet (Meta refused the last refresh). */
export const UNKNOWN_EXPIRY = 'unknown';

const DAY_MS = 86_400_000;
/** Refresh once fewer days than this are left (a 60-day token is refreshed about every 30 days). */
export const REFRESH_WHEN_LEFT_MS = 30 * DAY_MS;
/** Meta refuses to refresh a token younger than this; an attempt is also not repeated sooner. */
export const MIN_REFRESH_INTERVAL_MS = DAY_MS;

/** Pure: a short, one-way tag of the token, so stored facts are never applied to a pasted new token. */
export function tokenFingerprint(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

function tokenOf(data: ICredentialDataDecryptedObject): string {
	return String(data.accessToken ?? '').trim();
}

function timeOf(value: unknown): number | undefined {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(ms) ? undefined : ms;
}

/** Pure: whether the stored refresh facts describe the token the credential holds now. */
function factsMatch(data: ICredentialDataDecryptedObject): boolean {
	const token = tokenOf(data);
	return token !== '' && data[TOKEN_FINGERPRINT] === tokenFingerprint(token);
}

/** Pure: when the credential's Instagram Login token expires (ms), where it is known. */
export function storedTokenExpiry(data: ICredentialDataDecryptedObject): number | undefined {
	return factsMatch(data) ? timeOf(data[TOKEN_EXPIRES_AT]) : undefined;
}

/**
 * Pure: whether this execution should ask Meta for a fresh Instagram Login token: on first use
 * (nothing known about this token), and once fewer than 30 days are left; never within 24 h of
 * the last attempt (the token we got then is younger than that, or Meta refused it then).
 */
export function refreshDue(data: ICredentialDataDecryptedObject, now: number): boolean {
	if (data.loginType !== 'instagram' || tokenOf(data) === '') return false;
	if (!factsMatch(data)) return true;
	const checkedAt = timeOf(data[TOKEN_CHECKED_AT]);
	if (checkedAt !== undefined && now - checkedAt < MIN_REFRESH_INTERVAL_MS) return false;
	const expiresAt = timeOf(data[TOKEN_EXPIRES_AT]);
	return expiresAt === undefined || expiresAt - now < REFRESH_WHEN_LEFT_MS;
}

interface RefreshAnswer {
	access_token?: unknown;
	expires_in?: unknown;
}

/**
 * Pure: what the credential's `preAuthentication` returns (and n8n persists) after a refresh call.
 * `answer` is Meta's 200 body, or undefined when Meta refused or did not answer: then the token
 * stays, its expiry stays as known, and the attempt time keeps the next try 24 h away.
 */
export function refreshOutcome(
	data: ICredentialDataDecryptedObject,
	answer: RefreshAnswer | undefined,
	now: number,
): IDataObject {
	const checkedAt = new Date(now).toISOString();
	const token = typeof answer?.access_token === 'string' ? answer.access_token.trim() : '';
	if (token !== '') {
		const seconds = Number(answer?.expires_in);
		return {
			accessToken: token,
			[TOKEN_EXPIRES_AT]:
				seconds > 0 ? new Date(now + seconds * 1000).toISOString() : UNKNOWN_EXPIRY,
			[TOKEN_CHECKED_AT]: checkedAt,
			[TOKEN_FINGERPRINT]: tokenFingerprint(token),
		};
	}
	const known = storedTokenExpiry(data);
	return {
		[TOKEN_EXPIRES_AT]: known !== undefined ? new Date(known).toISOString() : UNKNOWN_EXPIRY,
		[TOKEN_CHECKED_AT]: checkedAt,
		[TOKEN_FINGERPRINT]: tokenFingerprint(tokenOf(data)),
	};
}

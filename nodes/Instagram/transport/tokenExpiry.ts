import type { GraphConnection } from './connection';

const DAY_MS = 86_400_000;
/** From this long before expiry, every execution warns. */
export const EXPIRY_WARNING_MS = 7 * DAY_MS;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** Pure: `2026-12-05 14:00 UTC`. */
export function expiryDate(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Pure: what to do about an expiring or expired token, for the credential in use. */
export function reconnectAdvice(connection: {
	credentialType?: string;
	loginType?: string;
}): string {
	if (connection.credentialType === 'instagramOAuth2Api')
		return 'Reconnect the Instagram credential: open the Instagram OAuth2 API credential and click "Reconnect" (Meta gives Facebook Login no refresh token). For unattended workflows use a System User token, which does not expire, in an Instagram Access Token API credential.';
	if (connection.loginType === 'instagram')
		return 'Reconnect the Instagram credential: generate a new token (Meta app → Instagram → API setup with Instagram login) and paste it. While a token is valid and at least 24 hours old the node refreshes it by itself.';
	return 'Reconnect the Instagram credential: paste a new long-lived token, or better a System User token from Business Settings, which does not expire.';
}

/**
 * Pure: the warning every execution shows from 7 days before the token expires (and after), or
 * undefined when the expiry is unknown or further away.
 */
export function expiryWarning(
	connection: Pick<GraphConnection, 'credentialType' | 'loginType' | 'tokenExpiresAt'>,
	now: number,
): string | undefined {
	const expiresAt = connection.tokenExpiresAt;
	if (expiresAt === undefined || expiresAt - now > EXPIRY_WARNING_MS) return undefined;
	const advice = reconnectAdvice(connection);
	if (expiresAt <= now)
		return `The Instagram access token expired on ${expiryDate(expiresAt)}. ${advice}`;
	const hours = Math.ceil((expiresAt - now) / 3_600_000);
	const days = Math.ceil(hours / 24);
	const left = hours < 24 ? `in ${plural(hours, 'hour')}` : `in ${plural(days, 'day')}`;
	return `The Instagram access token expires on ${expiryDate(expiresAt)} (${left}); publishing stops then. ${advice}`;
}

interface DebugTokenAnswer {
	data?: { expires_at?: unknown; is_valid?: unknown };
}

/** Pure: the expiry in a `debug_token` answer (ms); `null` = never expires; undefined = not stated. */
export function debugTokenExpiry(answer: unknown): number | null | undefined {
	const seconds = Number((answer as DebugTokenAnswer | undefined)?.data?.expires_at);
	if (!Number.isFinite(seconds)) return undefined;
	return seconds === 0 ? null : seconds * 1000;
}

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Clock } from './clock';
import type { GraphConnection, GraphContext } from './connection';
import type { GraphErrorDetails } from './errorKinds';
import { debugTokenExpiry, expiryWarning } from './tokenExpiry';

/** Pure: token and permission errors get what their advice needs (credential, endpoint, expiry). */
export function withAccessContext(
	details: GraphErrorDetails,
	connection: GraphConnection,
	path: readonly string[],
): GraphErrorDetails {
	if (details.kind !== 'auth' && details.kind !== 'permission') return details;
	const { tokenExpiresAt } = connection;
	return {
		...details,
		credentialType: connection.credentialType,
		loginType: connection.loginType,
		endpoint: path[path.length - 1],
		...(tokenExpiresAt ? { tokenExpiresAt: new Date(tokenExpiresAt).toISOString() } : {}),
	};
}

/** Sends `GET /debug_token?input_token=…` and gives back the body of a 200 answer. */
export type DebugToken = (inputToken: string) => Promise<unknown>;

/**
 * Once per execution, after the first successful Graph call: for Facebook Login (OAuth2) whose
 * stored token data gives no expiry, asks `debug_token`; then, from 7 days before the expiry, puts
 * a warning with the date and what to do in the log and in the execution's hints.
 */
export async function checkTokenExpiry(
	ctx: GraphContext,
	connection: GraphConnection,
	data: ICredentialDataDecryptedObject,
	debugToken: DebugToken,
	clock: Clock,
): Promise<void> {
	const tokenData = (data.oauthTokenData ?? {}) as Record<string, unknown>;
	const accessToken = tokenData.access_token;
	if (
		connection.credentialType === 'instagramOAuth2Api' &&
		connection.tokenExpiresAt === undefined &&
		typeof accessToken === 'string' &&
		accessToken !== ''
	) {
		try {
			const expiry = debugTokenExpiry(await debugToken(accessToken));
			if (typeof expiry === 'number') connection.tokenExpiresAt = expiry;
		} catch {
			// Unknown stays unknown: the check must never stop publishing.
		}
	}
	const warning = expiryWarning(connection, clock.now());
	if (!warning) return;
	ctx.logger.warn(`Instagram: ${warning}`);
	if ('addExecutionHints' in ctx)
		ctx.addExecutionHints({ message: warning, type: 'warning', location: 'outputPane' });
}

import type { IAdditionalCredentialOptions, ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Clock } from './clock';
import type { GraphConnection, GraphContext } from './connection';
import {
	refreshDue,
	storedTokenExpiry,
	TOKEN_CHECKED_AT,
	TOKEN_EXPIRES_AT,
	UNKNOWN_EXPIRY,
} from './tokenRefresh';

/** Sends one request with the credential options this session chose for it. */
export type Send<T> = (options: IAdditionalCredentialOptions | undefined) => Promise<T>;

/** How every Graph request of one execution uses the credential (the token refresh lives here). */
export interface TokenSession {
	run<T>(send: Send<T>): Promise<T>;
}

/**
 * Instagram Login (`instagramApi`, login type `instagram`): every request gets the credential data
 * this execution holds, as `credentialsDecrypted` (the 4th argument of n8n-core's
 * `httpRequestWithAuthentication`). When a refresh is due, the expirable field is blanked in that
 * data, so n8n's `CredentialsHelper.preAuthentication` runs the credential's `preAuthentication`,
 * stores its result in the credential and merges it into the data: the new token is then used by
 * every later request of the execution and, from n8n's store, by the next execution. Requests wait
 * for that first one, so parallel requests (carousel children) never refresh twice.
 */
export function createTokenSession(
	ctx: GraphContext,
	connection: GraphConnection,
	data: ICredentialDataDecryptedObject,
	clock: Clock,
): TokenSession {
	if (connection.credentialType !== 'instagramApi' || connection.loginType !== 'instagram')
		return { run: async (send) => await send(undefined) };
	const held: ICredentialDataDecryptedObject = { ...data };
	const before = {
		token: held.accessToken,
		expiry: held[TOKEN_EXPIRES_AT],
		checkedAt: held[TOKEN_CHECKED_AT],
	};
	let pending = refreshDue(held, clock.now());
	// An empty expirable field would make n8n refresh on every request; only the first one may.
	held[TOKEN_EXPIRES_AT] = pending ? '' : before.expiry || UNKNOWN_EXPIRY;
	const details = ctx.getNode().credentials?.instagramApi;
	const options: IAdditionalCredentialOptions = {
		credentialsDecrypted: {
			id: details?.id ?? '',
			name: details?.name ?? '',
			type: 'instagramApi',
			data: held,
		},
	};
	let first: Promise<unknown> | undefined;

	function settle() {
		if (typeof held.accessToken === 'string' && held.accessToken !== before.token)
			connection.secrets.push(held.accessToken);
		// Meta may hand back the same string with a new lifetime: a new expiry also means refreshed.
		const refreshed =
			held.accessToken !== before.token ||
			(held[TOKEN_CHECKED_AT] !== before.checkedAt &&
				storedTokenExpiry(held) !== undefined &&
				held[TOKEN_EXPIRES_AT] !== before.expiry);
		if (refreshed) {
			connection.tokenExpiresAt = storedTokenExpiry(held);
			const until = connection.tokenExpiresAt
				? new Date(connection.tokenExpiresAt).toISOString().slice(0, 10)
				: 'an unknown date';
			ctx.logger.info(`Instagram: refreshed the Instagram Login token; it is valid until ${until}`);
			return;
		}
		if (held[TOKEN_EXPIRES_AT] === '') held[TOKEN_EXPIRES_AT] = before.expiry || UNKNOWN_EXPIRY;
		ctx.logger.info(
			'Instagram: Meta did not refresh the Instagram Login token (it refreshes only valid tokens at least 24 h old); continuing with the current token',
		);
	}

	return {
		async run(send) {
			if (pending) {
				pending = false;
				const attempt = send(options).finally(settle);
				first = attempt.catch(() => undefined);
				return await attempt;
			}
			if (first) await first;
			return await send(options);
		},
	};
}

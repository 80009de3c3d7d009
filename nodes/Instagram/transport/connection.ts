import { NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { apiVersionProblem, baseUrlPathProblem, baseUrlProblem } from './baseUrl';
import { storedTokenExpiry } from './tokenRefresh';

export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions;
export type LoginType = 'facebook' | 'instagram';

export type AuthenticationMethod = 'oAuth2' | 'accessToken';

/** The credential type behind the node's `authentication` parameter. */
export function credentialTypeFor(authentication: AuthenticationMethod): string {
	return authentication === 'accessToken' ? 'instagramApi' : 'instagramOAuth2Api';
}

export const DEFAULT_API_VERSION = 'v25.0';
const GRAPH_ORIGINS: Record<LoginType, string> = {
	facebook: 'https://graph.facebook.com',
	instagram: 'https://graph.instagram.com',
};

/** Where and how to reach the Graph API for the selected credential. */
export interface GraphConnection {
	credentialType: string;
	loginType: LoginType;
	/** Origin plus version, without a trailing slash, e.g. https://graph.facebook.com/v25.0 */
	baseUrl: string;
	/** Values that must never appear in errors, logs or output. */
	secrets: string[];
	/** When Meta said the token expires (ms since epoch), where the credential knows it. */
	tokenExpiresAt?: number;
}

/** Pure: builds the connection from decrypted credential data. */
export function connectionFromCredentials(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): GraphConnection {
	const loginType: LoginType = data.loginType === 'instagram' ? 'instagram' : 'facebook';
	const version = normaliseVersion(String(data.apiVersion || DEFAULT_API_VERSION));
	const override = String(data.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	// A Base URL that already ends in a version (".../v25.0") is used as it is.
	const versioned = /\/v\d+(\.\d+)?$/.test(override);
	const tokenData = (data.oauthTokenData ?? {}) as Record<string, unknown>;
	const secrets = [
		data.accessToken,
		data.appSecret,
		data.clientSecret,
		tokenData.access_token,
	].filter((value): value is string => typeof value === 'string' && value.length > 0);
	const expiresAt =
		credentialType === 'instagramApi'
			? (storedTokenExpiry(data) ?? 0)
			: Number(tokenData.n8n_expires_at ?? tokenData.expires_at ?? 0);
	return {
		credentialType,
		loginType,
		baseUrl: versioned ? override : `${override || GRAPH_ORIGINS[loginType]}/${version}`,
		secrets,
		tokenExpiresAt: expiresAt > 0 ? expiresAt : undefined,
	};
}

/** Reads the credential once and derives the connection; throws a clear error on a bad base URL. */
export async function resolveConnection(
	ctx: GraphContext,
	authentication: AuthenticationMethod,
): Promise<GraphConnection> {
	return (await resolveCredential(ctx, authentication)).connection;
}

/** The connection plus the decrypted credential data it came from. */
export async function resolveCredential(
	ctx: GraphContext,
	authentication: AuthenticationMethod,
): Promise<{ connection: GraphConnection; data: ICredentialDataDecryptedObject }> {
	const credentialType = credentialTypeFor(authentication);
	const data = await ctx.getCredentials(credentialType);
	const connection = connectionFromCredentials(credentialType, data);
	const versionProblem = apiVersionProblem(data.apiVersion);
	if (versionProblem) {
		throw credentialProblem(ctx, 'apiVersion', `API Version ${versionProblem}`, 'Use e.g. v25.0.');
	}
	const problem =
		baseUrlPathProblem(String(data.baseUrl ?? '')) ?? baseUrlProblem(connection.baseUrl);
	if (problem) {
		throw credentialProblem(
			ctx,
			'baseUrl',
			`Base URL ${problem}`,
			'Leave "Base URL" empty to use Meta\'s Graph API, use an https:// proxy, or http:// only on this machine (e.g. http://127.0.0.1:4567 for the test sandbox).',
		);
	}
	return { connection, data };
}

/** A credential field that cannot work: refused before any request (the router adds the item). */
function credentialProblem(ctx: GraphContext, field: string, problem: string, hint: string) {
	const error = new NodeOperationError(ctx.getNode(), `The credential's ${problem}`, {
		description: `No request was sent. ${hint}`,
	});
	error.context.instagram = {
		kind: 'invalidParameter',
		parameter: `credential.${field}`,
		requestSent: false,
	};
	return error;
}

function normaliseVersion(version: string): string {
	const trimmed = version.trim().replace(/^\/+|\/+$/g, '');
	return /^v\d+(\.\d+)?$/.test(trimmed) ? trimmed : DEFAULT_API_VERSION;
}

const PATH_SEGMENT = /^[A-Za-z0-9_]+$/;

/** Pure: joins path segments after checking each one, so user input can never reshape a URL. */
export function graphPath(segments: readonly string[]): string {
	for (const segment of segments) {
		if (!PATH_SEGMENT.test(segment))
			throw new Error(
				'Invalid Graph path segment: IDs may contain only letters, digits and underscores',
			);
	}
	return segments.join('/');
}

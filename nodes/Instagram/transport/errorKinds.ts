import type { IDataObject } from 'n8n-workflow';

/** What went wrong, in the terms a user (or an AI agent) can act on. */
export type GraphErrorKind =
	| 'auth'
	| 'permission'
	| 'rateLimit'
	| 'quota'
	| 'transient'
	| 'expired'
	| 'invalidMedia'
	| 'notReady'
	| 'invalidRequest'
	| 'timeout'
	| 'unknown';

/** The Graph API error body: `{ error: { … } }`. Every field is optional in practice. */
export interface GraphErrorBody {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	is_transient?: boolean;
	error_user_title?: string;
	error_user_msg?: string;
	fbtrace_id?: string;
}

/** Everything we know about one failed Graph call; plain data, safe to put in output. */
export interface GraphErrorDetails extends IDataObject {
	kind: GraphErrorKind;
	httpStatus?: number;
	code?: number;
	subcode?: number;
	fbtraceId?: string;
	isTransient?: boolean;
	metaMessage?: string;
	userTitle?: string;
	userMessage?: string;
	containerId?: string;
	childIndex?: number;
	childUrl?: string;
	regainAccessMinutes?: number;
	tokenExpired?: boolean;
	/** When the token expires or expired (ISO), where known: for token errors. */
	tokenExpiresAt?: string;
	/** The credential in use (`instagramApi` / `instagramOAuth2Api`) and its login type, for advice. */
	credentialType?: string;
	loginType?: string;
	/** The last path segment of the failed request (e.g. `media_publish`), for permission advice. */
	endpoint?: string;
	noResponse?: boolean;
	/** media_publish failed in a way that leaves open whether the post went live. */
	publishOutcomeUnknown?: boolean;
}

// Public types of the Graph sandbox (re-exported by index.ts).
import type { AccountState, TokenState } from './access';
import type { IgLoginToken, TokenLifetimeOptions } from './tokens';

export type { AccountState, IgLoginToken, TokenLifetimeOptions, TokenState };

export type Endpoint =
	| 'createContainer'
	| 'publish'
	| 'containerStatus'
	| 'media'
	| 'quota'
	| 'comment'
	| 'me'
	| 'accounts'
	| 'upload'
	| 'refreshToken'
	| 'debugToken'
	| 'businesses'
	| 'businessPages'
	| 'control'
	| 'unknown';

export type ProcessingKind = 'image' | 'video' | 'reel' | 'story' | 'carousel';
export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
export type TokenKind = 'facebook' | 'page' | 'instagram' | 'expired' | 'unknown' | 'none';

export interface ProcessingSpec {
	ms?: number;
	polls?: number;
}

/** How the sandbox downloads loopback media URLs, the way Meta fetches `image_url` / `video_url` / `file_url`. */
export interface MediaFetchOptions {
	/** Default `facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)`. */
	userAgent?: string;
	/** A fetch fails when no data arrives for this long (default 30 000 ms). */
	idleTimeoutMs?: number;
	/** A status read of a video container whose fetch still runs waits for it at most this long (default 20 000 ms). */
	statusWaitMs?: number;
}

export type MediaFetchKind = 'image' | 'video' | 'file_url';

/** One download of a loopback media URL (on the container as `fetched`, and in `Sandbox.fetches`). */
export interface MediaFetch {
	seq: number;
	/** Sandbox clock when the fetch started. */
	at: number;
	url: string;
	kind: MediaFetchKind;
	/** The container it belongs to (absent for an image whose failed fetch made the create call fail). */
	containerId?: string;
	userAgent: string;
	/** HTTP status; 0 when no response came (refused, reset, timeout, aborted). */
	status: number;
	/** Body bytes received, after undoing any Content-Encoding. */
	bytes: number;
	/** Hex SHA-256 of those bytes (hashed while streaming, never buffered). */
	sha256: string;
	contentType?: string;
	/** The Content-Length header, if the server sent one. */
	contentLength?: number;
	contentEncoding?: string;
	/** 2xx other than 204, a non-empty body, no error: Meta got the media. */
	ok: boolean;
	error?: string;
	/** False while the download runs. */
	done: boolean;
	durationMs: number;
}

export interface SandboxOptions extends TokenLifetimeOptions {
	port?: number;
	latencyMs?: number;
	quotaTotal?: number;
	processing?: Partial<Record<ProcessingKind, ProcessingSpec>>;
	requireAppSecretProof?: boolean;
	appSecret?: string;
	containerTtlMs?: number;
	now?: () => number;
	mediaFetch?: MediaFetchOptions;
}

export interface SandboxAccount {
	id: string;
	username: string;
	pageId: string;
	pageName: string;
	/** Display name of the IG account. */
	name: string;
	/** App-scoped IG user id (`id` of `/me` for Instagram-login tokens). */
	appScopedId: string;
	/** Page access token returned by `/me/accounts` for this account's Page. */
	pageToken: string;
}

export interface SandboxTokens {
	facebook: string;
	page: string;
	instagram: string;
	expired: string;
}

export type FaultKind =
	| 'http500'
	| 'dropAfterCommit'
	| 'dropBeforeCommit'
	| 'rateLimit'
	| 'mediaFetchFailure'
	| 'processingError'
	| 'notReady'
	| 'slowResponse'
	| 'tokenExpired'
	| 'containerExpired'
	| 'uploadInterrupted'
	| 'quotaUsedElsewhere';

export interface FaultSpec {
	endpoint: Endpoint | 'any';
	kind: FaultKind;
	times?: number;
	/** Only requests for this media URL (`image_url`, `video_url`, or an upload's `file_url` header). */
	url?: string;
	/** `rateLimit`: `estimated_time_to_regain_access` in the BUC header. */
	regainMinutes?: number;
	/** `processingError`: the subcode the container's status reports once processing ends in ERROR. */
	subcode?: number;
	/** `rateLimit`: Meta's throttling code, 4, 17, 32, 613 or 80002 (default). */
	code?: number;
	/** `slowResponse`: real time the answer is held back after the request was handled (default 1000). */
	delayMs?: number;
}

export interface RecordedRequest {
	seq: number;
	at: number;
	method: string;
	path: string;
	endpoint: Endpoint;
	query: Record<string, string>;
	body: Record<string, unknown>;
	/** Request headers; `authorization` is replaced by scheme + token kind. */
	headers: Record<string, string>;
	authorization?: string;
	tokenKind?: TokenKind;
	/** Instagram Login tokens: 0 = the seed token, n = the token of the n-th refresh. */
	tokenSerial?: number;
	tokenInUrl: boolean;
	accountId?: string;
	containerId?: string;
	/** Graph requests received and not yet answered when this one was received, this one included. */
	inFlight: number;
	/** Fault that was applied to this request, if any. */
	fault?: FaultKind;
	/** HTTP status sent; 0 when the socket was destroyed without a response. */
	status: number;
	response: unknown;
}

export interface Sandbox {
	url: string;
	accounts: SandboxAccount[];
	tokens: SandboxTokens;
	requests: RecordedRequest[];
	/** Downloads of loopback media URLs (live list, oldest first). */
	fetches: MediaFetch[];
	/** Resolves once no media download is running (videos and `file_url` are fetched in the background). */
	fetchesSettled(): Promise<void>;
	fault(f: FaultSpec): void;
	setContainerStatus(
		containerId: string,
		status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED',
		errorSubcode?: number,
	): void;
	seedPublishes(accountId: string, count: number, atMs?: number): void;
	mediaCount(accountId?: string): number;
	/** Moves the sandbox clock on (token lifetimes, publish windows, container TTLs follow it). */
	advanceClock(ms: number): number;
	/** The sandbox clock (ms). */
	now(): number;
	/** Instagram Login tokens issued so far (the seed token first, then every refresh). */
	instagramTokens(): IgLoginToken[];
	/** Until reset: every call with this token fails with its code-190 error (undefined clears it). */
	setTokenState(token: string, state: TokenState | undefined): void;
	/** Until reset: publishing calls for this account fail (restricted, spam block, Page Publishing Authorization). */
	setAccountState(accountId: string, state: AccountState | undefined): void;
	/** Until reset: this token lacks instagram_content_publish (publishing calls → code 10). */
	withoutPublishPermission(token: string): void;
	calls(endpoint?: Endpoint): RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

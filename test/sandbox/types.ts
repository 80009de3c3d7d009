// Public types of the Graph sandbox (re-exported by index.ts).

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
	| 'control'
	| 'unknown';

export type ProcessingKind = 'image' | 'video' | 'reel' | 'story' | 'carousel';
export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
export type TokenKind = 'facebook' | 'page' | 'instagram' | 'expired' | 'unknown' | 'none';

export interface ProcessingSpec {
	ms?: number;
	polls?: number;
}

export interface SandboxOptions {
	port?: number;
	latencyMs?: number;
	quotaTotal?: number;
	processing?: Partial<Record<ProcessingKind, ProcessingSpec>>;
	requireAppSecretProof?: boolean;
	appSecret?: string;
	containerTtlMs?: number;
	now?: () => number;
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
	| 'notReady';

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
	fault(f: FaultSpec): void;
	setContainerStatus(
		containerId: string,
		status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED',
		errorSubcode?: number,
	): void;
	seedPublishes(accountId: string, count: number, atMs?: number): void;
	mediaCount(accountId?: string): number;
	calls(endpoint?: Endpoint): RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

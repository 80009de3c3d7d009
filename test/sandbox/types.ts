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
	| 'igUser'
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
	republish?: 'error' | 'duplicate';
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
	igExpired: string;
}

export type FaultKind =
	| 'http500'
	| 'http503Html'
	| 'dropAfterCommit'
	| 'dropBeforeCommit'
	| 'rateLimit'
	| 'appRateLimit'
	| 'mediaFetchFailure'
	| 'tokenExpired'
	| 'transientCreate'
	| 'notReady';

export interface FaultSpec {
	endpoint: Endpoint | 'any';
	times?: number;
	kind: FaultKind;
	regainMinutes?: number;
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

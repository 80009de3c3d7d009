/** Container lifecycle states from the IG Container reference. */
export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerStatus {
	id: string;
	status_code: ContainerStatusCode;
	status?: string;
}

export interface IdResponse {
	id: string;
}

export interface PublishingLimitResponse {
	data?: Array<{
		quota_usage?: number;
		config?: { quota_total?: number; quota_duration?: number };
	}>;
}

export interface QuotaState {
	used: number;
	total: number;
	remaining: number;
	/** When the oldest publish we know of leaves the 24 h window (ISO time), if known. */
	nextSlotAt?: string;
}

/** What the node publishes; `mediaType` is what the output reports. */
export type PublishKind = 'IMAGE' | 'CAROUSEL' | 'REELS' | 'STORIES';

export type PublishMode = 'publish' | 'containerOnly';
export type QuotaExhaustedAction = 'error' | 'skip';

/** Behaviour options shared by every publishing operation. */
export interface PublishOptions {
	publishMode: PublishMode;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
	onQuotaExhausted: QuotaExhaustedAction;
	idempotencyKey?: string;
	idempotencyWindowDays: number;
	firstComment?: string;
	includePermalink: boolean;
}

/** One container to create: the Graph params plus what to say about it in errors. */
export interface ContainerSpec {
	params: Record<string, string | number | boolean | object | undefined>;
	/** Videos need processing time; images are usually ready at once. */
	isVideo: boolean;
	label: string;
	childIndex?: number;
	url?: string;
}

import type { IBinaryData } from 'n8n-workflow';

/** What the node publishes; `mediaType` is what the output reports. */
export type PublishKind = 'IMAGE' | 'CAROUSEL' | 'REELS' | 'STORIES';

export type PublishMode = 'publish' | 'containerOnly';
export type QuotaExhaustedAction = 'error' | 'skip';

/** Behaviour options shared by every publishing operation (parsed by parameters/options.ts). */
export interface PublishOptions {
	publishMode: PublishMode;
	maxWaitSeconds: number;
	pollIntervalSeconds: number;
	onQuotaExhausted: QuotaExhaustedAction;
	idempotencyKey?: string;
	idempotencyWindowDays: number;
	firstComment?: string;
	includePermalink: boolean;
	/** Check each media file (one small request per URL, binaries locally) before any Graph request. */
	preflight: boolean;
}

/** One container to create: the Graph params plus what to say about it in errors. */
export interface ContainerSpec {
	params: Record<string, string | number | boolean | object | undefined>;
	label: string;
	childIndex?: number;
	url?: string;
	/** A resumable container: these bytes are uploaded right after it is created. */
	upload?: { binary: IBinaryData; bytes: number };
}

/** A media file as the user gave it: a URL Meta downloads, or binary data from an earlier node. */
export type MediaRef =
	| { from: 'url'; url: string }
	| {
			from: 'binary';
			propertyName: string;
			binary: IBinaryData;
			bytes: number;
			mimeType: string;
			/** Set when the size is above a limit Meta's sources disagree on. */
			warning?: string;
	  };

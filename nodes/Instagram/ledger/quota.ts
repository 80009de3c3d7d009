import { NodeOperationError } from 'n8n-workflow';

import { nextSlotFreesAt, publishesInWindow } from './ledger';
import type { LedgerContext } from './context';

interface PublishingLimitResponse {
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

/** Meta's documented default when a response omits the total (docs say 50 or 100; we read it). */
const FALLBACK_QUOTA_TOTAL = 50;

interface RemoteQuota {
	used: number;
	total: number;
}

/**
 * Counts publishes for each account during one execution: Meta's content_publishing_limit is
 * read at most once per account per execution, and this execution's own publishes are added
 * locally, so a batch never crosses the limit and never costs one quota call per item.
 */
export class QuotaTracker {
	private readonly remote = new Map<string, Promise<RemoteQuota>>();
	private readonly publishedNow = new Map<string, number>();

	constructor(private readonly run: LedgerContext) {}

	/** The quota as we know it now (one remote read per account per execution). */
	async current(accountId: string, itemIndex: number, keyWindowMs: number): Promise<QuotaState> {
		const remote = await this.readRemote(accountId, itemIndex);
		const now = this.run.now();
		const ledger = this.run.ledger.read(accountId, now, keyWindowMs);
		const used = Math.max(
			remote.used + (this.publishedNow.get(accountId) ?? 0),
			publishesInWindow(ledger, now),
		);
		const freesAt = nextSlotFreesAt(ledger, now);
		return {
			used,
			total: remote.total,
			remaining: Math.max(0, remote.total - used),
			...(freesAt ? { nextSlotAt: new Date(freesAt).toISOString() } : {}),
		};
	}

	/** Counts a publish made by this execution. */
	recordPublish(accountId: string): void {
		this.publishedNow.set(accountId, (this.publishedNow.get(accountId) ?? 0) + 1);
	}

	/** The error raised when the limit is reached and the user chose "error". */
	exhaustedError(quota: QuotaState, itemIndex: number): NodeOperationError {
		const frees = quota.nextSlotAt
			? ` The next slot frees at ${quota.nextSlotAt}.`
			: ' A slot frees 24 hours after each earlier post.';
		const error = new NodeOperationError(
			this.run.ctx.getNode(),
			`The 24-hour publishing limit for this Instagram account is used up (${quota.used}/${quota.total})`,
			{
				itemIndex,
				description: `No container was created.${frees} Set Options › On Quota Exhausted to "Skip" to let the workflow continue.`,
				failure: quota.nextSlotAt
					? { cause: 'quota-exhausted', resetsAtEpochMs: Date.parse(quota.nextSlotAt) }
					: { cause: 'quota-exhausted' },
			},
		);
		error.context.instagram = { kind: 'quota', ...quota };
		return error;
	}

	private async readRemote(accountId: string, itemIndex: number): Promise<RemoteQuota> {
		let pending = this.remote.get(accountId);
		if (!pending) {
			// A failed read is remembered too: the next items of this execution do not wait through retries again.
			pending = this.fetchRemote(accountId, itemIndex);
			this.remote.set(accountId, pending);
		}
		return await pending;
	}

	private async fetchRemote(accountId: string, itemIndex: number): Promise<RemoteQuota> {
		const response = await this.run.client.request<PublishingLimitResponse>({
			method: 'GET',
			path: [accountId, 'content_publishing_limit'],
			qs: { fields: 'config,quota_usage' },
			itemIndex,
		});
		const entry = response.data?.[0];
		return {
			used: entry?.quota_usage ?? 0,
			total: entry?.config?.quota_total ?? FALLBACK_QUOTA_TOTAL,
		};
	}
}

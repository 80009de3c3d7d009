import type { IDataObject } from 'n8n-workflow';

import { recordPending } from './ledger';
import { graphDetailsOf, withContext } from '../transport/errors';
import { waitForContainer } from './poller';
import { resumeFromLedger } from './resume';
import { retryGuardKey } from './retryGuard';
import { postFirstComment, readPermalink } from './afterPublish';
import { publishContainer, recordSuccessfulPublish } from './publish';
import type { RunContext } from './runContext';
import type { PublishKind, PublishOptions, QuotaState } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BuiltContainer {
	containerId: string;
	children?: string[];
	/** Video containers are polled before publishing; images are published at once. */
	isVideo: boolean;
}

/** When waiting must stop, and the first pause between status checks. */
export interface WaitTiming {
	deadlineAt: number;
	firstDelayMs: number;
}

/** One publishing job, produced by an operation from validated parameters. */
export interface PublishPlan {
	accountId: string;
	kind: PublishKind;
	label: string;
	options: PublishOptions;
	build(timing: WaitTiming): Promise<BuiltContainer>;
	/** What Meta is asked to publish; fingerprints the item for the Retry On Fail guard. */
	content: unknown;
}

/** Duplicate check → quota gate → containers → wait → publish once → ledger → first comment. */
export async function runPublishPlan(
	run: RunContext,
	itemIndex: number,
	plan: PublishPlan,
): Promise<IDataObject> {
	const { accountId, options } = plan;
	const keyWindowMs = options.idempotencyWindowDays * DAY_MS;
	const key =
		options.idempotencyKey ??
		retryGuardKey(run, itemIndex, { accountId, kind: plan.kind, content: plan.content });
	const deadlineAt = run.now() + options.maxWaitSeconds * 1000;
	const firstDelayMs = options.pollIntervalSeconds * 1000;
	const resumed = key
		? await resumeFromLedger(run, { accountId, key, keyWindowMs, kind: plan.kind, itemIndex })
		: undefined;
	if (resumed && 'done' in resumed) return resumed.done;

	let quota: QuotaState | undefined;
	if (options.publishMode === 'publish') {
		quota = await readQuotaUnlessUnavailable(run, accountId, itemIndex, keyWindowMs);
		if (quota && quota.remaining <= 0) {
			if (options.onQuotaExhausted === 'skip')
				return { skipped: true, reason: 'quota', accountId, quota };
			throw run.quota.exhaustedError(quota, itemIndex);
		}
	}

	const built: BuiltContainer = resumed
		? { containerId: resumed.containerId, isVideo: false }
		: await plan.build({ deadlineAt, firstDelayMs });
	if (key && !resumed) {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
			recordPending(ledger, key, built.containerId, run.now()),
		);
	}
	const waitRequest = {
		containerId: built.containerId,
		deadlineAt,
		firstDelayMs,
		itemIndex,
		label: plan.label,
	};
	if (options.publishMode === 'containerOnly') {
		const status = await waitForContainer(run, {
			...waitRequest,
			checkImmediately: !built.isVideo,
		});
		return {
			containerId: built.containerId,
			status: status.status_code,
			published: false,
			accountId,
			mediaType: plan.kind,
			...(built.children ? { children: built.children } : {}),
		};
	}
	if (built.isVideo) await waitForContainer(run, waitRequest);

	const outcome = await publishContainer(run, { accountId, ...waitRequest });
	recordSuccessfulPublish(
		run,
		{ accountId, containerId: built.containerId, keyWindowMs, key },
		outcome.mediaId,
	);
	const output: IDataObject = {
		id: outcome.mediaId,
		containerId: built.containerId,
		status: 'PUBLISHED',
		accountId,
		mediaType: plan.kind,
		...(built.children ? { children: built.children } : {}),
		...(quota ? { quota: afterOnePublish(quota) } : {}),
	};
	if (outcome.recovered) {
		output.recovered = true;
		if (!outcome.mediaId)
			output.note = "Published, but Meta's reply was lost, so the media ID is unknown.";
	}
	if (options.includePermalink)
		output.permalink = await readPermalink(run, outcome.mediaId, itemIndex);
	if (options.firstComment)
		output.firstComment = await postFirstComment(
			run,
			outcome.mediaId,
			options.firstComment,
			itemIndex,
		);
	return output;
}

/**
 * The quota gate's reading. If Meta's quota endpoint is down or throttled (after retries), the item
 * goes on without it: Meta still enforces the limit at media_publish (code 9), so a flaky quota
 * read must not block publishing. Auth and permission problems still stop the item.
 */
async function readQuotaUnlessUnavailable(
	run: RunContext,
	accountId: string,
	itemIndex: number,
	keyWindowMs: number,
) {
	try {
		return await run.quota.current(accountId, itemIndex, keyWindowMs);
	} catch (error) {
		const kind = graphDetailsOf(error)?.kind;
		if (kind !== 'transient' && kind !== 'rateLimit' && kind !== 'unknown')
			throw withContext(run.ctx.getNode(), error, {}, itemIndex);
		run.progress(
			`the publishing quota could not be read (${kind}); publishing anyway, Meta enforces the limit itself`,
		);
		run.hint(
			'The publishing quota could not be read from Meta; the post was not checked against it beforehand.',
		);
		return undefined;
	}
}

function afterOnePublish(quota: QuotaState): QuotaState {
	return { ...quota, used: quota.used + 1, remaining: Math.max(0, quota.remaining - 1) };
}

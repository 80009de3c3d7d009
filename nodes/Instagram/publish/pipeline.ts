import type { QuotaState } from '../ledger/quota';
import { recordPending } from '../ledger/ledger';
import { recordSuccessfulPublish } from '../ledger/record';
import { resumeFromLedger } from '../ledger/resume';
import { isRetryGuardKey, retryGuardKey } from '../ledger/retryGuard';
import { graphDetailsOf, withContext } from '../transport/errors';
import { postFirstComment, readPermalink } from './afterPublish';
import type { ItemOutput } from './output';
import { publishContainer } from './publishOnce';
import type { RunContext } from './runContext';
import type { PublishKind, PublishOptions } from './types';
import { waitForContainer } from './wait';
import type { ReadinessStep } from './wait';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface BuiltContainer {
	containerId: string;
	children?: string[];
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
	/** How the built container becomes ready: `waitForProcessing` (video) or `publishAtOnce` (image). */
	readiness: ReadinessStep;
	/** What Meta is asked to publish; fingerprints the item for the Retry On Fail guard. */
	content: unknown;
	/**
	 * Checks the media before a new container is made (the media preflight); throws on a definitive
	 * problem. Runs after the ledger's duplicate check and before the quota read, so a bad file
	 * costs no Graph request, and never for a duplicate or a container resumed from the ledger.
	 */
	preflight?: () => Promise<void>;
}

/** Duplicate check → media preflight → quota gate → containers → wait → publish once → ledger → first comment. */
export async function runPublishPlan(
	run: RunContext,
	itemIndex: number,
	plan: PublishPlan,
): Promise<ItemOutput> {
	const { accountId, options, kind } = plan;
	const keyWindowMs = options.idempotencyWindowDays * DAY_MS;
	const key =
		options.idempotencyKey ??
		retryGuardKey(run, itemIndex, { accountId, kind, content: plan.content });
	const timing = {
		deadlineAt: run.now() + options.maxWaitSeconds * 1000,
		firstDelayMs: options.pollIntervalSeconds * 1000,
	};
	const resumed = key
		? await resumeFromLedger(run, { accountId, key, keyWindowMs, itemIndex })
		: undefined;
	if (resumed && 'published' in resumed) {
		const { containerId, mediaId } = resumed.published;
		const earlier = {
			published: true,
			status: 'PUBLISHED',
			accountId,
			id: mediaId,
			containerId,
		} as const;
		if (key && isRetryGuardKey(key))
			return { ...earlier, mediaType: kind, publishedByEarlierTry: true };
		return { ...earlier, skipped: true, reason: 'duplicate', idempotencyKey: key };
	}
	if (
		!resumed &&
		options.idempotencyKey &&
		(await run.marks.wasPublished(accountId, options.idempotencyKey))
	) {
		// Published by an execution whose static data did not reach this one: its media id is unknown here.
		const duplicate = { published: true, status: 'PUBLISHED', skipped: true } as const;
		return { ...duplicate, reason: 'duplicate', accountId, idempotencyKey: key };
	}

	if (!resumed) await plan.preflight?.();

	let quota: QuotaState | undefined;
	if (options.publishMode === 'publish') {
		quota = await readQuotaUnlessUnavailable(run, accountId, itemIndex, keyWindowMs);
		if (quota && quota.remaining <= 0) {
			if (options.onQuotaExhausted === 'skip') {
				return { published: false, skipped: true, reason: 'quota', accountId, quota };
			}
			throw run.quota.exhaustedError(quota, itemIndex);
		}
	}

	const built: BuiltContainer = resumed
		? { containerId: resumed.finishedContainerId }
		: await plan.build(timing);
	if (key && !resumed) {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
			recordPending(ledger, key, built.containerId, run.now()),
		);
	}
	const made = {
		accountId,
		containerId: built.containerId,
		mediaType: kind,
		children: built.children,
	};
	const waitRequest = { containerId: built.containerId, ...timing, itemIndex, label: plan.label };
	// A resumed container was read FINISHED just now: nothing to wait for.
	const ready = resumed ? undefined : await plan.readiness(run, waitRequest);
	if (options.publishMode === 'containerOnly') {
		const status =
			ready ?? (await waitForContainer(run, { ...waitRequest, checkImmediately: true }));
		return { ...made, published: false, status: status.status_code };
	}

	const outcome = await publishContainer(run, { accountId, ...waitRequest });
	await recordSuccessfulPublish(
		run,
		{ accountId, containerId: built.containerId, keyWindowMs, key },
		outcome.mediaId,
	);
	const output: ItemOutput = {
		...made,
		published: true,
		status: 'PUBLISHED',
		id: outcome.mediaId,
		quota: quota ? afterOnePublish(quota) : undefined,
	};
	if (outcome.recovered) {
		output.recovered = true;
		if (!outcome.mediaId)
			output.note = "Published, but Meta's reply was lost, so the media ID is unknown.";
	}
	if (options.includePermalink)
		output.permalink = await readPermalink(run, outcome.mediaId, itemIndex);
	if (options.firstComment) {
		output.firstComment = await postFirstComment(
			run,
			outcome.mediaId,
			options.firstComment,
			itemIndex,
		);
	}
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
): Promise<QuotaState | undefined> {
	try {
		return await run.quota.current(accountId, itemIndex, keyWindowMs);
	} catch (error) {
		const kind = graphDetailsOf(error)?.kind;
		if (kind !== 'transient' && kind !== 'rateLimit' && kind !== 'unknown') {
			throw withContext(run.ctx.getNode(), error, {}, itemIndex);
		}
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

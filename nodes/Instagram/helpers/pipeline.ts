import type { IDataObject } from 'n8n-workflow';

import { forgetKey, recordPending, recordPublished } from './ledger';
import { graphDetailsOf, withContext } from '../transport/errors';
import { readContainer, waitForContainer } from './poller';
import { postFirstComment, readPermalink } from './afterPublish';
import { publishContainer } from './publish';
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
}

/** Duplicate check → quota gate → containers → wait → publish once → ledger → first comment. */
export async function runPublishPlan(run: RunContext, itemIndex: number, plan: PublishPlan): Promise<IDataObject> {
	const { accountId, options } = plan;
	const keyWindowMs = options.idempotencyWindowDays * DAY_MS;
	const key = options.idempotencyKey;
	const deadlineAt = run.now() + options.maxWaitSeconds * 1000;
	const firstDelayMs = options.pollIntervalSeconds * 1000;
	const resumed = key ? await resumeFromLedger(run, itemIndex, accountId, key, keyWindowMs) : undefined;
	if (resumed?.done) return resumed.done;

	let quota: QuotaState | undefined;
	if (options.publishMode === 'publish') {
		quota = await readQuotaUnlessUnavailable(run, accountId, itemIndex, keyWindowMs);
		if (quota && quota.remaining <= 0) {
			if (options.onQuotaExhausted === 'skip') return { skipped: true, reason: 'quota', accountId, quota };
			throw run.quota.exhaustedError(quota, itemIndex);
		}
	}

	const built = resumed?.container ?? (await plan.build({ deadlineAt, firstDelayMs }));
	if (key && !resumed?.container) {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) => recordPending(ledger, key, built.containerId, run.now()));
	}
	const waitRequest = { containerId: built.containerId, deadlineAt, firstDelayMs, itemIndex, label: plan.label };
	if (options.publishMode === 'containerOnly') {
		const status = await waitForContainer(run, { ...waitRequest, checkImmediately: !built.isVideo });
		return { containerId: built.containerId, status: status.status_code, published: false, accountId, mediaType: plan.kind, ...(built.children ? { children: built.children } : {}) };
	}
	if (built.isVideo) await waitForContainer(run, waitRequest);

	const outcome = await publishContainer(run, { accountId, ...waitRequest });
	run.quota.recordPublish(accountId);
	run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
		recordPublished(ledger, run.now(), { key, containerId: built.containerId, mediaId: outcome.mediaId }),
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
		if (!outcome.mediaId) output.note = "Published, but Meta's reply was lost, so the media ID is unknown.";
	}
	if (options.includePermalink) output.permalink = await readPermalink(run, outcome.mediaId, itemIndex);
	if (options.firstComment) output.firstComment = await postFirstComment(run, outcome.mediaId, options.firstComment, itemIndex);
	return output;
}

/**
 * The quota gate's reading. If Meta's quota endpoint is down or throttled (after retries), the item
 * goes on without it: Meta still enforces the limit at media_publish (code 9), so a flaky quota
 * read must not block publishing. Auth and permission problems still stop the item.
 */
async function readQuotaUnlessUnavailable(run: RunContext, accountId: string, itemIndex: number, keyWindowMs: number) {
	try {
		return await run.quota.current(accountId, itemIndex, keyWindowMs);
	} catch (error) {
		const kind = graphDetailsOf(error)?.kind;
		if (kind !== 'transient' && kind !== 'rateLimit' && kind !== 'unknown') throw withContext(run.ctx.getNode(), error, {}, itemIndex);
		run.progress(`the publishing quota could not be read (${kind}); publishing anyway, Meta enforces the limit itself`);
		run.hint('The publishing quota could not be read from Meta; the post was not checked against it beforehand.');
		return undefined;
	}
}

function afterOnePublish(quota: QuotaState): QuotaState {
	return { ...quota, used: quota.used + 1, remaining: Math.max(0, quota.remaining - 1) };
}

/** A key seen before: already published → skip; container left FINISHED → publish it; else start over. */
async function resumeFromLedger(
	run: RunContext,
	itemIndex: number,
	accountId: string,
	key: string,
	keyWindowMs: number,
): Promise<{ done?: IDataObject; container?: BuiltContainer } | undefined> {
	const record = run.ledger.read(accountId, run.now(), keyWindowMs).keys[key];
	if (!record) return undefined;
	const duplicate = (mediaId?: string) => ({ skipped: true, reason: 'duplicate', id: mediaId, containerId: record.containerId, accountId, idempotencyKey: key });
	if (record.state === 'published') return { done: duplicate(record.mediaId) };
	if (!record.containerId) return undefined;
	const status = await readRecordedContainer(run, record.containerId, itemIndex);
	if (status?.status_code === 'PUBLISHED') {
		run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) =>
			recordPublished(ledger, run.now(), { key, containerId: record.containerId as string }),
		);
		return { done: duplicate(undefined) };
	}
	if (status?.status_code === 'FINISHED') {
		run.progress(`resuming container ${record.containerId} for idempotency key "${key}"`);
		return { container: { containerId: record.containerId, isVideo: false } };
	}
	run.ledger.update(accountId, run.now(), keyWindowMs, (ledger) => forgetKey(ledger, key));
	return undefined;
}

/**
 * Reads a container remembered in the ledger. Gone (expired, unknown) → undefined, so the item
 * starts over; any other failure stops the item, because starting over could post twice.
 */
async function readRecordedContainer(run: RunContext, containerId: string, itemIndex: number) {
	try {
		return await readContainer(run, containerId, itemIndex);
	} catch (error) {
		const kind = graphDetailsOf(error)?.kind;
		if (kind === 'expired' || kind === 'invalidRequest') return undefined;
		throw withContext(run.ctx.getNode(), error, { containerId, publishOutcomeUnknown: true }, itemIndex);
	}
}

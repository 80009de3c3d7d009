import { readContainerStatus } from '../transport/containerStatus';
import type { IdResponse } from '../transport/containerStatus';
import type { GraphErrorKind } from '../transport/errorKinds';
import { asNodeError, graphDetailsOf, withContext } from '../transport/errors';
import { backoffMs } from '../transport/retry';
import { requireId } from './containers';
import type { RunContext } from './runContext';
import { waitForContainer } from './wait';

/** Failures after which Meta certainly did not publish: never worth a read-back. */
const DEFINITE_FAILURES = new Set<GraphErrorKind>([
	'auth',
	'permission',
	'quota',
	'expired',
	'invalidMedia',
	'invalidRequest',
]);
/** media_publish calls allowed after Meta said "not ready" or a read-back proved nothing was published. */
const MAX_PUBLISH_CALLS = 6;

export interface PublishTarget {
	accountId: string;
	containerId: string;
	itemIndex: number;
	deadlineAt: number;
	firstDelayMs: number;
	label: string;
}

export interface PublishOutcome {
	/** Undefined only when Meta's response was lost but the container reads PUBLISHED. */
	mediaId?: string;
	recovered: boolean;
}

/**
 * Publishes a container exactly once. media_publish is never repeated blindly: "not ready" (9007)
 * means wait for FINISHED; an unclear failure (timeout, 5xx, throttling) means read the container
 * back: PUBLISHED is success, FINISHED twice in a row is the only case where we call publish again.
 */
export async function publishContainer(
	run: RunContext,
	target: PublishTarget,
): Promise<PublishOutcome> {
	for (let call = 1; ; call++) {
		try {
			const response = await run.client.request<IdResponse>({
				method: 'POST',
				path: [target.accountId, 'media_publish'],
				body: { creation_id: target.containerId },
				requestClass: 'publish',
				itemIndex: target.itemIndex,
			});
			return { mediaId: requireId(response, 'post'), recovered: false };
		} catch (error) {
			const details = graphDetailsOf(error);
			const annotated = withContext(
				run.ctx.getNode(),
				error,
				{ containerId: target.containerId },
				target.itemIndex,
			);
			if (!details || DEFINITE_FAILURES.has(details.kind) || call >= MAX_PUBLISH_CALLS)
				throw annotated;
			if (details.kind === 'notReady') {
				const status = await waitForContainer(run, { ...target, checkImmediately: false });
				if (status.status_code === 'PUBLISHED') return { recovered: true };
				continue;
			}
			run.progress(
				`publish of ${target.containerId} failed unclearly (${details.kind}); reading the container back`,
			);
			const outcome = await readBackAfterUnclearFailure(
				run,
				target,
				call,
				details.regainAccessMinutes,
			);
			if (outcome === 'published') return { recovered: true };
			if (outcome === 'unknown') {
				throw withContext(
					run.ctx.getNode(),
					annotated,
					{ publishOutcomeUnknown: true },
					target.itemIndex,
				);
			}
		}
	}
}

/** 'published', 'retry' (provably not published) or 'unknown' (stop: a retry could double-post). */
async function readBackAfterUnclearFailure(
	run: RunContext,
	target: PublishTarget,
	call: number,
	regainAccessMinutes: number | undefined,
): Promise<'published' | 'retry' | 'unknown'> {
	try {
		const first = await readContainerStatus(run.client, target.containerId, target.itemIndex);
		if (first.status_code === 'PUBLISHED') return 'published';
		if (first.status_code !== 'FINISHED') return 'unknown';
		const waitMs = Math.max(backoffMs(call, Math.random()), (regainAccessMinutes ?? 0) * 60_000);
		if (run.now() + waitMs > target.deadlineAt) return 'unknown';
		await run.sleep(waitMs);
		// A second read after a pause guards against a status that lags behind the publish.
		const second = await readContainerStatus(run.client, target.containerId, target.itemIndex);
		if (second.status_code === 'PUBLISHED') return 'published';
		return second.status_code === 'FINISHED' ? 'retry' : 'unknown';
	} catch (error) {
		if (run.signal?.aborted) throw asNodeError(run.ctx.getNode(), error, target.itemIndex);
		return 'unknown';
	}
}

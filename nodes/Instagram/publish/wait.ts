import { parseStatusSubcode } from '../transport/classify';
import { readContainerStatus } from '../transport/containerStatus';
import type { ContainerStatus } from '../transport/containerStatus';
import { createGraphApiError, withContext } from '../transport/errors';
import type { RunContext } from './runContext';

/** Growth of the wait between status checks, and its cap while a job is young. */
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_INTERVAL_MS = 30_000;
/**
 * A video still processing after 2 minutes is a long one: faster checks would save it seconds and
 * cost a Graph call each, so from then on they are Meta's advice, once a minute.
 */
export const LONG_JOB_AFTER_MS = 120_000;
export const LONG_JOB_POLL_INTERVAL_MS = 60_000;

export interface WaitRequest {
	containerId: string;
	/** Epoch ms after which we stop waiting. */
	deadlineAt: number;
	firstDelayMs: number;
	itemIndex: number;
	label: string;
	childIndex?: number;
	url?: string;
	/** Skip the first sleep (e.g. after Meta already said "not ready" we still want a fresh read). */
	checkImmediately?: boolean;
}

/**
 * How a container becomes ready for media_publish: the step each publishing operation declares.
 * Returns the status it saw, or undefined when it did not look.
 */
export type ReadinessStep = (
	run: RunContext,
	request: WaitRequest,
) => Promise<ContainerStatus | undefined>;

/** Videos (reels, video stories, carousel video children): poll, backing off, until FINISHED. */
export const waitForProcessing: ReadinessStep = async (run, request) =>
	await waitForContainer(run, request);

/**
 * Images: Meta usually has them ready at once, so no status read before publishing; if Meta
 * answers "not ready" (9007) the publisher waits then (see publishOnce.ts).
 */
export const publishAtOnce: ReadinessStep = async () => await Promise.resolve(undefined);

/**
 * Pure: the next pause between status checks, `elapsedMs` into the wait. The cap never undercuts
 * the Poll Interval the user chose (`firstDelayMs`): 60 s there means once a minute throughout.
 */
export function nextPollDelay(previousMs: number, elapsedMs: number, firstDelayMs: number): number {
	const cap = elapsedMs < LONG_JOB_AFTER_MS ? MAX_POLL_INTERVAL_MS : LONG_JOB_POLL_INTERVAL_MS;
	return Math.min(Math.max(cap, firstDelayMs), Math.round(previousMs * POLL_BACKOFF_FACTOR));
}

/**
 * Waits until a container is FINISHED (or already PUBLISHED), bounded by `deadlineAt` and the
 * execution's cancel signal. ERROR, EXPIRED and running out of time become errors that carry the
 * container id, so the user can resume with the Status operation.
 */
export async function waitForContainer(
	run: RunContext,
	request: WaitRequest,
): Promise<ContainerStatus> {
	const started = run.now();
	let delayMs = request.firstDelayMs;
	let checks = 0;
	if (!request.checkImmediately) await pause(run, request, delayMs);
	for (;;) {
		const status = await readStatusOf(run, request);
		checks++;
		const elapsedS = Math.round((run.now() - started) / 1000);
		if (status.status_code === 'FINISHED' || status.status_code === 'PUBLISHED') {
			if (checks > 1 || elapsedS > 0) {
				const message = `${request.label} ${request.containerId} was ready after ${elapsedS} s (${checks} status ${checks === 1 ? 'check' : 'checks'})`;
				run.progress(message);
				run.hint(message);
			}
			return status;
		}
		if (status.status_code === 'ERROR' || status.status_code === 'EXPIRED')
			throw containerFailure(run, request, status);
		const remainingMs = request.deadlineAt - run.now();
		if (remainingMs <= 0) throw timeoutError(run, request, elapsedS);
		delayMs =
			checks === 1 && request.checkImmediately
				? request.firstDelayMs
				: nextPollDelay(delayMs, run.now() - started, request.firstDelayMs);
		const waitMs = Math.min(delayMs, remainingMs);
		run.progress(
			`${request.label} ${request.containerId} is ${status.status_code} after ${elapsedS} s; next check in ${Math.ceil(waitMs / 1000)} s`,
		);
		await pause(run, request, waitMs);
	}
}

/** A failed read names the container and the carousel child it belongs to, so the user can resume. */
async function readStatusOf(run: RunContext, request: WaitRequest): Promise<ContainerStatus> {
	try {
		return await readContainerStatus(run.client, request.containerId, request.itemIndex);
	} catch (error) {
		const { containerId, childIndex, url: childUrl } = request;
		throw withContext(
			run.ctx.getNode(),
			error,
			{ containerId, childIndex, childUrl },
			request.itemIndex,
		);
	}
}

async function pause(run: RunContext, request: WaitRequest, ms: number): Promise<void> {
	const waitMs = Math.max(0, Math.min(ms, request.deadlineAt - run.now()));
	if (waitMs > 0) await run.sleep(waitMs);
}

function containerFailure(run: RunContext, request: WaitRequest, status: ContainerStatus) {
	const expired = status.status_code === 'EXPIRED';
	return createGraphApiError(
		run.ctx.getNode(),
		{
			kind: expired ? 'expired' : 'invalidMedia',
			subcode: expired ? 2207020 : parseStatusSubcode(status.status),
			metaMessage: status.status ?? `Container status ${status.status_code}`,
			containerId: request.containerId,
			childIndex: request.childIndex,
			childUrl: request.url,
		},
		request.itemIndex,
	);
}

function timeoutError(run: RunContext, request: WaitRequest, elapsedS: number) {
	return createGraphApiError(
		run.ctx.getNode(),
		{
			kind: 'timeout',
			metaMessage: `${request.label} ${request.containerId} was still IN_PROGRESS after ${elapsedS} s`,
			containerId: request.containerId,
			childIndex: request.childIndex,
			childUrl: request.url,
		},
		request.itemIndex,
	);
}

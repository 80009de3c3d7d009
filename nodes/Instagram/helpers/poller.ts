import { sleep } from 'n8n-workflow';

import { parseStatusSubcode } from '../transport/classify';
import { createGraphApiError } from '../transport/errors';
import type { RunContext } from './runContext';
import type { ContainerStatus } from './types';

/** Growth of the wait between status checks, and its cap (Meta suggests checks about a minute apart). */
export const POLL_BACKOFF_FACTOR = 1.5;
export const MAX_POLL_INTERVAL_MS = 30_000;

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

/** Pure: the next pause between status checks. */
export function nextPollDelay(previousMs: number): number {
	return Math.min(MAX_POLL_INTERVAL_MS, Math.round(previousMs * POLL_BACKOFF_FACTOR));
}

/** One status read, no waiting. */
export async function readContainer(
	run: RunContext,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus> {
	return await run.client.request<ContainerStatus>({
		method: 'GET',
		path: [containerId],
		qs: { fields: 'id,status_code,status' },
		itemIndex,
	});
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
		const status = await readContainer(run, request.containerId, request.itemIndex);
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
			checks === 1 && request.checkImmediately ? request.firstDelayMs : nextPollDelay(delayMs);
		const waitMs = Math.min(delayMs, remainingMs);
		run.progress(
			`${request.label} ${request.containerId} is ${status.status_code} after ${elapsedS} s; next check in ${Math.ceil(waitMs / 1000)} s`,
		);
		await pause(run, request, waitMs);
	}
}

async function pause(run: RunContext, request: WaitRequest, ms: number): Promise<void> {
	const waitMs = Math.max(0, Math.min(ms, request.deadlineAt - run.now()));
	if (waitMs > 0) await sleep(waitMs, run.signal);
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

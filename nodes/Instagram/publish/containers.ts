import type { IdResponse } from '../transport/containerStatus';
import { withContext } from '../transport/errors';
import { uploadToContainer } from './media';
import type { RunContext } from './runContext';
import type { ContainerSpec } from './types';

/** Children are created in parallel, at most this many requests at once (a carousel holds ≤ 10). */
export const MAX_PARALLEL_CHILD_REQUESTS = 10;

/**
 * Creates one media container and, for a resumable one, sends its bytes; errors name the carousel
 * child when there is one.
 */
export async function createContainer(
	run: RunContext,
	accountId: string,
	spec: ContainerSpec,
	itemIndex: number,
): Promise<string> {
	const context = { childIndex: spec.childIndex, childUrl: spec.url };
	let created: { containerId: string; uri: unknown };
	try {
		const response = await run.client.request<IdResponse & { uri?: unknown }>({
			method: 'POST',
			path: [accountId, 'media'],
			body: spec.params,
			requestClass: 'create',
			itemIndex,
		});
		created = { containerId: requireId(response, 'container'), uri: response.uri };
	} catch (error) {
		throw withContext(run.ctx.getNode(), error, context, itemIndex);
	}
	if (spec.upload) {
		await uploadToContainer(run, { ...created, ...spec.upload, itemIndex }).catch(
			async (error: unknown) =>
				await Promise.reject(withContext(run.ctx.getNode(), error, context, itemIndex)),
		);
	}
	return created.containerId;
}

/** The id Meta returns for a created object; a reply without one is an error, not an undefined id. */
export function requireId(response: Partial<IdResponse> | undefined, what: string): string {
	const id = response?.id;
	if (typeof id === 'string' && /^\d+$/.test(id)) return id;
	throw new UnexpectedReplyError(`Instagram's reply to creating the ${what} had no valid ID`);
}

/** A 2xx reply from Meta that does not have the shape its reference documents. */
export class UnexpectedReplyError extends Error {
	name = 'UnexpectedReplyError';
}

/** Pure helper: runs `task` over `inputs` with at most `limit` in flight, keeping input order. */
export async function mapWithLimit<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failed = false;
	async function worker() {
		while (next < inputs.length && !failed) {
			const index = next++;
			// Once one input fails, workers stop taking new inputs; the failure is re-raised below.
			results[index] = await task(inputs[index], index).catch(async (error: unknown) => {
				failed = true;
				return await Promise.reject(error);
			});
		}
	}
	const workers = Array.from({ length: Math.min(limit, inputs.length) }, worker);
	const settled = await Promise.allSettled(workers);
	const rejection = settled.find(
		(result): result is PromiseRejectedResult => result.status === 'rejected',
	);
	if (rejection) throw rejection.reason;
	return results;
}

import type { IDataObject } from 'n8n-workflow';

import type { KeyRecord } from '../../nodes/Instagram/ledger/ledger';
import { STATIC_DATA_KEY } from '../../nodes/Instagram/ledger/store';
import type { GraphErrorDetails } from '../../nodes/Instagram/transport/errorKinds';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import type { GraphClient, GraphRequest } from '../../nodes/Instagram/transport/graphClient';
import type { FakeRun } from './scriptedGraph';

/** Shared ids and helpers for the publish/ orchestration tests (wait, pipeline, carousel…). */
export const ACCOUNT = '17841400000000001';
export const CONTAINER = '17890000000000001';
export const MEDIA = '17920000000000001';
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** What a promise rejected with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
	return await promise.then(
		(value: unknown) => {
			throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
		},
		(error: unknown) => error,
	);
}

/** The Graph details of the error a promise rejected with; fails when it is not a Graph error. */
export async function graphFailure(promise: Promise<unknown>): Promise<GraphErrorDetails> {
	const error = await rejection(promise);
	const details = graphDetailsOf(error);
	if (!details) throw new Error(`expected a Graph error, got ${String(error)}`);
	return details;
}

/** Static data holding one account's ledger, as a previous execution would have left it. */
export function staticDataWith(
	keys: Record<string, KeyRecord>,
	publishedAt: number[] = [],
	accountId = ACCOUNT,
): FakeRun['staticData'] {
	return {
		global: { [STATIC_DATA_KEY]: { [accountId]: { publishedAt, keys } } as unknown as IDataObject },
		node: {},
	};
}

/** The account's ledger as stored in the fake's static data (undefined when never written). */
export function storedLedger(
	fake: FakeRun,
	accountId = ACCOUNT,
): { publishedAt: number[]; keys: Record<string, KeyRecord> } | undefined {
	const all = fake.staticData.global[STATIC_DATA_KEY] as
		| Record<string, { publishedAt: number[]; keys: Record<string, KeyRecord> }>
		| undefined;
	return all?.[accountId];
}

/** The scripted Graph behind a counter of requests in flight at the same time. */
export function countingInFlight(fake: FakeRun): {
	client: GraphClient;
	maxInFlight: () => number;
} {
	let inFlight = 0;
	let max = 0;
	const client: GraphClient = {
		request: async <T>(request: GraphRequest): Promise<T> => {
			inFlight++;
			max = Math.max(max, inFlight);
			try {
				return await fake.graph.request<T>(request);
			} finally {
				inFlight--;
			}
		},
		connection: async () => await fake.graph.connection(),
	};
	return { client, maxInFlight: () => max };
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// n8n-core's BinaryDataService in filesystem mode, as `n8n start` runs it (binary-research memo §2, §3, §5).
import type { Readable } from 'stream';
import { BinaryDataConfig, BinaryDataService, prepareBinaryData } from 'n8n-core';
import { BINARY_ENCODING } from 'n8n-workflow';
import type { IBinaryData } from 'n8n-workflow';

import { sha256, type StoredBinaryMeta } from './binaryMeta';
import { fromCore } from './progress';

interface DiContainer {
	get<T>(token: abstract new (...args: never[]) => T): T;
}

/** n8n-core resolves its services from its own nested @n8n/di, not the top-level copy. */
const coreContainer = () => fromCore<{ Container: DiContainer }>('@n8n/di').Container;

let ready: Promise<BinaryDataService> | undefined;
const locations = new Map<string, { type: 'execution'; workflowId: string; executionId: string }>();

export const INPUT_WORKFLOW_ID = 'harnessWorkflow01';
export const INPUT_EXECUTION_ID = `harness-input-${process.pid}`;

/**
 * The BinaryDataService nodes get from `this.helpers`, initialised once (per process; per test file
 * in jest, which gives every file its own n8n-core). Mode from N8N_DEFAULT_BINARY_DATA_MODE, else
 * `filesystem`; files under `<N8N_USER_FOLDER>/.n8n/storage` (or N8N_BINARY_DATA_STORAGE_PATH).
 */
export async function binaryDataService(): Promise<BinaryDataService> {
	ready ??= (async () => {
		const service = coreContainer().get(BinaryDataService);
		await service.init();
		return service;
	})().catch((error: unknown) => {
		ready = undefined;
		throw error;
	});
	return await ready;
}

/** The mode `binaryDataService()` stores in (`filesystem`, or `default` = in memory). */
export function binaryDataMode(): string {
	return coreContainer().get(BinaryDataConfig).mode;
}

/** Remembers a workflow/execution whose binaries deleteStoredBinaries() removes. */
export function trackLocation(workflowId: string, executionId: string): void {
	locations.set(`${workflowId}/${executionId}`, { type: 'execution', workflowId, executionId });
}

async function store(data: Buffer | Readable, meta: StoredBinaryMeta): Promise<IBinaryData> {
	await binaryDataService();
	const workflowId = meta.workflowId ?? INPUT_WORKFLOW_ID;
	const executionId = meta.executionId ?? INPUT_EXECUTION_ID;
	trackLocation(workflowId, executionId);
	// n8n-core's own prepareBinaryData: the exact item a previous node would have produced.
	return await prepareBinaryData(data, executionId, workflowId, meta.fileName, meta.mimeType);
}

export async function storeBinary(buffer: Buffer, meta: StoredBinaryMeta): Promise<IBinaryData> {
	return await store(buffer, meta);
}

/** Streams into storage (a 1 GB file costs no memory); `bytes` is the stored size. */
export async function storeBinaryStream(
	stream: Readable,
	meta: StoredBinaryMeta,
): Promise<IBinaryData> {
	return await store(stream, meta);
}

/** Hex SHA-256 of a binary's content: streamed from storage when it has an `id`, else its base64 `data`. */
export async function binarySha256(binary: IBinaryData): Promise<string> {
	if (!binary.id) return await sha256(Buffer.from(binary.data, BINARY_ENCODING));
	const service = await binaryDataService();
	return await sha256(await service.getAsStream(binary.id));
}

/** Deletes the files of every location this process stored or ran in (storeBinary*, runWorkflow). */
export async function deleteStoredBinaries(): Promise<void> {
	if (!ready || locations.size === 0) return;
	const service = await ready;
	await service.deleteMany([...locations.values()]);
	locations.clear();
}

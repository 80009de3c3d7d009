/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// Binary items without n8n-core's BinaryDataService (loading this file does not load n8n-core).
import { createHash } from 'crypto';
import { parse } from 'path';
import { Readable } from 'stream';
import { BINARY_ENCODING, fileTypeFromMimeType } from 'n8n-workflow';
import type { IBinaryData } from 'n8n-workflow';

import { fromCore } from './progress';

export interface BinaryFileMeta {
	fileName: string;
	mimeType: string;
}

export interface StoredBinaryMeta extends BinaryFileMeta {
	/** Storage location, as if a node of this workflow/execution produced it (defaults: harness ids). */
	workflowId?: string;
	executionId?: string;
}

/** The fields n8n-core's prepareBinaryData(buffer, fileName, mimeType) sets before storing. */
export function binaryDescription(meta: BinaryFileMeta): IBinaryData {
	const { extension } = fromCore<{ extension(type: string): string | false }>('mime-types');
	const path = parse(meta.fileName);
	const description: IBinaryData = {
		mimeType: meta.mimeType,
		fileType: fileTypeFromMimeType(meta.mimeType),
		fileExtension: extension(meta.mimeType) || undefined,
		data: '',
	};
	if (path.dir !== '') description.directory = path.dir;
	description.fileName = path.base;
	if (path.ext.slice(1)) description.fileExtension = path.ext.slice(1);
	return description;
}

/**
 * A binary as n8n's `default` (in-memory) mode or an older node makes it: base64 `data`, no `id`
 * (what prepareBinaryData returns when no storage manager is active).
 */
export function inMemoryBinary(buffer: Buffer, meta: BinaryFileMeta): IBinaryData {
	const prettyBytes = fromCore<(bytes: number) => string>('pretty-bytes');
	return {
		...binaryDescription(meta),
		data: buffer.toString(BINARY_ENCODING),
		fileSize: prettyBytes(buffer.length),
		bytes: buffer.length,
	};
}

/**
 * `bytes` of a fixed pseudo-random pattern (one block reused, so a 1 GB stream costs one block
 * of memory). The same `bytes` and `seed` always give the same content.
 */
export function patternStream(bytes: number, seed = 1, blockSize = 1 << 20): Readable {
	const block = Buffer.alloc(Math.min(blockSize, Math.max(bytes, 1)));
	let x = seed >>> 0 || 1;
	for (let i = 0; i < block.length; i++) {
		x ^= x << 13;
		x ^= x >>> 17;
		x ^= x << 5;
		block[i] = x & 0xff;
	}
	function* chunks(): Generator<Buffer> {
		for (let sent = 0; sent < bytes; sent += block.length)
			yield sent + block.length <= bytes ? block : block.subarray(0, bytes - sent);
	}
	return Readable.from(chunks(), { objectMode: false });
}

/** Hex SHA-256 of a buffer or of everything a stream yields (streamed, never buffered). */
export async function sha256(data: Buffer | Readable): Promise<string> {
	const hash = createHash('sha256');
	if (Buffer.isBuffer(data)) return hash.update(data).digest('hex');
	for await (const chunk of data) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

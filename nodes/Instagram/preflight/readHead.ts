/** A response body or a binary's stream: read in chunks, then let go. */
export type ByteSource = AsyncIterable<unknown> & { destroy?: () => void };

function isByteSource(body: unknown): body is ByteSource {
	return typeof (body as ByteSource | null)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Reads at most `limit` bytes and stops: the rest of the file is never fetched (the stream is
 * destroyed, which closes the connection). A body that breaks off early gives what arrived.
 */
export async function readFirstBytes(body: unknown, limit: number): Promise<Uint8Array> {
	if (body instanceof Uint8Array) return body.subarray(0, limit);
	if (!isByteSource(body)) return new Uint8Array(0);
	const chunks: Uint8Array[] = [];
	let length = 0;
	try {
		for await (const chunk of body) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
			chunks.push(bytes);
			length += bytes.length;
			if (length >= limit) break;
		}
	} catch {
		// A reset or timeout after some bytes: judge what arrived.
	} finally {
		body.destroy?.();
	}
	return Buffer.concat(chunks).subarray(0, limit);
}

/** Lets go of a body that is not needed (a redirect, an error page) without reading it. */
export function discardBody(body: unknown): void {
	if (isByteSource(body)) body.destroy?.();
}

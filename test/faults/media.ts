// Item markers: every input item of the soak carries one, and every container Meta (the sandbox)
// receives can be traced back to it, so duplicates and losses are counted per input item.
import type { IBinaryData } from 'n8n-workflow';

import { storeBinary } from '../harness';

const MARKER = /soak-b\d+-i\d+/;

/** Binaries by n8n binary id and by byte size (each soak binary has a size of its own). */
const byBinaryId = new Map<string, string>();
const bySize = new Map<number, string>();
let nextSize = 4_096;

export const mediaUrl = (marker: string, extension: 'jpg' | 'mp4', child?: number) =>
	`https://cdn.example.com/soak/${marker}${child === undefined ? '' : `-c${child}`}.${extension}`;

/** A stored binary (filesystem mode, as a previous node leaves it) whose id and size name the item. */
export async function markedBinary(marker: string, kind: 'image' | 'video'): Promise<IBinaryData> {
	const size = nextSize++;
	const bytes = Buffer.alloc(size, 0x20);
	bytes.write(kind === 'image' ? `\xff\xd8\xff\xe0 ${marker}` : `ftypmp42 ${marker}`, 'latin1');
	const binary = await storeBinary(bytes, {
		fileName: kind === 'image' ? `${marker}.jpg` : `${marker}.mp4`,
		mimeType: kind === 'image' ? 'image/jpeg' : 'video/mp4',
	});
	if (!binary.id) throw new Error('the harness stored a binary without an id');
	byBinaryId.set(binary.id, marker);
	bySize.set(size, marker);
	return binary;
}

/** The marker in a caption, a typed media URL, or the binary id inside an n8n signed URL. */
export function markerOfText(text: unknown): string | undefined {
	if (typeof text !== 'string') return undefined;
	const direct = MARKER.exec(text)?.[0];
	if (direct) return direct;
	const token = /[?&]token=([\w-]+)\.([\w-]+)\.([\w-]+)/.exec(text)?.[2];
	if (!token) return undefined;
	try {
		const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { id?: string };
		return payload.id ? byBinaryId.get(payload.id) : undefined;
	} catch {
		return undefined;
	}
}

export const markerOfSize = (size: unknown): string | undefined => bySize.get(Number(size));

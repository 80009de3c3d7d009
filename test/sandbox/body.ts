/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// Request bodies (form, JSON) and typed parameter readers.
import { createHash } from 'crypto';
import type { IncomingMessage } from 'http';

import { E } from './errors';

export type Params = Record<string, unknown>;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Byte count and hex SHA-256 of a body, hashed chunk by chunk (an upload is never held in memory). */
export async function digestBody(req: IncomingMessage): Promise<{ bytes: number; sha256: string }> {
	const hash = createHash('sha256');
	let bytes = 0;
	for await (const chunk of req) {
		hash.update(chunk as Buffer);
		bytes += (chunk as Buffer).length;
	}
	return { bytes, sha256: hash.digest('hex') };
}

/** Parses a Graph request body. Unknown content types yield `{}` (Meta ignores them). */
export function parseBody(buf: Buffer, contentType: string | undefined): Params {
	if (buf.length === 0) return {};
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('application/json')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(buf.toString('utf8'));
		} catch {
			throw E.invalidParam('Invalid JSON in request body');
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw E.invalidParam('Request body must be a JSON object');
		}
		return parsed as Params;
	}
	if (type.includes('application/x-www-form-urlencoded') || type === '') {
		return Object.fromEntries(new URLSearchParams(buf.toString('utf8')));
	}
	return {};
}

/** A scalar parameter as a string (numbers and booleans are stringified). */
export function str(p: Params, name: string): string | undefined {
	const v = p[name];
	if (typeof v === 'string') return v;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return undefined;
}

export function bool(p: Params, name: string): boolean {
	const v = p[name];
	return v === true || v === 'true' || v === '1' || v === 1;
}

/** A JSON-typed parameter: a JSON string (form/query) or a native JSON value (JSON body). */
export function json(p: Params, name: string): unknown {
	const v = p[name];
	if (typeof v !== 'string') return v;
	try {
		return JSON.parse(v);
	} catch {
		throw E.invalidParam(`Param ${name} must be a valid JSON value`);
	}
}

/** `children`: native array, JSON array string, or comma-separated ids. */
export function idList(p: Params, name: string): string[] | undefined {
	const v = p[name];
	if (v === undefined || v === '') return undefined;
	if (Array.isArray(v)) return v.map((x) => String(x));
	if (typeof v === 'number') return [String(v)];
	if (typeof v !== 'string') throw E.invalidParam(`Param ${name} must be an array of ids`);
	const s = v.trim();
	if (s.startsWith('[')) {
		const arr = json(p, name);
		if (!Array.isArray(arr)) throw E.invalidParam(`Param ${name} must be an array of ids`);
		return arr.map((x) => String(x));
	}
	return s
		.split(',')
		.map((x) => x.trim())
		.filter((x) => x !== '');
}

export function has(p: Params, name: string): boolean {
	return p[name] !== undefined && p[name] !== '';
}

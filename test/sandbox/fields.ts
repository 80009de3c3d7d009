// Graph `fields=` parsing (`a,b{c,d},e.limit(5)`) and projection onto node types.
import { E } from './errors';

export interface FieldSpec {
	name: string;
	sub?: FieldSpec[];
}

export function parseFields(raw: string | undefined): FieldSpec[] | undefined {
	if (raw === undefined || raw.trim() === '') return undefined;
	const out: FieldSpec[] = [];
	let depth = 0;
	let start = 0;
	const push = (token: string) => {
		const t = token.trim();
		if (t === '') return;
		const brace = t.indexOf('{');
		const head = brace < 0 ? t : t.slice(0, brace);
		const name = head.split('.')[0].trim();
		const sub = brace < 0 ? undefined : parseFields(t.slice(brace + 1, t.lastIndexOf('}')));
		out.push({ name, sub });
	};
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i];
		if (c === '{' || c === '(') depth++;
		else if (c === '}' || c === ')') depth--;
		else if (c === ',' && depth === 0) {
			push(raw.slice(start, i));
			start = i + 1;
		}
	}
	push(raw.slice(start));
	return out;
}

/** Resolves a field; returns undefined when the field is absent on this object. */
export type FieldGetter = (sub: FieldSpec[] | undefined) => unknown;

/**
 * Graph projection: requested fields in order, `id` always included (last when not asked),
 * unknown fields → 100 "Tried accessing nonexisting field (x) on node type (T)".
 */
export function project(
	fields: FieldSpec[] | undefined,
	getters: Record<string, FieldGetter>,
	nodeType: string,
	defaults: string[] = ['id'],
): Record<string, unknown> {
	const wanted: FieldSpec[] = fields ?? defaults.map((name) => ({ name }));
	for (const f of wanted) {
		if (!Object.prototype.hasOwnProperty.call(getters, f.name))
			throw E.nonexistingField(f.name, nodeType);
	}
	const out: Record<string, unknown> = {};
	for (const f of wanted) {
		const v = getters[f.name](f.sub);
		if (v !== undefined) out[f.name] = v;
	}
	if (getters.id && out.id === undefined) out.id = getters.id(undefined);
	return out;
}

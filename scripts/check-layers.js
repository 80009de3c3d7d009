#!/usr/bin/env node
/**
 * Arrows in nodes/Instagram point one way: actions → preflight → parameters → publish → ledger → transport.
 * A module may import from its own layer or from one below it, never from one above. The entry
 * point (Instagram.node.ts) and methods/ sit on top. Exits 1 and lists every wrong arrow.
 */
const { readdirSync, readFileSync, statSync } = require('fs');
const { dirname, join, relative, resolve, sep } = require('path');

const ROOT = resolve(__dirname, '..', 'nodes', 'Instagram');
const RANK = { actions: 6, preflight: 5, parameters: 4, publish: 3, ledger: 2, transport: 1 };
const TOP = 7;

function layerOf(file) {
	const [first] = relative(ROOT, file).split(sep);
	if (first in RANK) return { name: first, rank: RANK[first] };
	return { name: first.endsWith('.ts') ? first : `${first}/`, rank: TOP };
}

function sources(dir) {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const wrong = [];
for (const file of sources(ROOT)) {
	const from = layerOf(file);
	const text = readFileSync(file, 'utf8');
	for (const [, specifier] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
		const target = resolve(dirname(file), specifier);
		if (!target.startsWith(ROOT + sep)) continue;
		const to = layerOf(`${target}.ts`);
		if (to.rank > from.rank) {
			wrong.push(`${relative(ROOT, file)} (${from.name}) imports ${specifier} (${to.name})`);
		}
	}
}

if (wrong.length) {
	console.error(
		`Imports that point up a layer (actions → preflight → parameters → publish → ledger → transport):`,
	);
	for (const line of wrong) console.error(`  ${line}`);
	process.exit(1);
}
console.log(
	'Layers: every import in nodes/Instagram points down (actions → preflight → parameters → publish → ledger → transport).',
);

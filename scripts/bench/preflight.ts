/**
 * Item 6 — preflight cost: extra wall time and bytes fetched per media item when the node checks
 * media before sending URLs to Meta. Measured only once the node has a preflight option (the
 * preflight issue); until then the bench says so instead of printing a figure.
 *
 * Hook for when it lands: run the same 10-image carousel with the option off and on against a
 * sandbox whose media URLs are loopback (the harness's binary server or a small static server),
 * and report (wall on − wall off) / items and the bytes the media server sent per item.
 */
import { loadPackageTypes } from '../../test/harness/packageTypes';

export interface PreflightFigure {
	available: boolean;
	/** Why there is no figure, when there is none. */
	note?: string;
	extraMsPerItem?: number;
	bytesFetchedPerItem?: number;
}

/** Any parameter or option of the compiled node whose name mentions preflight. */
export function preflightOptionNames(): string[] {
	const found: string[] = [];
	const visit = (value: unknown): void => {
		if (Array.isArray(value)) return value.forEach(visit);
		if (!value || typeof value !== 'object') return;
		const record = value as Record<string, unknown>;
		if (typeof record.name === 'string' && /preflight/i.test(record.name)) found.push(record.name);
		Object.values(record).forEach(visit);
	};
	for (const node of Object.values(loadPackageTypes().nodeTypes))
		visit(node.description.properties);
	return [...new Set(found)];
}

export async function benchPreflight(): Promise<PreflightFigure> {
	const options = preflightOptionNames();
	if (options.length === 0)
		return { available: false, note: 'not available (the node has no preflight option yet)' };
	return await Promise.resolve({
		available: false,
		note: `the node has ${options.join(', ')}, but this bench does not measure it yet (see scripts/bench/preflight.ts)`,
	});
}

import type { ICheckProcessedOptions, IExecuteFunctions } from 'n8n-workflow';

import { NO_MARKS, publishedMarks } from '../../nodes/Instagram/ledger/marks';

type Call = [string, string[], string, ICheckProcessedOptions];

/** A context whose deduplication helpers keep one set of values, recording every call. */
function store(fail?: string) {
	const values = new Set<string>();
	const calls: Call[] = [];
	const warnings: string[] = [];
	const helpers = {
		checkProcessedAndRecord: async (
			items: string[],
			scope: string,
			options: ICheckProcessedOptions,
		) => {
			calls.push(['record', items, scope, options]);
			if (fail) throw new Error(fail);
			const processed = items.filter((item) => values.has(item));
			for (const item of items) values.add(item);
			return { new: items.filter((item) => !processed.includes(item)), processed };
		},
		removeProcessed: async (items: string[], scope: string, options: ICheckProcessedOptions) => {
			calls.push(['remove', items, scope, options]);
			for (const item of items) values.delete(item);
		},
	};
	const ctx = { helpers } as unknown as IExecuteFunctions;
	return { marks: publishedMarks(ctx, (m) => warnings.push(m)), values, calls, warnings };
}

describe('published keys in n8n’s deduplication store', () => {
	const options = { mode: 'entries', maxEntries: 10_000 };

	it('marks a published key per account and scoped to the node', async () => {
		const { marks, values, calls } = store();
		await marks.markPublished('acct', 'guid-1');
		expect([...values]).toEqual(['instagram-published:acct:guid-1']);
		expect(calls).toEqual([['record', ['instagram-published:acct:guid-1'], 'node', options]]);
		expect(await marks.wasPublished('acct', 'guid-1')).toBe(true);
		expect(await marks.wasPublished('other', 'guid-1')).toBe(false);
		expect(await marks.wasPublished('acct', 'guid-2')).toBe(false);
	});

	it('a lookup of a missing key takes its mark out again; of a present key leaves it', async () => {
		const { marks, values, calls } = store();
		expect(await marks.wasPublished('acct', 'k')).toBe(false);
		expect(values.size).toBe(0);
		expect(calls.map(([what]) => what)).toEqual(['record', 'remove']);
		await marks.markPublished('acct', 'k');
		calls.length = 0;
		expect(await marks.wasPublished('acct', 'k')).toBe(true);
		expect(calls.map(([what]) => what)).toEqual(['record']);
		expect(values.size).toBe(1);
	});

	it('a failing store is reported once and treated as holding nothing', async () => {
		const { marks, warnings } = store('connection refused');
		expect(await marks.wasPublished('acct', 'k')).toBe(false);
		await marks.markPublished('acct', 'k');
		await marks.markPublished('acct', 'k2');
		expect(warnings).toEqual([
			"n8n's deduplication store is unavailable (connection refused); duplicate checks use static data only",
		]);
	});

	it.each([
		['no helpers at all', {}],
		['no deduplication helpers', { helpers: {} }],
		['only one of the two', { helpers: { checkProcessedAndRecord: async () => ({}) } }],
	])('without the helpers (%s) there are no marks', async (_name, ctx) => {
		const marks = publishedMarks(ctx as unknown as IExecuteFunctions, () => {});
		expect(marks).toBe(NO_MARKS);
		expect(await NO_MARKS.wasPublished('a', 'k')).toBe(false);
		await expect(NO_MARKS.markPublished('a', 'k')).resolves.toBeUndefined();
	});
});

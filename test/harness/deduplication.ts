// n8n's deduplication store (what `n8n start`, `worker` and `execute` set up with the `processed_data` table)
// for WorkflowExecute runs: in memory, one set of value hashes per workflow and scope, with the "entries"
// mode semantics of n8n's DeduplicationHelper (cli/src/deduplication/deduplication-helper.ts), the only
// mode the node uses. Emptied before each test, like a fresh database.
import { createHash } from 'crypto';
import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

const rows = new Map<string, string[]>();
let initialized = false;
let failure: string | undefined;

const rowKey = (scope: DeduplicationScope, context: ICheckProcessedContextData) =>
	`${context.workflow.id}|${scope === 'node' ? `n:${context.node?.id ?? ''}` : ''}`;
const hash = (value: DeduplicationItemTypes) =>
	createHash('md5').update(String(value)).digest('base64');

class InMemoryDeduplicator implements IDataDeduplicator {
	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		if (failure) throw new Error(failure);
		const row = rows.get(rowKey(scope, context)) ?? [];
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (row.includes(hash(item))) output.processed.push(item);
			else {
				output.new.push(item);
				row.push(hash(item));
			}
		}
		if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
		rows.set(rowKey(scope, context), row);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		if (failure) throw new Error(failure);
		const gone = new Set(items.map(hash));
		const row = rows.get(rowKey(scope, context)) ?? [];
		rows.set(
			rowKey(scope, context),
			row.filter((h) => !gone.has(h)),
		);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		rows.delete(rowKey(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		return rows.get(rowKey(scope, context))?.length ?? 0;
	}
}

/** Sets up n8n-core's DataDeduplicationService once per test file. */
export async function ensureDeduplicationStore(): Promise<void> {
	if (initialized) return;
	initialized = true;
	await DataDeduplicationService.init(new InMemoryDeduplicator());
}

/** How many values the store holds (all workflows and scopes). */
export const processedValueCount = (): number =>
	[...rows.values()].reduce((n, row) => n + row.length, 0);

/** From now on (until the next test) every call fails with this message, like a database that is down. */
export function failDeduplicationStore(message: string): void {
	failure = message;
}

export function clearDeduplicationStore(): void {
	rows.clear();
	failure = undefined;
}

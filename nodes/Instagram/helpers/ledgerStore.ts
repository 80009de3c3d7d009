import type { IDataObject } from 'n8n-workflow';

import { emptyAccount, pruneAccount } from './ledger';
import type { AccountLedger } from './ledger';

const STATIC_DATA_KEY = 'instagramLedger';

/** Reads and writes per-account ledgers in the node's workflow static data (no secrets, ids only). */
export class LedgerStore {
	constructor(private readonly staticData: IDataObject) {}

	read(accountId: string, now: number, keyWindowMs: number): AccountLedger {
		const stored = this.all()[accountId];
		return pruneAccount(isAccountLedger(stored) ? stored : emptyAccount(), now, keyWindowMs);
	}

	write(accountId: string, ledger: AccountLedger): void {
		// Assigning the top-level key is what marks static data as changed for n8n to persist it.
		this.staticData[STATIC_DATA_KEY] = {
			...this.all(),
			[accountId]: ledger,
		} as unknown as IDataObject;
	}

	update(
		accountId: string,
		now: number,
		keyWindowMs: number,
		change: (ledger: AccountLedger) => AccountLedger,
	): AccountLedger {
		const next = change(this.read(accountId, now, keyWindowMs));
		this.write(accountId, next);
		return next;
	}

	private all(): Record<string, unknown> {
		const value = this.staticData[STATIC_DATA_KEY];
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	}
}

function isAccountLedger(value: unknown): value is AccountLedger {
	if (!value || typeof value !== 'object') return false;
	const candidate = value as Partial<AccountLedger>;
	return (
		Array.isArray(candidate.publishedAt) && !!candidate.keys && typeof candidate.keys === 'object'
	);
}

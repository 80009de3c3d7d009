import type { IDataObject } from 'n8n-workflow';

import { emptyAccount, mergeAccounts, pruneAccount } from './ledger';
import type { AccountLedger } from './ledger';

export const STATIC_DATA_KEY = 'instagramLedger';

/**
 * Per-account ledgers in the workflow's global static data, shared by every Instagram node of the
 * workflow (so a Status node sees the keys of the node that created the container, and renaming a
 * node forgets nothing). Ledgers that earlier versions kept in the node's own static data are
 * still read, and move to the shared place on the first write. Holds ids and times only, no secrets.
 */
export class LedgerStore {
	constructor(
		private readonly shared: IDataObject,
		private readonly legacy?: IDataObject,
	) {}

	read(accountId: string, now: number, keyWindowMs: number): AccountLedger {
		const current = ledgerIn(this.shared, accountId);
		const old = this.legacy ? ledgerIn(this.legacy, accountId) : undefined;
		const merged =
			current && old ? mergeAccounts(current, old) : (current ?? old ?? emptyAccount());
		return pruneAccount(merged, now, keyWindowMs);
	}

	write(accountId: string, ledger: AccountLedger): void {
		// Assigning the top-level key is what marks static data as changed for n8n to persist it.
		this.shared[STATIC_DATA_KEY] = {
			...all(this.shared),
			[accountId]: ledger,
		} as unknown as IDataObject;
		if (this.legacy && ledgerIn(this.legacy, accountId)) {
			// Its content is in the shared ledger now (every write starts from a merged read).
			const rest = { ...all(this.legacy) };
			delete rest[accountId];
			this.legacy[STATIC_DATA_KEY] = rest as IDataObject;
		}
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
}

function all(staticData: IDataObject): Record<string, unknown> {
	const value = staticData[STATIC_DATA_KEY];
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function ledgerIn(staticData: IDataObject, accountId: string): AccountLedger | undefined {
	const stored = all(staticData)[accountId];
	return isAccountLedger(stored) ? stored : undefined;
}

function isAccountLedger(value: unknown): value is AccountLedger {
	if (!value || typeof value !== 'object') return false;
	const candidate = value as Partial<AccountLedger>;
	return (
		Array.isArray(candidate.publishedAt) && !!candidate.keys && typeof candidate.keys === 'object'
	);
}

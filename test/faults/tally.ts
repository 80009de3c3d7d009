// The soak's counts; every "breach" counter must end at zero.
export class Tally {
	publishesAttempted = 0;
	/** Distinct input items (each batch's items; re-runs of them not counted again). */
	distinctItems = 0;
	executions = 0;
	batches = 0;
	readonly outcomes: Record<string, number> = {};
	readonly injected: Record<string, number> = {};
	readonly fired: Record<string, number> = {};
	readonly breaches = {
		duplicates: 0,
		silentLosses: 0,
		misreports: 0,
		quotaBreaches: 0,
		waitBreaches: 0,
		leakedSecrets: 0,
	};
	/** The first problems, with the batch and seed context needed to replay them. */
	readonly problems: string[] = [];

	count(map: Record<string, number>, key: string, by = 1): void {
		map[key] = (map[key] ?? 0) + by;
	}

	breach(kind: keyof Tally['breaches'], detail: string, by = 1): void {
		this.breaches[kind] += by;
		if (this.problems.length < 25) this.problems.push(`${kind}: ${detail}`);
	}

	table(seed: number, wallSeconds: number): string {
		const rows: Array<[string, number | string]> = [
			['seed (FAULT_SEED to replay)', seed],
			['wall time (s)', wallSeconds.toFixed(1)],
			['batches / executions', `${this.batches} / ${this.executions}`],
			['distinct input items', this.distinctItems],
			['publishes attempted (items × executions)', this.publishesAttempted],
			...Object.entries(this.outcomes).map(([k, v]): [string, number] => [`  outcome: ${k}`, v]),
			...Object.entries(this.injected).map(([k, v]): [string, number] => [
				`  fault injected: ${k}`,
				v,
			]),
			...Object.entries(this.fired).map(([k, v]): [string, number] => [`  fault fired: ${k}`, v]),
			['duplicates', this.breaches.duplicates],
			['silent losses', this.breaches.silentLosses],
			['misreports (output contradicts Meta)', this.breaches.misreports],
			['quota breaches', this.breaches.quotaBreaches],
			['waits past their bound', this.breaches.waitBreaches],
			['leaked secrets', this.breaches.leakedSecrets],
		];
		const width = Math.max(...rows.map(([k]) => k.length));
		return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
	}
}

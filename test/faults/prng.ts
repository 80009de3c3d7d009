/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling (env, stdout), never shipped in dist/ */
/** A small seeded PRNG (mulberry32): the soak's every choice comes from it, so a seed replays a run. */
export class Prng {
	private state: number;

	constructor(readonly seed: number) {
		this.state = seed >>> 0;
	}

	/** 0 ≤ n < 1. */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)];
	}

	/** One entry, each as likely as its weight. */
	weighted<T extends { weight: number }>(list: readonly T[]): T {
		let roll = this.next() * list.reduce((sum, entry) => sum + entry.weight, 0);
		for (const entry of list) {
			roll -= entry.weight;
			if (roll < 0) return entry;
		}
		return list[list.length - 1];
	}
}

/** FAULT_SEED from the environment (to replay), else a fresh one. */
export function soakSeed(): number {
	const given = process.env.FAULT_SEED;
	if (given !== undefined && given !== '') {
		const seed = Number(given);
		if (!Number.isInteger(seed) || seed < 0)
			throw new Error(`FAULT_SEED must be a whole number, got ${given}`);
		return seed;
	}
	return Math.floor(Math.random() * 2 ** 31);
}

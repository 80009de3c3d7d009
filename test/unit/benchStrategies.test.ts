import { MAX_POLL_INTERVAL_MS, nextPollDelay } from '../../nodes/Instagram/publish/wait';
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../../nodes/Instagram/parameters/options';
import { BASELINES, MODEL_OF_NODE, WHAT_IFS } from '../../scripts/bench/strategies';
import type { Baseline } from '../../scripts/bench/strategies';

/** The pauses a baseline asks for before each check, with no time passing but the pauses. */
function schedule(baseline: Baseline, checks: number): (number | undefined)[] {
	const pauses: (number | undefined)[] = [];
	let elapsed = 0;
	for (let check = 1; check <= checks; check++) {
		const pause = baseline.delayBefore(check, elapsed);
		pauses.push(pause);
		if (pause === undefined) break;
		elapsed += pause;
	}
	return pauses;
}

const byName = (name: string) => {
	const found = [...BASELINES, ...WHAT_IFS].find((baseline) => baseline.name === name);
	if (!found) throw new Error(`no baseline ${name}`);
	return found;
};

describe('bench strategies (npm run bench)', () => {
	it("models the node's poll schedule as wait.ts ships it (else the what-ifs compare with something else)", () => {
		const expected = [DEFAULT_POLL_INTERVAL_SECONDS * 1000];
		while (expected.length < 30) expected.push(nextPollDelay(expected[expected.length - 1]));
		expect(schedule(MODEL_OF_NODE, 30)).toEqual(expected);
		expect(Math.max(...expected)).toBe(MAX_POLL_INTERVAL_MS);
	});

	it.each([
		['fixed 30 s Wait loop', [30_000, 30_000, 30_000]],
		['every 60 s (Meta)', [60_000, 60_000, 60_000]],
		['every 20 s (Postiz)', [20_000, 20_000, 20_000]],
	])('%s waits the same before every check', (name, pauses) => {
		expect(schedule(byName(name), 3)).toEqual(pauses);
	});

	it('Postiz stops after 90 checks', () => {
		expect(byName('every 20 s (Postiz)').delayBefore(91, 0)).toBeUndefined();
		expect(byName('every 20 s (Postiz)').delayBefore(90, 0)).toBe(20_000);
	});

	it('the adaptive 0.5 → 2 s poll gives up after 40 checks, at 55 s, before its 90 s cap', () => {
		const pauses = schedule(byName('adaptive 0.5→2 s, 90 s cap'), 41);
		expect(pauses.slice(0, 10)).toEqual(Array(10).fill(500));
		expect(pauses.slice(10, 20)).toEqual(Array(10).fill(1000));
		expect(pauses.slice(20, 40)).toEqual(Array(20).fill(2000));
		expect(pauses[40]).toBeUndefined();
		expect((pauses.slice(0, 40) as number[]).reduce((sum, ms) => sum + ms, 0)).toBe(55_000);
		expect(byName('adaptive 0.5→2 s, 90 s cap').delayBefore(30, 89_000)).toBeUndefined();
	});

	it('the what-ifs differ from the node only in the cap', () => {
		const capped60 = schedule(byName('what-if: node rule, 60 s cap'), 20);
		expect(capped60.slice(0, 9)).toEqual(schedule(MODEL_OF_NODE, 9));
		expect(Math.max(...(capped60 as number[]))).toBe(60_000);
		const later = byName('what-if: cap 30 s, 60 s after 2 min');
		expect(later.delayBefore(12, 119_000)).toBe(30_000);
		expect(later.delayBefore(12, 120_000)).toBe(60_000);
	});
});

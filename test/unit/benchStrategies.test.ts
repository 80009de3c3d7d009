import {
	LONG_JOB_POLL_INTERVAL_MS,
	MAX_POLL_INTERVAL_MS,
	nextPollDelay,
} from '../../nodes/Instagram/publish/wait';
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../../nodes/Instagram/parameters/options';
import { BASELINES, MODEL_OF_NODE, WHAT_IFS } from '../../scripts/bench/strategies';
import type { Baseline } from '../../scripts/bench/strategies';

/** The pauses a baseline asks for before each check, with no time passing but the pauses. */
function schedule(baseline: Baseline, checks: number): (number | undefined)[] {
	const pauses: (number | undefined)[] = [];
	let elapsed = 0;
	let previous = 0;
	for (let check = 1; check <= checks; check++) {
		const pause = baseline.delayBefore(check, elapsed, previous);
		pauses.push(pause);
		if (pause === undefined) break;
		elapsed += pause;
		previous = pause;
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
		const first = DEFAULT_POLL_INTERVAL_SECONDS * 1000;
		const expected = [first];
		let elapsed = first;
		while (expected.length < 30) {
			expected.push(nextPollDelay(expected[expected.length - 1], elapsed, first));
			elapsed += expected[expected.length - 1];
		}
		expect(schedule(MODEL_OF_NODE, 30)).toEqual(expected);
		expect(expected).toContain(MAX_POLL_INTERVAL_MS);
		expect(Math.max(...expected)).toBe(LONG_JOB_POLL_INTERVAL_MS);
	});

	it.each([
		['fixed 30 s Wait loop', [30_000, 30_000, 30_000]],
		['every 60 s (Meta)', [60_000, 60_000, 60_000]],
		['every 20 s (Postiz)', [20_000, 20_000, 20_000]],
	])('%s waits the same before every check', (name, pauses) => {
		expect(schedule(byName(name), 3)).toEqual(pauses);
	});

	it('Postiz stops after 90 checks', () => {
		expect(byName('every 20 s (Postiz)').delayBefore(91, 0, 20_000)).toBeUndefined();
		expect(byName('every 20 s (Postiz)').delayBefore(90, 0, 20_000)).toBe(20_000);
	});

	it('the adaptive 0.5 → 2 s poll gives up after 40 checks, at 55 s, before its 90 s cap', () => {
		const pauses = schedule(byName('adaptive 0.5→2 s, 90 s cap'), 41);
		expect(pauses.slice(0, 10)).toEqual(Array(10).fill(500));
		expect(pauses.slice(10, 20)).toEqual(Array(10).fill(1000));
		expect(pauses.slice(20, 40)).toEqual(Array(20).fill(2000));
		expect(pauses[40]).toBeUndefined();
		expect((pauses.slice(0, 40) as number[]).reduce((sum, ms) => sum + ms, 0)).toBe(55_000);
		expect(byName('adaptive 0.5→2 s, 90 s cap').delayBefore(30, 89_000, 2000)).toBeUndefined();
	});

	it('the what-ifs differ from the node only in the cap', () => {
		const node = schedule(MODEL_OF_NODE, 25) as number[];
		const capped30 = schedule(byName('what-if: 30 s cap throughout'), 25) as number[];
		const capped60 = schedule(byName('what-if: 60 s cap from the start'), 25) as number[];
		expect(capped30.slice(0, 11)).toEqual(node.slice(0, 11));
		expect(Math.max(...capped30)).toBe(30_000);
		expect(capped60.slice(0, 9)).toEqual(node.slice(0, 9));
		expect(Math.max(...capped60)).toBe(60_000);
		expect(capped60).not.toEqual(node);
	});
});

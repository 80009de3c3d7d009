import { sleep } from 'n8n-workflow';

import type { Clock } from '../../nodes/Instagram/transport/clock';

/** Real time each virtual pause takes at most: enough for cancellation and interleaving, no more. */
const REAL_PAUSE_CAP_MS = 2;
const HELD_PAUSE_MS = 60_000;

/**
 * The clock the compiled node uses in jest (see test/setup-clock.ts): every pause advances virtual
 * time at once, so minutes of Meta processing take milliseconds, and tests check waits by their
 * virtual length. Cancellation still interrupts a pause, as n8n's sleep does.
 */
export class VirtualClock implements Clock {
	private offsetMs = 0;
	private holdFrom = Infinity;
	/** Every pause the node asked for, in order (ms). */
	readonly pauses: number[] = [];
	/** Pauses in progress right now (only while pauses are held). */
	waiting = 0;

	now = (): number => Date.now() + this.offsetMs;

	sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
		this.pauses.push(ms);
		if (this.pauses.length > this.holdFrom) {
			this.waiting++;
			try {
				// Only the execution's cancel signal ends a held pause.
				await sleep(HELD_PAUSE_MS, signal);
			} finally {
				this.waiting--;
			}
		}
		await sleep(Math.min(ms, REAL_PAUSE_CAP_MS), signal);
		this.offsetMs += ms;
	};

	/** Until reset, every pause after the first `skip` lasts until the execution is cancelled. */
	holdPauses(skip = 0): void {
		this.holdFrom = this.pauses.length + skip;
	}

	/** Virtual time spent pausing since the last reset. */
	get pausedMs(): number {
		return this.pauses.reduce((sum, ms) => sum + ms, 0);
	}

	reset(): void {
		this.pauses.length = 0;
		this.holdFrom = Infinity;
	}
}

export const virtualClock = new VirtualClock();

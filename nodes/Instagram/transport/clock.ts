import { sleep } from 'n8n-workflow';

/**
 * Time as the node sees it. Every wait (status polling, retry backoff, read-back pauses) goes
 * through one clock, so tests can run minutes of Meta processing in milliseconds and check the
 * waits by their length instead of by the wall clock.
 */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or rejects as soon as the execution's cancel signal fires. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => await sleep(ms, signal),
};

/**
 * How long one HTTP request may take. One module for both, so the fault suite (test/faults) can
 * shorten them the way test/setup-clock.ts swaps the clock, and slow answers cost no real minutes.
 */
export const requestTimeouts = {
	/** A Graph API call. */
	graphMs: 60_000,
	/** A 1 GB upload over a slow line takes a while; this bounds a stalled one. */
	uploadMs: 30 * 60 * 1000,
};

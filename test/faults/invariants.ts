/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling (env, stdout), never shipped in dist/ */
// Invariants checked against the sandbox's state after every execution of the soak.
import type { IDataObject } from 'n8n-workflow';

import type { RunResult } from '../harness';
import type { RecordedRequest } from '../sandbox';
import { DAY_MS } from '../sandbox/state';
import { NODE } from '../workflow/fixtures';
import { deliveredContainers, markerOfRequest, markersOf } from './state';
import type { SandboxSnapshot } from './state';
import type { Tally } from './tally';

/** The longest single pause the node may take: poll and retry backoff cap at 30 s, Meta's regain hint here ≤ 1 min. */
export const MAX_PAUSE_MS = 60_000;
/** A status read may still be retried (transport retry deadline) after the processing wait ended. */
export const STATUS_READ_SLACK_MS = 120_000;

export interface ExecutionFacts {
	label: string;
	/** Markers of the input items, by item index. */
	markers: string[];
	result: RunResult;
	before: SandboxSnapshot;
	after: SandboxSnapshot;
	/** Graph requests made during this execution. */
	requests: RecordedRequest[];
	/** Every Graph request of the batch so far (uploads trace resumable containers). */
	batchRequests: RecordedRequest[];
	pauses: number[];
	maxWaitMs: number;
	quotaTotal: number;
	secrets: string[];
	/** Container Only run: FINISHED unpublished containers are its expected result. */
	containerOnly: boolean;
}

type Outcome = 'published' | 'duplicate' | 'quota' | 'error' | 'prepared' | 'reported';

/** FAULT_TRACE=1: the Graph calls of an execution with a problem, to see what happened. */
function trace(facts: ExecutionFacts): string {
	if (!process.env.FAULT_TRACE) return '';
	const calls = facts.requests.map(
		(r) =>
			`    #${r.seq} ${r.method} ${r.endpoint}${r.containerId ? ` ${r.containerId}` : ''} → ${r.status}${r.fault ? ` [${r.fault}]` : ''} ${JSON.stringify(r.response ?? '').slice(0, 120)}`,
	);
	return `\n${calls.join('\n')}\n    output: ${JSON.stringify(facts.result.json(NODE)).slice(0, 1500)}\n    error: ${String(facts.result.error?.message ?? '')}`;
}

export function checkExecution(facts: ExecutionFacts, tally: Tally): void {
	const problemsBefore = tally.problems.length;
	try {
		checkInvariants(facts, tally);
	} finally {
		if (tally.problems.length > problemsBefore && problemsBefore < 5)
			tally.problems.push(trace(facts));
	}
}

function checkInvariants(facts: ExecutionFacts, tally: Tally): void {
	const { after, label } = facts;
	const markerOf = markersOf(after, facts.batchRequests);
	const published = (state: SandboxSnapshot) =>
		new Set(
			state.containers
				.filter((c) => !c.isCarouselItem && c.mediaIds.length > 0)
				.map((c) => markerOf.get(c.id) ?? `unmarked:${c.id}`),
		);
	const before = published(facts.before);
	const now = published(after);
	const newlyPublished = new Set([...now].filter((m) => !before.has(m)));
	const byId = new Map(after.containers.map((c) => [c.id, c]));
	const delivered = deliveredContainers(facts.requests).filter(
		(d) => !byId.get(d.id)?.isCarouselItem,
	);

	const accept = (index: number, outcome: Outcome) => tally.count(tally.outcomes, outcome);
	const lie = (index: number, why: string) =>
		tally.breach('misreports', `${label} item ${index} (${facts.markers[index]}): ${why}`);

	/** The unpublished container an error about this item must name, if the item had one at the end. */
	const mustName = (marker: string): string | undefined => {
		const own = delivered.filter((d) => markerOf.get(d.id) === marker);
		const last = own.at(-1);
		if (!last || byId.get(last.id)?.mediaIds.length) return undefined;
		const later = facts.requests.filter((r) => r.seq > last.seq);
		const newTry = later.some(
			(r) =>
				r.endpoint === 'quota' ||
				(r.endpoint === 'createContainer' && markerOfRequest(r) === marker),
		);
		return newTry ? undefined : last.id;
	};

	const checkError = (index: number, message: string, details: IDataObject) => {
		const marker = facts.markers[index];
		const action = String(details.action ?? details.description ?? '');
		if (!message || !action) lie(index, `error without a next step: ${message}`);
		const named = typeof details.containerId === 'string' ? details.containerId : undefined;
		const required = mustName(marker);
		if (required && named !== required)
			tally.breach(
				'silentLosses',
				`${label} item ${index} (${marker}): error "${message}" does not name container ${required}`,
			);
		if (named && markerOf.get(named) !== marker && !byId.get(named)?.isCarouselItem)
			lie(index, `error names container ${named}, which is not this item's`);
		if (newlyPublished.has(marker) && details.publishOutcomeUnknown !== true)
			lie(index, `reported an error (${message}) but the item was published`);
	};

	const checkItem = (index: number, json: IDataObject) => {
		const marker = facts.markers[index];
		if (typeof json.error === 'string') {
			checkError(index, json.error, (json.details ?? {}) as IDataObject);
			return accept(index, 'error');
		}
		const container = typeof json.containerId === 'string' ? byId.get(json.containerId) : undefined;
		if (json.skipped === true && json.reason === 'duplicate') {
			// Published before this execution, or by an earlier Retry On Fail try of it.
			if (!now.has(marker)) lie(index, 'skipped as a duplicate of a post that does not exist');
			return accept(index, 'duplicate');
		}
		if (json.skipped === true && json.reason === 'quota') {
			if (newlyPublished.has(marker)) lie(index, 'skipped for quota but published');
			return accept(index, 'quota');
		}
		if (json.published === true) {
			const media = after.media.find((m) => m.id === json.id);
			const ok = json.id
				? media !== undefined && markerOf.get(media.containerId) === marker
				: json.recovered === true &&
					container?.status_code === 'PUBLISHED' &&
					markerOf.get(container.id) === marker;
			if (!ok)
				lie(
					index,
					`claims published (id ${String(json.id)}) but Meta has no such post of this item`,
				);
			return accept(index, 'published');
		}
		if (newlyPublished.has(marker))
			lie(index, 'output says not published but the item was published');
		if (
			facts.containerOnly &&
			json.status === 'FINISHED' &&
			container &&
			markerOf.get(container.id) === marker
		)
			return accept(index, 'prepared');
		if (!facts.containerOnly && typeof json.status === 'string' && container)
			return accept(index, 'reported');
		tally.breach(
			'silentLosses',
			`${label} item ${index} (${marker}): output ${JSON.stringify(json)}`,
		);
	};

	const output = facts.result.output(NODE);
	const byItem = new Map<number, IDataObject>();
	for (const item of output) {
		const paired = item.pairedItem;
		const index = typeof paired === 'object' && paired && !Array.isArray(paired) ? paired.item : -1;
		if (byItem.has(index)) lie(index, 'two output items');
		byItem.set(index, item.json);
	}
	const error = facts.result.error as
		| (Error & { description?: string; context?: IDataObject })
		| undefined;
	const failedAt = Number(error?.context?.itemIndex ?? -1);
	facts.markers.forEach((marker, index) => {
		tally.publishesAttempted += facts.containerOnly ? 0 : 1;
		const json = byItem.get(index);
		if (json) return checkItem(index, json);
		if (facts.result.status === 'error' && error && index === failedAt) {
			const details = {
				...((error.context?.instagram ?? {}) as IDataObject),
				description: error.description,
			};
			checkError(index, error.message, details);
			return accept(index, 'error');
		}
		if (facts.result.status === 'error' && failedAt >= 0 && index < failedAt) {
			// n8n drops a failed node's output; these items finished before the failing one.
			return accept(index, now.has(marker) ? 'published' : 'reported');
		}
		if (facts.result.status === 'error' && failedAt >= 0 && index > failedAt) {
			if (delivered.some((d) => markerOf.get(d.id) === marker))
				lie(index, 'a container was made after the execution had failed on an earlier item');
			return accept(index, 'reported');
		}
		tally.breach(
			'silentLosses',
			`${label} item ${index} (${marker}): no output and no error (${facts.result.status})`,
		);
	});

	checkDuplicates(facts, markerOf, tally);
	checkQuota(facts, tally);
	checkWaits(facts, tally);
	checkSecrets(facts, tally);
}

function checkDuplicates(facts: ExecutionFacts, markerOf: Map<string, string>, tally: Tally) {
	for (const c of facts.after.containers)
		if (
			c.mediaIds.length > 1 &&
			!facts.before.containers.some((b) => b.id === c.id && b.mediaIds.length > 1)
		)
			tally.breach(
				'duplicates',
				`${facts.label}: container ${c.id} published ${c.mediaIds.length} times`,
			);
	const earlier = countPosts(facts.before, markerOf);
	for (const [marker, count] of countPosts(facts.after, markerOf)) {
		// Counted once per batch: only what this execution added beyond one post.
		const extra = count - Math.max(1, earlier.get(marker) ?? 0);
		if (extra > 0)
			tally.breach(
				'duplicates',
				`${facts.label}: item ${marker} is on Instagram ${count} times`,
				extra,
			);
	}
}

function countPosts(state: SandboxSnapshot, markerOf: Map<string, string>): Map<string, number> {
	const posts = new Map<string, number>();
	for (const c of state.containers)
		if (!c.isCarouselItem && c.mediaIds.length > 0) {
			const marker = markerOf.get(c.id) ?? `unmarked:${c.id}`;
			posts.set(marker, (posts.get(marker) ?? 0) + c.mediaIds.length);
		}
	return posts;
}

function checkQuota(facts: ExecutionFacts, tally: Tally) {
	for (const [account, { timestamps }] of Object.entries(facts.after.publishes)) {
		const sorted = [...timestamps].sort((a, b) => a - b);
		const worst = Math.max(
			0,
			...sorted.map((t) => sorted.filter((u) => u > t - DAY_MS && u <= t).length),
		);
		const earlier = Math.max(
			0,
			...(facts.before.publishes[account]?.timestamps ?? []).map(
				(t, _, all) => all.filter((u) => u > t - DAY_MS && u <= t).length,
			),
		);
		if (worst > facts.quotaTotal && worst > earlier)
			tally.breach(
				'quotaBreaches',
				`${facts.label}: ${worst} publishes in 24 h on ${account}, limit ${facts.quotaTotal}`,
			);
	}
}

function checkWaits(facts: ExecutionFacts, tally: Tally) {
	for (const pause of facts.pauses)
		if (pause > MAX_PAUSE_MS)
			tally.breach('waitBreaches', `${facts.label}: a pause of ${pause} ms`);
	const created = new Map(facts.after.containers.map((c) => [c.id, c.createdAt]));
	for (const { id } of deliveredContainers(facts.requests)) {
		const reads = facts.requests.filter(
			(r) => r.endpoint === 'containerStatus' && r.containerId === id,
		);
		const last = reads.at(-1);
		const start = created.get(id);
		if (last && start !== undefined && last.at - start > facts.maxWaitMs + STATUS_READ_SLACK_MS)
			tally.breach(
				'waitBreaches',
				`${facts.label}: container ${id} still polled ${last.at - start} ms after creation (max wait ${facts.maxWaitMs} ms)`,
			);
	}
}

function checkSecrets(facts: ExecutionFacts, tally: Tally) {
	const { result } = facts;
	const text = JSON.stringify([
		result.run,
		result.staticData,
		result.hints,
		String(result.error?.stack ?? ''),
	]);
	for (const secret of facts.secrets)
		if (text.includes(secret))
			tally.breach('leakedSecrets', `${facts.label}: a secret appears in the run data`);
}

// Instagram Login tokens in queue mode: the worker that runs an execution refreshes the token through the
// credential's preAuthentication and n8n writes it to the shared database; the other worker must read that
// token for its next execution, not the old one. Each case has its own credential and webhook workflow, both
// seeded with the sandbox's Instagram Login token, which the suite makes 50 days old (10 days left: due).
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox';
import type { CredentialImport, WorkflowJson } from '../e2e/n8n';
import type { QueueCluster } from './cluster';
import { imagePostWorkflow } from './workflows';

export const TOKEN_AGE_MS = 50 * 86_400_000;

export interface QueueSuite {
	sandbox: Sandbox;
	cluster: QueueCluster;
	counts: string[];
	post(path: string, body: IDataObject): Promise<IDataObject[]>;
}

const HANDOVER = {
	workflowId: 'igQueueTokenHandover',
	path: 'queue-token-handover',
	credential: { id: 'igQueueLoginCred01', name: 'Instagram Login (hand-over)' },
};
const BURST = {
	workflowId: 'igQueueTokenBurst01',
	path: 'queue-token-burst',
	credential: { id: 'igQueueLoginCred02', name: 'Instagram Login (burst)' },
};
const CASES = [HANDOVER, BURST];

export const tokenWebhookPaths = CASES.map((c) => c.path);

export function tokenCredentials(sandbox: Sandbox): CredentialImport[] {
	return CASES.map(({ credential }) => ({
		...credential,
		type: 'instagramApi',
		data: { loginType: 'instagram', accessToken: sandbox.tokens.instagram, baseUrl: sandbox.url },
	}));
}

export function tokenWorkflows(accountId: string): WorkflowJson[] {
	return CASES.map((c) => imagePostWorkflow(c.workflowId, c.path, accountId, c.credential));
}

const body = (label: string) => ({
	key: label,
	caption: `token ${label}`,
	url: `https://cdn.example.com/token/${label}.jpg`,
});

async function storedCredential(cluster: QueueCluster, id: string): Promise<IDataObject> {
	const stored = (await cluster.cli.exportCredentials(true)).find((c) => c.id === id);
	if (!stored) throw new Error(`credential ${id} is not in n8n's database`);
	return stored.data;
}

export function tokenRefreshTests(suite: () => QueueSuite): void {
	const ranSince = (cluster: QueueCluster, before: number[]) =>
		cluster.executionsByWorker().map((ids, i) => ids.length - before[i]);

	it('a token refreshed on one worker is stored in the database and is the one the other worker uses', async () => {
		const { sandbox, cluster, counts, post } = suite();
		const before = cluster.executionsByWorker().map((ids) => ids.length);
		const [first] = await post(HANDOVER.path, body('handover-0'));
		expect(first).toMatchObject({ published: true, status: 'PUBLISHED' });
		expect(sandbox.calls('refreshToken').map((r) => r.status)).toEqual([200]);
		const firstRun = ranSince(cluster, before);
		const refresher = firstRun.findIndex((n) => n === 1);
		expect(firstRun.filter((n) => n > 0)).toEqual([1]);

		// Bull hands each job to whichever worker asks first: run until the other worker has taken one.
		let runs = 1;
		while (ranSince(cluster, before).every((n, i) => i === refresher || n === 0) && runs < 20) {
			const [out] = await post(HANDOVER.path, body(`handover-${runs}`));
			expect(out).toMatchObject({ published: true, status: 'PUBLISHED' });
			runs++;
		}
		const perWorker = ranSince(cluster, before);
		expect(perWorker.every((n) => n > 0)).toBe(true);

		const tokens = sandbox.instagramTokens();
		expect(tokens.map((t) => t.serial)).toEqual([0, 1]);
		expect(sandbox.calls('refreshToken')).toHaveLength(1);
		// Every publish, the first one included (preAuthentication runs before it), used the refreshed token.
		expect(sandbox.calls('publish').map((r) => r.tokenSerial)).toEqual(Array(runs).fill(1));
		for (const call of sandbox.requests) expect(call.tokenKind).toBe('instagram');

		const stored = await storedCredential(cluster, HANDOVER.credential.id);
		expect(stored.accessToken).toBe(tokens[1].token);
		expect(Math.abs(Date.parse(String(stored.tokenExpiresAt)) - tokens[1].expiresAt)).toBeLessThan(
			60_000,
		);
		counts.push(
			`token hand-over: refreshed once by worker ${refresher + 1}; ${runs} executions (per worker ` +
				`${perWorker.join(' + ')}) all published with the refreshed token; the database holds it`,
		);
	});

	it('a burst of executions when a refresh is due: every one publishes, the database ends with a live token', async () => {
		const { sandbox, cluster, counts, post } = suite();
		const before = cluster.executionsByWorker().map((ids) => ids.length);
		const burst = Array.from({ length: 10 }, (_, i) => body(`burst-${i}`));
		const results = await Promise.all(burst.map(async (b) => (await post(BURST.path, b))[0]));
		for (const item of results)
			expect(item).toMatchObject({ published: true, status: 'PUBLISHED' });
		const perWorker = ranSince(cluster, before);

		// Each execution that loaded the credential before the first refresh was written refreshes the seed
		// token too (Meta allows it: it is 50 days old); the tokens stay valid, the last write is stored.
		const refreshes = sandbox.calls('refreshToken');
		expect(refreshes.length).toBeGreaterThan(0);
		expect(refreshes.every((r) => r.status === 200)).toBe(true);
		const tokens = sandbox.instagramTokens();
		expect(tokens).toHaveLength(1 + refreshes.length);
		const published = sandbox.calls('publish').filter((r) => r.status === 200);
		expect(published).toHaveLength(burst.length);
		expect(new Set(published.map((r) => String(r.body.creation_id))).size).toBe(burst.length);

		const stored = await storedCredential(cluster, BURST.credential.id);
		const storedToken = tokens.find((t) => t.token === stored.accessToken);
		expect(storedToken?.serial).toBeGreaterThan(0);
		expect(storedToken!.expiresAt).toBeGreaterThan(sandbox.now());

		// The next execution uses what is stored and does not refresh again.
		const mark = sandbox.requests.length;
		const [next] = await post(BURST.path, body('burst-after'));
		expect(next).toMatchObject({ published: true });
		const after = sandbox.requests.slice(mark);
		expect(after.filter((r) => r.endpoint === 'refreshToken')).toEqual([]);
		expect(after.find((r) => r.endpoint === 'publish')?.tokenSerial).toBe(storedToken!.serial);
		counts.push(
			`token burst: 10 concurrent executions (per worker ${perWorker.join(' + ')}) with a refresh due: ` +
				`${refreshes.length} refreshes, 10 published; stored token #${storedToken!.serial}, used next without a refresh`,
		);
	});
}

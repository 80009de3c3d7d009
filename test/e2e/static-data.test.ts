// Idempotency across real `n8n execute` runs: n8n saves workflow static data after CLI runs (mode `cli`), so the
// node's ledger of published idempotency keys survives into the next run of the same workflow.
import { startSandbox, type Sandbox } from '../sandbox';
import { describeE2E, itWhen, printTimings, startE2e, tokensInUrls, type E2e } from './e2e';
import { describeResult, nodeOutput } from './result';

const WORKFLOW_ID = 'igExRssImagePost01';
const NODE = 'Post to Instagram';

describeE2E('real n8n 2.41.1: idempotency ledger in workflow static data', () => {
	let sandbox: Sandbox;
	let e2e: E2e | undefined;
	const timings: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await e2e?.dispose();
		await sandbox?.close();
		printTimings('static data', timings);
	});

	itWhen(
		['post', 'options.idempotencyKey'],
		'a second run of the RSS workflow publishes nothing',
		async () => {
			e2e = await startE2e(sandbox, timings);

			const first = await e2e.run('rss-to-image-post.json');
			expect(describeResult(first.result)).toBe(`status=success exit=0 (in ${NODE})`);
			const guids = nodeOutput(first.result, 'Read News Feed').map((item) => String(item.guid));
			expect(guids).toHaveLength(3);
			expect(sandbox.calls('publish')).toHaveLength(3);

			const stored = await e2e.n8n.staticData(WORKFLOW_ID);
			const ledger = JSON.stringify(stored[`node:${NODE}`] ?? null);
			for (const guid of guids) expect(ledger).toContain(guid);

			const creates = sandbox.calls('createContainer').length;
			const second = await e2e.n8n.execute(WORKFLOW_ID);
			timings.push(
				`rss-to-image-post.json (2nd run, all duplicates): execute ${(second.ms / 1000).toFixed(1)} s`,
			);
			expect(describeResult(second)).toBe(`status=success exit=0 (in ${NODE})`);
			const outputs = nodeOutput(second, NODE);
			expect(outputs).toHaveLength(3);
			for (const out of outputs) expect(out).toMatchObject({ skipped: true, reason: 'duplicate' });

			expect(sandbox.calls('publish')).toHaveLength(3);
			expect(sandbox.calls('createContainer')).toHaveLength(creates);
			expect(sandbox.mediaCount(sandbox.accounts[0].id)).toBe(3);
			expect(tokensInUrls(sandbox)).toEqual([]);
		},
	);
});

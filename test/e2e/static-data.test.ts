// Idempotency across real `n8n execute` runs: n8n saves workflow static data after CLI runs (mode `cli`), so the
// node's ledger of published idempotency keys survives into the next run of the same workflow.
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../sandbox';
import { printTimings, startE2e, tokensInUrls, type E2e } from './e2e';
import { describeResult, nodeOutput } from './result';

const WORKFLOW_ID = 'igExRssImagePost01';
const NODE = 'Post to Instagram';

describe('real n8n 2.41.1: idempotency ledger in workflow static data', () => {
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

	it('a second run of the RSS workflow publishes nothing', async () => {
		e2e = await startE2e(sandbox, timings);

		const first = await e2e.run('rss-to-image-post.json');
		expect(describeResult(first.result)).toBe(`status=success exit=0 (in ${NODE})`);
		const guids = nodeOutput(first.result, 'Read News Feed').map((item) => String(item.guid));
		expect(guids).toHaveLength(3);
		expect(sandbox.calls('publish')).toHaveLength(3);

		// The ledger lives in the workflow's global static data, per account, shared by every
		// Instagram node; the node's own static data (where earlier versions kept it) stays empty.
		const posts = nodeOutput(first.result, NODE);
		const account = sandbox.accounts[0].id;
		const stored = await e2e.n8n.staticData(WORKFLOW_ID);
		expect(Object.keys(stored.global as IDataObject)).toEqual(['instagramLedger']);
		const ledgers = (stored.global as IDataObject).instagramLedger as Record<string, IDataObject>;
		expect(Object.keys(ledgers)).toEqual([account]);
		const { publishedAt, keys } = ledgers[account] as { publishedAt: number[]; keys: IDataObject };
		expect(publishedAt).toHaveLength(3);
		expect(keys).toEqual(
			Object.fromEntries(
				guids.map((guid, i) => [
					guid,
					{
						state: 'published',
						containerId: posts[i].containerId,
						mediaId: posts[i].id,
						at: publishedAt[i],
					},
				]),
			),
		);
		for (const [scope, data] of Object.entries(stored))
			if (scope.startsWith('node:')) expect(data).toEqual({});

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
	});
});

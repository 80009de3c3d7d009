import { Expression, sleep } from 'n8n-workflow';

import { fakeNodeTypes, sleeperLog } from './fixtures/nodes';
import { startServer } from './fixtures/server';
import { chain, FEED, TRIGGER } from './fixtures/workflows';
import { loadPackageTypes, runWorkflow } from './index';
import type { RunOptions } from './index';

const run = async (options: RunOptions) =>
	await runWorkflow({ nodeTypes: fakeNodeTypes, ...options });

describe('in-process n8n harness', () => {
	it('runs Manual Trigger → node through WorkflowExecute', async () => {
		const result = await run({
			workflow: chain([{ name: 'Echo', type: 'fake.echo', parameters: { text: 'hello' } }]),
		});
		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.json(TRIGGER)).toEqual([{}]);
		expect(result.output('Echo')).toEqual([
			{ json: { text: 'hello', index: 0 }, pairedItem: { item: 0 } },
		]);
		expect(result.output('Nope')).toEqual([]);
	});

	it('resolves expressions ($json, $("Node").item) with n8n-workflow\'s default in-process engine', async () => {
		const workflow = chain([
			{ name: 'Seed', type: 'n8n-nodes-base.noOp' },
			{
				name: 'Echo',
				type: 'fake.echo',
				parameters: {
					text: "={{ $json.title }}/{{ $('Seed').item.json.n * 2 }}/{{ $('Seed').all().length }}",
				},
			},
		]);
		const result = await run({
			workflow,
			inputItems: [{ json: { title: 'A', n: 1 } }, { json: { title: 'B', n: 2 } }],
		});
		expect(result.json('Echo').map((item) => item.text)).toEqual(['A/2/2', 'B/4/2']);
		expect(Expression.getActiveImplementation()).toBe('legacy');
	});

	it('continue-on-fail: onError continueRegularOutput turns a failed item into { error }', async () => {
		const steps = (onError?: 'continueRegularOutput') =>
			chain([
				{
					name: 'Echo',
					type: 'fake.echo',
					parameters: { text: '={{ $json.v }}', failOn: 'bad' },
					onError,
				},
			]);
		const inputItems = ['ok', 'bad', 'fine'].map((v) => ({ json: { v } }));
		const tolerant = await run({ workflow: steps('continueRegularOutput'), inputItems });
		expect(tolerant.status).toBe('success');
		expect(tolerant.json('Echo')).toEqual([
			{ text: 'ok', index: 0 },
			{ error: 'Refusing "bad"' },
			{ text: 'fine', index: 2 },
		]);
		const strict = await run({ workflow: steps(), inputItems });
		expect(strict.status).toBe('error');
		expect(strict.error?.message).toBe('Refusing "bad"');
		expect(strict.run.data.resultData.lastNodeExecuted).toBe('Echo');
	});

	it('carries static data between runs and reports when n8n would save it', async () => {
		const workflow = chain([{ name: 'Counter', type: 'fake.counter' }]);
		const first = await run({ workflow });
		expect(first.staticDataChanged).toBe(true);
		expect(first.staticData).toEqual({ global: { runs: 1 }, 'node:Counter': { lastRunAt: 'now' } });
		const second = await run({ workflow, staticData: first.staticData });
		expect(second.json('Counter')).toEqual([{ runs: 2 }]);
		expect(second.staticDataChanged).toBe(true);
		const readOnly = chain([
			{ name: 'Counter', type: 'fake.counter', parameters: { touch: false } },
		]);
		const third = await run({ workflow: readOnly, staticData: second.staticData });
		expect(third).toMatchObject({ staticDataChanged: false, staticData: { global: { runs: 2 } } });
		const manual = await run({ workflow, staticData: second.staticData, mode: 'manual' });
		expect(manual).toMatchObject({ staticDataChanged: false, staticData: { global: { runs: 3 } } });
		expect(second.staticData).toEqual({
			global: { runs: 2 },
			'node:Counter': { lastRunAt: 'now' },
		});
	});

	it('cancels through the signal: the node sees getExecutionCancelSignal() fire', async () => {
		const controller = new AbortController();
		// An hour: only the cancel signal can end this sleep before the test times out.
		const pending = run({
			workflow: chain([
				{ name: 'Sleeper', type: 'fake.sleeper', parameters: { ms: 3_600_000 } },
				{ name: 'After', type: 'fake.counter' },
			]),
			signal: controller.signal,
		});
		while (!sleeperLog.started) await sleep(10);
		controller.abort();
		const result = await pending;
		expect(result.status).toBe('canceled');
		expect(sleeperLog).toEqual({
			started: true,
			aborted: true,
			cancellationHandler: true,
			sleep: 'interrupted',
		});
		expect(result.output('After')).toEqual([]);
		expect(result.staticDataChanged).toBe(false);
	});

	it('reports progress from this.logger and sendMessageToUI, and collects execution hints', async () => {
		const events: Array<{ node: string; message: string }> = [];
		const others: Array<{ node: string; message: string }> = [];
		const workflow = chain([{ name: 'Chatty', type: 'fake.chatty' }]);
		const [result, concurrent] = await Promise.all([
			run({ workflow, mode: 'manual', onProgress: (event) => events.push(event) }),
			run({
				workflow: chain([{ name: 'Other', type: 'fake.chatty' }]),
				onProgress: (event) => others.push(event),
			}),
		]);
		expect(events).toEqual([
			{ node: 'Chatty', message: 'step one' },
			{ node: 'Chatty', message: 'step two' },
			{ node: 'Chatty', message: 'only in the UI' },
		]);
		// cli mode: sendMessageToUI is a no-op in n8n-core, the logger lines still arrive; runs don't mix.
		expect(others).toEqual([
			{ node: 'Other', message: 'step one' },
			{ node: 'Other', message: 'step two' },
		]);
		expect(result.hints).toEqual([expect.objectContaining({ message: 'A hint from chatty' })]);
		expect(concurrent.status).toBe('success');
	});

	it('stubs RSS Read (rss-parser item shape), Wait and No Op', async () => {
		const server = await startServer(() => ({
			body: FEED,
			type: 'application/rss+xml; charset=utf-8',
		}));
		try {
			const workflow = chain([
				{
					name: 'Read Feed',
					type: 'n8n-nodes-base.rssFeedRead',
					typeVersion: 1.2,
					parameters: { url: `${server.url}/feed.xml`, options: {} },
				},
				{
					name: 'Wait',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					parameters: { resume: 'timeInterval', amount: 0.05, unit: 'seconds' },
				},
				{
					name: 'Echo',
					type: 'fake.echo',
					parameters: { text: '={{ $json.enclosure?.url ?? $json["content:encoded"] }}' },
				},
			]);
			const result = await run({ workflow });
			expect(result.status).toBe('success');
			const [first, second] = result.json('Read Feed');
			expect(first).toEqual({
				creator: 'Jane Doe',
				title: 'First & foremost',
				link: 'https://example.com/1',
				pubDate: 'Mon, 02 Mar 2026 10:00:00 +0000',
				'dc:creator': 'Jane Doe',
				'content:encoded': '<p>Full <img src="https://cdn.example.com/1.jpg"></p>',
				'content:encodedSnippet': 'Full',
				enclosure: { url: 'https://cdn.example.com/1.jpg', length: '12345', type: 'image/jpeg' },
				content: '<p>Hello <b>world</b></p>',
				contentSnippet: 'Hello world',
				guid: 'item-1',
				categories: ['news'],
				isoDate: '2026-03-02T10:00:00.000Z',
			});
			expect(second).toMatchObject({
				title: 'Second',
				guid: 'https://example.com/2',
				content: '<p>Only encoded</p>',
				isoDate: '2026-03-03T10:00:00.000Z',
			});
			expect(second).not.toHaveProperty('enclosure');
			expect(result.json('Echo').map((item) => item.text)).toEqual([
				'https://cdn.example.com/1.jpg',
				'<p>Only encoded</p>',
			]);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	it('Wait of 65 s or more puts the execution to wait, as the real node does', async () => {
		const workflow = chain([
			{ name: 'Wait', type: 'n8n-nodes-base.wait', parameters: { amount: 2, unit: 'minutes' } },
			{ name: 'After', type: 'fake.echo' },
		]);
		const result = await run({ workflow });
		expect(result.status).toBe('waiting');
		expect(result.run.waitTill?.getTime()).toBeGreaterThan(Date.now() + 60_000);
		expect(result.output('After')).toEqual([]);
	});

	it('explains unknown node types and missing start nodes', async () => {
		await expect(
			run({ workflow: chain([{ name: 'X', type: 'n8n-nodes-base.httpRequest' }]) }),
		).rejects.toThrow(/Unknown node type\(s\) n8n-nodes-base\.httpRequest/);
		await expect(run({ workflow: chain([]), startNode: 'Missing' })).rejects.toThrow(
			'No node named "Missing"',
		);
	});

	// npm test builds dist/ first; without it loadPackageTypes fails and says to build.
	it('loads the compiled package types from dist/ via package.json', () => {
		const { nodeTypes, credentialTypes } = loadPackageTypes();
		expect(Object.keys(nodeTypes)).toEqual(['n8n-nodes-instagram-publisher.instagram']);
		expect(Object.keys(credentialTypes).sort()).toEqual(['instagramApi', 'instagramOAuth2Api']);
	});
});

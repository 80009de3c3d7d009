import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { STATIC_DATA_KEY } from '../../nodes/Instagram/ledger/store';
import { createRunContext } from '../../nodes/Instagram/publish/runContext';
import type { Clock } from '../../nodes/Instagram/transport/clock';
import { ACCOUNT, CONTAINER } from './publishFixtures';
import { testNode } from './scriptedGraph';

interface HttpCall {
	credentialType: string;
	url: unknown;
}

/** A minimal IExecuteFunctions: parameters, mode, static data, logging, hints and HTTP. */
function fakeExecute(options: { mode?: string; parameters?: IDataObject } = {}) {
	const staticData: Record<string, IDataObject> = { global: {}, node: {} };
	const controller = new AbortController();
	const logged: string[] = [];
	const toUi: unknown[] = [];
	const hints: unknown[] = [];
	const http: HttpCall[] = [];
	const responses: Array<{ statusCode: number; body: unknown; headers: IDataObject }> = [];
	const getNodeParameter = jest.fn(
		(name: string, _itemIndex: number, fallback?: unknown) =>
			options.parameters?.[name] ?? fallback,
	);
	const ctx = {
		getNode: () => testNode,
		getNodeParameter,
		getMode: () => options.mode ?? 'manual',
		getExecutionCancelSignal: () => controller.signal,
		getExecutionId: () => 'exec-7',
		getWorkflowStaticData: (type: string) => (staticData[type] ??= {}),
		getCredentials: async () => await Promise.resolve({ loginType: 'facebook' }),
		logger: {
			info: (message: string) => logged.push(message),
			warn: (message: string) => logged.push(message),
		},
		sendMessageToUI: (message: unknown) => toUi.push(message),
		addExecutionHints: (...added: unknown[]) => hints.push(...added),
		helpers: {
			httpRequestWithAuthentication: async (
				credentialType: string,
				requestOptions: { url: unknown },
			) => {
				http.push({ credentialType, url: requestOptions.url });
				return await Promise.resolve(
					responses.shift() ?? { statusCode: 200, body: { id: CONTAINER }, headers: {} },
				);
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, staticData, controller, logged, toUi, hints, http, responses, getNodeParameter };
}

function fakeClock(start = 5_000) {
	let now = start;
	const sleeps: Array<{ ms: number; signal?: AbortSignal }> = [];
	const clock: Clock = {
		now: () => now,
		sleep: async (ms, signal) => {
			sleeps.push({ ms, signal });
			now += ms;
			await Promise.resolve();
		},
	};
	return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

describe('createRunContext', () => {
	it('progress goes to the log, and to the editor in a manual execution', () => {
		const manual = fakeExecute({ mode: 'manual' });
		createRunContext(manual.ctx, fakeClock().clock).progress('waiting');
		expect(manual.logged).toEqual(['Instagram: waiting']);
		expect(manual.toUi).toEqual(['Instagram: waiting']);

		const production = fakeExecute({ mode: 'trigger' });
		createRunContext(production.ctx, fakeClock().clock).progress('waiting');
		expect(production.logged).toEqual(['Instagram: waiting']);
		expect(production.toUi).toEqual([]);
	});

	it('a hint is an info note in the output pane', () => {
		const fake = fakeExecute();
		createRunContext(fake.ctx, fakeClock().clock).hint('ready after 3 s');
		expect(fake.hints).toEqual([
			{ message: 'ready after 3 s', type: 'info', location: 'outputPane' },
		]);
	});

	it('time and pauses come from the clock; pauses end with the execution', async () => {
		const fake = fakeExecute();
		const time = fakeClock(42_000);
		const run = createRunContext(fake.ctx, time.clock);
		expect(run.now()).toBe(42_000);
		time.advance(1_000);
		expect(run.now()).toBe(43_000);
		expect(run.signal).toBe(fake.controller.signal);
		await run.sleep(2_500);
		expect(time.sleeps).toEqual([{ ms: 2_500, signal: fake.controller.signal }]);
	});

	it('the ledger lives in global static data; the per-node ledger of 0.1 is still read', () => {
		const fake = fakeExecute();
		fake.staticData.node[STATIC_DATA_KEY] = {
			[ACCOUNT]: {
				publishedAt: [],
				keys: { old: { state: 'published', containerId: CONTAINER, at: 4_000 } },
			},
		} as unknown as IDataObject;
		const run = createRunContext(fake.ctx, fakeClock().clock);
		expect(Object.keys(run.ledger.read(ACCOUNT, 5_000, 60_000).keys)).toEqual(['old']);
		run.ledger.update(ACCOUNT, 5_000, 60_000, (ledger) => ledger);
		expect(fake.staticData.global[STATIC_DATA_KEY]).toHaveProperty(ACCOUNT);
		expect(fake.staticData.node[STATIC_DATA_KEY]).toEqual({});
	});

	it('requests go through the credential of the Authentication parameter (OAuth2 by default)', async () => {
		const fake = fakeExecute();
		const run = createRunContext(fake.ctx, fakeClock().clock);
		expect(fake.getNodeParameter).toHaveBeenCalledWith('authentication', 0, 'oAuth2');
		await expect(
			run.client.request({ method: 'GET', path: [CONTAINER], itemIndex: 0 }),
		).resolves.toEqual({ id: CONTAINER });
		expect(fake.http).toEqual([
			{
				credentialType: 'instagramOAuth2Api',
				url: `https://graph.facebook.com/v25.0/${CONTAINER}`,
			},
		]);

		const token = fakeExecute({ parameters: { authentication: 'accessToken' } });
		await createRunContext(token.ctx, fakeClock().clock).client.request({
			method: 'GET',
			path: [CONTAINER],
		});
		expect(token.http.map((call) => call.credentialType)).toEqual(['instagramApi']);
	});

	it("retries pause on the run's clock, with the execution's cancel signal", async () => {
		const fake = fakeExecute();
		const time = fakeClock();
		fake.responses.push({ statusCode: 500, body: { error: { code: 2 } }, headers: {} });
		const run = createRunContext(fake.ctx, time.clock);
		await run.client.request({ method: 'GET', path: [CONTAINER] });
		expect(fake.http).toHaveLength(2);
		expect(time.sleeps).toHaveLength(1);
		expect(time.sleeps[0].signal).toBe(fake.controller.signal);
	});

	it('the quota tracker reads through the same client', async () => {
		const fake = fakeExecute();
		fake.responses.push({
			statusCode: 200,
			body: { data: [{ quota_usage: 7, config: { quota_total: 50 } }] },
			headers: {},
		});
		const run = createRunContext(fake.ctx, fakeClock().clock);
		await expect(run.quota.current(ACCOUNT, 0, 60_000)).resolves.toEqual({
			used: 7,
			total: 50,
			remaining: 43,
		});
		expect(fake.http[0].url).toBe(
			`https://graph.facebook.com/v25.0/${ACCOUNT}/content_publishing_limit`,
		);
	});
});

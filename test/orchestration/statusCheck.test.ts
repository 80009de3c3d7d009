import { checkStatus, STATUS_PUBLISH_WAIT_MS } from '../../nodes/Instagram/publish/statusCheck';
import type { StatusRequest } from '../../nodes/Instagram/publish/statusCheck';
import {
	ACCOUNT,
	CONTAINER,
	DAY_MS,
	graphFailure,
	MEDIA,
	rejection,
	staticDataWith,
	storedLedger,
} from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const QUOTA = { data: [{ quota_usage: 3, config: { quota_total: 100 } }] };
const FULL_QUOTA = { data: [{ quota_usage: 100, config: { quota_total: 100 } }] };

function statusRequest(overrides: Partial<StatusRequest> = {}): StatusRequest {
	return {
		accountId: ACCOUNT,
		containerId: CONTAINER,
		publishIfReady: false,
		itemIndex: 0,
		...overrides,
	};
}

const nowOf = (fake: FakeRun) => fake.clock.now();
const iso = (ms: number) => new Date(ms).toISOString();

describe('checkStatus: one container read (never a wait), an optional publish, the quota', () => {
	it('without a container id: the quota only', async () => {
		const fake = fakeRun();
		fake.graph.reply('quota', QUOTA);
		await expect(
			checkStatus(fake.run, statusRequest({ containerId: undefined })),
		).resolves.toStrictEqual({
			accountId: ACCOUNT,
			published: false,
			quota: { used: 3, total: 100, remaining: 97 },
		});
		expect(fake.graph.sequence).toEqual(['quota']);
		expect(fake.graph.calls('quota')[0].path).toEqual([ACCOUNT, 'content_publishing_limit']);
	});

	it('reports the container as Meta names it, with the subcode from its status text', async () => {
		const fake = fakeRun();
		const text = 'Error: Media upload has failed with error code 2207026';
		fake.graph
			.reply('status', { id: CONTAINER, status_code: 'ERROR', status: text })
			.reply('quota', QUOTA);
		const output = await checkStatus(fake.run, statusRequest({ itemIndex: 2 }));
		expect(output).toEqual({
			accountId: ACCOUNT,
			containerId: CONTAINER,
			published: false,
			status: 'ERROR',
			statusCode: 'ERROR',
			statusText: text,
			errorSubcode: 2207026,
			quota: { used: 3, total: 100, remaining: 97 },
		});
		expect(output.id).toBeUndefined();
		expect(fake.graph.calls('status')[0]).toMatchObject({ path: [CONTAINER], itemIndex: 2 });
	});

	it('IN_PROGRESS with Publish If Ready: no wait, no publish', async () => {
		const fake = fakeRun();
		fake.graph.status('IN_PROGRESS').reply('quota', QUOTA);
		const output = await checkStatus(fake.run, statusRequest({ publishIfReady: true }));
		expect(output).toMatchObject({ published: false, status: 'IN_PROGRESS' });
		expect(fake.graph.sequence).toEqual(['status', 'quota']);
		expect(fake.clock.sleeps).toEqual([]);
	});

	it('FINISHED without Publish If Ready: reported, not published', async () => {
		const fake = fakeRun();
		fake.graph.status('FINISHED').reply('quota', QUOTA);
		const output = await checkStatus(fake.run, statusRequest());
		expect(output).toMatchObject({ published: false, status: 'FINISHED', statusCode: 'FINISHED' });
		expect(fake.graph.sequence).toEqual(['status', 'quota']);
	});

	describe('PUBLISHED: the media id comes from the ledger, when this node published it', () => {
		it('known container → published with its media id', async () => {
			const fake = fakeRun({
				staticData: staticDataWith({
					'launch-post': {
						state: 'published',
						containerId: CONTAINER,
						mediaId: MEDIA,
						at: 1_700_000_000_000 - 29 * DAY_MS,
					},
				}),
			});
			fake.graph.status('PUBLISHED').reply('quota', QUOTA);
			const output = await checkStatus(fake.run, statusRequest());
			expect(output).toMatchObject({
				published: true,
				status: 'PUBLISHED',
				statusCode: 'PUBLISHED',
				id: MEDIA,
			});
		});

		it('unknown container → published, media id unknown', async () => {
			const fake = fakeRun({
				staticData: staticDataWith({
					other: {
						state: 'published',
						containerId: '17890000000000777',
						mediaId: MEDIA,
						at: 1_700_000_000_000,
					},
				}),
			});
			fake.graph.status('PUBLISHED').reply('quota', QUOTA);
			const output = await checkStatus(fake.run, statusRequest());
			expect(output.published).toBe(true);
			expect(output.id).toBeUndefined();
		});

		it('a container the ledger knows, not published yet → no media id', async () => {
			const fake = fakeRun({
				staticData: staticDataWith({
					'launch-post': {
						state: 'published',
						containerId: CONTAINER,
						mediaId: MEDIA,
						at: 1_700_000_000_000,
					},
				}),
			});
			fake.graph.status('FINISHED').reply('quota', QUOTA);
			const output = await checkStatus(fake.run, statusRequest());
			expect(output.id).toBeUndefined();
		});
	});

	describe('Publish If Ready and FINISHED', () => {
		it('publishes once, records it, and reports the quota after the publish', async () => {
			const fake = fakeRun({
				staticData: staticDataWith({
					'launch-post': { state: 'pending', containerId: CONTAINER, at: 1_700_000_000_000 },
				}),
			});
			fake.graph.status('FINISHED').reply('quota', QUOTA).reply('publish', { id: MEDIA });
			const output = await checkStatus(fake.run, statusRequest({ publishIfReady: true }));
			expect(output).toStrictEqual({
				accountId: ACCOUNT,
				containerId: CONTAINER,
				published: true,
				status: 'PUBLISHED',
				statusCode: 'PUBLISHED',
				statusText: undefined,
				errorSubcode: undefined,
				id: MEDIA,
				quota: {
					used: 4,
					total: 100,
					remaining: 96,
					nextSlotAt: iso(nowOf(fake) + DAY_MS),
				},
			});
			expect(fake.graph.sequence).toEqual(['status', 'quota', 'publish']);
			expect(fake.graph.calls('publish')[0]).toMatchObject({
				path: [ACCOUNT, 'media_publish'],
				body: { creation_id: CONTAINER },
			});
			expect(storedLedger(fake)).toEqual({
				publishedAt: [nowOf(fake)],
				keys: {
					'launch-post': {
						state: 'published',
						containerId: CONTAINER,
						mediaId: MEDIA,
						at: nowOf(fake),
					},
				},
			});
		});

		it('quota used up → stops with the quota error, publishes nothing', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED').reply('quota', FULL_QUOTA);
			const error = await rejection(checkStatus(fake.run, statusRequest({ publishIfReady: true })));
			expect((error as Error).message).toContain('(100/100)');
			expect(fake.graph.sequence).toEqual(['status', 'quota']);
		});

		it('reply lost but the container reads PUBLISHED → recovered, media id unknown', async () => {
			const fake = fakeRun();
			fake.graph
				.status('FINISHED')
				.reply('quota', QUOTA)
				.fail('publish', failures.lostReply())
				.status('PUBLISHED');
			const output = await checkStatus(fake.run, statusRequest({ publishIfReady: true }));
			expect(output).toMatchObject({ published: true, status: 'PUBLISHED', recovered: true });
			expect(output.id).toBeUndefined();
			expect(fake.graph.calls('publish')).toHaveLength(1);
		});

		it('a normal publish does not claim a recovery', async () => {
			const fake = fakeRun();
			fake.graph.status('FINISHED').reply('quota', QUOTA).reply('publish', { id: MEDIA });
			const output = await checkStatus(fake.run, statusRequest({ publishIfReady: true }));
			expect(Object.keys(output)).not.toContain('recovered');
		});

		it('"not ready" at publish: waits at most 60 s, first pause 2 s, under the name "Container"', async () => {
			expect(STATUS_PUBLISH_WAIT_MS).toBe(60_000);
			const fake = fakeRun();
			fake.graph.status('FINISHED').reply('quota', QUOTA).fail('publish', failures.notReady());
			fake.graph.status(...Array<string>(7).fill('IN_PROGRESS'));
			const details = await graphFailure(
				checkStatus(fake.run, statusRequest({ publishIfReady: true })),
			);
			expect(details).toMatchObject({
				kind: 'timeout',
				containerId: CONTAINER,
				metaMessage: `Container ${CONTAINER} was still IN_PROGRESS after 60 s`,
			});
			expect(fake.clock.sleeps[0]).toBe(2_000);
			expect(fake.clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(60_000);
			expect(fake.graph.pending).toBe(0);
		});
	});

	it('reports when the token expires, where the credential knows it', async () => {
		const fake = fakeRun();
		const expiresAt = Date.UTC(2030, 0, 2, 3, 4, 5);
		jest.spyOn(fake.graph, 'connection').mockResolvedValue({
			credentialType: 'instagramOAuth2Api',
			loginType: 'facebook',
			baseUrl: 'https://graph.facebook.com/v25.0',
			secrets: [],
			tokenExpiresAt: expiresAt,
		});
		fake.graph.reply('quota', QUOTA);
		const output = await checkStatus(fake.run, statusRequest({ containerId: undefined }));
		expect(output.tokenExpiresAt).toBe('2030-01-02T03:04:05.000Z');
	});
});

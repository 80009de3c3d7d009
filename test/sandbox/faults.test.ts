import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox } from './index';
import { client, IG, JPG } from './test-utils';

describe('Graph sandbox: faults and control endpoints', () => {
	let sb: Sandbox;
	let api: AxiosInstance;
	beforeAll(async () => {
		sb = await startSandbox();
		api = client(sb);
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	const container = async () =>
		(await api.post(`/${IG}/media`, { image_url: JPG })).data.id as string;

	it('dropAfterCommit: the publish happens, the socket dies, exactly one media exists', async () => {
		const id = await container();
		sb.fault({ endpoint: 'publish', kind: 'dropAfterCommit' });
		await expect(api.post(`/${IG}/media_publish`, { creation_id: id })).rejects.toMatchObject({
			code: 'ECONNRESET',
			message: 'socket hang up',
		});
		expect(sb.mediaCount(IG)).toBe(1);
		expect((await api.get(`/${id}?fields=status_code`)).data.status_code).toBe('PUBLISHED');
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).data.error.code).toBe(24);
		expect(sb.mediaCount(IG)).toBe(1);
		expect(sb.calls('publish')[0]).toMatchObject({ fault: 'dropAfterCommit', status: 0 });
	});

	it('dropBeforeCommit does nothing; http500 fails once then succeeds', async () => {
		const id = await container();
		sb.fault({ endpoint: 'publish', kind: 'dropBeforeCommit' });
		await expect(api.post(`/${IG}/media_publish`, { creation_id: id })).rejects.toMatchObject({
			code: 'ECONNRESET',
			message: 'socket hang up',
		});
		expect(sb.mediaCount()).toBe(0);
		sb.fault({ endpoint: 'publish', kind: 'http500' });
		const failed = await api.post(`/${IG}/media_publish`, { creation_id: id });
		expect(failed.status).toBe(500);
		expect(failed.data.error).toMatchObject({ code: 2, is_transient: true });
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
		expect(sb.calls('publish').map((r) => r.status)).toEqual([0, 500, 200]);
	});

	it('rateLimit carries the BUC header; mediaFetchFailure can target one media URL', async () => {
		sb.fault({ endpoint: 'any', kind: 'rateLimit', regainMinutes: 7 });
		const limited = await api.get(`/${IG}/content_publishing_limit`);
		expect(limited.status).toBe(400);
		expect(limited.data.error.code).toBe(80002);
		const buc = JSON.parse(limited.headers['x-business-use-case-usage'] as string);
		expect(buc[IG][0].estimated_time_to_regain_access).toBe(7);
		const broken = 'https://cdn.example.com/broken.jpg';
		sb.fault({ endpoint: 'createContainer', kind: 'mediaFetchFailure', url: broken, times: 2 });
		expect((await api.post(`/${IG}/media`, { image_url: JPG })).status).toBe(200);
		for (let i = 0; i < 2; i++) {
			expect((await api.post(`/${IG}/media`, { image_url: broken })).data.error).toMatchObject({
				code: 9004,
				error_subcode: 2207052,
				error_user_msg: expect.stringContaining(`fetched from this URI: ${broken}.`),
			});
		}
		expect((await api.post(`/${IG}/media`, { image_url: broken })).status).toBe(200);
		expect(sb.calls('createContainer').map((r) => [r.status, r.fault])).toEqual([
			[200, undefined],
			[400, 'mediaFetchFailure'],
			[400, 'mediaFetchFailure'],
			[200, undefined],
		]);
		expect(sb.mediaCount()).toBe(0);
	});

	it('processingError: the container is created, its processing ends in ERROR with the subcode', async () => {
		sb.fault({ endpoint: 'createContainer', kind: 'processingError', subcode: 2207026 });
		const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
		expect((await api.get(`/${id}?fields=status_code,status`)).data).toEqual({
			status_code: 'ERROR',
			status: 'Error: Media upload has failed with error code 2207026',
			id,
		});
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).data.error).toMatchObject({
			code: 9007,
			error_subcode: 2207027,
		});
		expect(() => sb.fault({ endpoint: 'publish', kind: 'processingError', subcode: 1 })).toThrow(
			'processingError applies to createContainer or upload only',
		);
		expect(() => sb.fault({ endpoint: 'createContainer', kind: 'processingError' })).toThrow(
			'processingError needs an integer subcode',
		);
	});

	it('control endpoints: faults, requests, state, reset and RSS feeds', async () => {
		const ctl = axios.create({ baseURL: `${sb.url}/__sandbox`, validateStatus: () => true });
		const video = 'https://cdn.example.com/bad.mp4';
		const queued = await ctl.post('/faults', [
			{ endpoint: 'quota', kind: 'http500' },
			{ endpoint: 'createContainer', kind: 'processingError', url: video, subcode: 2207082 },
		]);
		expect(queued.data).toEqual({
			ok: true,
			faults: [
				{ endpoint: 'quota', kind: 'http500', times: 1, regainMinutes: 0 },
				{
					endpoint: 'createContainer',
					kind: 'processingError',
					times: 1,
					url: video,
					regainMinutes: 0,
					subcode: 2207082,
				},
			],
		});
		expect((await api.get(`/${IG}/content_publishing_limit`)).data.error.code).toBe(2);
		expect((await ctl.get('/requests')).data.requests).toHaveLength(1);
		await container();
		const { id } = (await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: video })).data;
		const state = (await ctl.get('/state')).data;
		expect(state.containers.map((c: Record<string, unknown>) => c.status_code)).toEqual([
			'FINISHED',
			'IN_PROGRESS',
		]);
		expect(state.containers[1]).toMatchObject({ id, accountId: IG, errorSubcode: 2207082 });
		expect(state.faults).toEqual([]);
		expect((await ctl.post('/faults', { endpoint: 'me', kind: 'nope' })).data).toEqual({
			error: 'Unknown fault kind: nope',
		});
		const news = (await ctl.get('/feeds/news.xml')).data as string;
		expect(news.match(/<item>/g)).toHaveLength(3);
		expect(news).toContain('<enclosure url="https://cdn.example.com/news/1.jpg" type="image/jpeg"');
		const gallery = (await ctl.get('/feeds/gallery.xml')).data as string;
		expect(
			gallery.match(/<img src="https:\/\/cdn\.example\.com\/gallery\/1-\d\.jpg"/g),
		).toHaveLength(3);
		expect(sb.calls('control').map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /__sandbox/faults',
			'GET /__sandbox/requests',
			'GET /__sandbox/state',
			'POST /__sandbox/faults',
			'GET /__sandbox/feeds/news.xml',
			'GET /__sandbox/feeds/gallery.xml',
		]);
		await ctl.post('/reset');
		expect(sb.requests).toHaveLength(0);
		expect(sb.calls()).toHaveLength(0);
	});
});

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
			code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
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
		await expect(api.post(`/${IG}/media_publish`, { creation_id: id })).rejects.toBeTruthy();
		expect(sb.mediaCount()).toBe(0);
		sb.fault({ endpoint: 'publish', kind: 'http500' });
		const failed = await api.post(`/${IG}/media_publish`, { creation_id: id });
		expect(failed.status).toBe(500);
		expect(failed.data.error).toMatchObject({ code: 2, is_transient: true });
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
		expect(sb.calls('publish').map((r) => r.status)).toEqual([0, 500, 200]);
	});

	it('throttling and outage faults carry Meta-shaped bodies and headers', async () => {
		sb.fault({ endpoint: 'any', kind: 'rateLimit', regainMinutes: 7 });
		const limited = await api.get(`/${IG}/content_publishing_limit`);
		expect(limited.status).toBe(400);
		expect(limited.data.error.code).toBe(80002);
		const buc = JSON.parse(limited.headers['x-business-use-case-usage'] as string);
		expect(buc[IG][0].estimated_time_to_regain_access).toBe(7);
		sb.fault({ endpoint: 'createContainer', kind: 'mediaFetchFailure', times: 2 });
		for (let i = 0; i < 2; i++) {
			expect((await api.post(`/${IG}/media`, { image_url: JPG })).data.error).toMatchObject({
				code: 9004,
				error_subcode: 2207052,
			});
		}
		sb.fault({ endpoint: 'any', kind: 'http503Html' });
		const html = await api.get('/me');
		expect(html.status).toBe(503);
		expect(String(html.headers['content-type'])).toContain('text/html');
		sb.fault({ endpoint: 'createContainer', kind: 'transientCreate' });
		expect((await api.post(`/${IG}/media`, { image_url: JPG })).data.error).toMatchObject({
			code: -1,
			error_subcode: 2207001,
			is_transient: true,
		});
		expect(sb.mediaCount()).toBe(0);
	});

	it('control endpoints: faults, requests, state, reset and RSS feeds', async () => {
		const ctl = axios.create({ baseURL: `${sb.url}/__sandbox`, validateStatus: () => true });
		expect((await ctl.post('/faults', { endpoint: 'me', kind: 'appRateLimit' })).status).toBe(200);
		expect((await api.get('/me')).data.error.code).toBe(4);
		expect((await ctl.get('/requests')).data.requests).toHaveLength(1);
		await container();
		expect((await ctl.get('/state')).data.containers[0]).toMatchObject({
			status_code: 'FINISHED',
			accountId: IG,
		});
		const news = (await ctl.get('/feeds/news.xml')).data as string;
		expect(news.match(/<item>/g)).toHaveLength(3);
		expect(news).toContain('<enclosure url="https://cdn.example.com/news/1.jpg" type="image/jpeg"');
		const gallery = (await ctl.get('/feeds/gallery.xml')).data as string;
		expect(
			gallery.match(/<img src="https:\/\/cdn\.example\.com\/gallery\/1-\d\.jpg"/g),
		).toHaveLength(3);
		expect(sb.calls('control').length).toBeGreaterThanOrEqual(5);
		await ctl.post('/reset');
		expect(sb.requests).toHaveLength(0);
		expect(sb.calls()).toHaveLength(0);
	});
});

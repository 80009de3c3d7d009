import { IG, JPG, sandboxes } from './test-utils';

describe('Graph sandbox: container lifecycle and quota', () => {
	const h = sandboxes();

	it('republishing a PUBLISHED container gives 24/2207008 and no second media', async () => {
		const { sb, api } = await h.open();
		const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
		const again = await api.post(`/${IG}/media_publish`, { creation_id: id });
		expect(again.data.error).toMatchObject({ code: 24, error_subcode: 2207008 });
		expect(sb.mediaCount()).toBe(1);
	});

	it('containers expire after 24 h (EXPIRED, publish -2/2207020); unknown ids give 24/2207008', async () => {
		const { api } = await h.open();
		const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
		h.now += 24 * 3_600_000;
		const status = (await api.get(`/${id}`, { params: { fields: 'status_code,status' } })).data;
		expect(status).toMatchObject({ status_code: 'EXPIRED', status: 'Expired: Media has expired.' });
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).data.error).toMatchObject({
			code: -2,
			error_subcode: 2207020,
		});
		expect(
			(await api.post(`/${IG}/media_publish`, { creation_id: '17890000000000000' })).data.error,
		).toMatchObject({ code: 24, error_subcode: 2207008 });
	});

	it('rolling quota window: seedPublishes, 9/2207042, slots free after 24 h; quotaTotal 50', async () => {
		const { sb, api } = await h.open({ quotaTotal: 50 });
		sb.seedPublishes(IG, 50, h.now - 23 * 3_600_000);
		expect((await api.get(`/${IG}/content_publishing_limit`)).data).toEqual({
			data: [{ quota_usage: 50 }],
		});
		const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
		const denied = await api.post(`/${IG}/media_publish`, { creation_id: id });
		expect(denied.data.error).toMatchObject({ code: 9, error_subcode: 2207042 });
		h.now += 3_600_000;
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
		const q = (await api.get(`/${IG}/content_publishing_limit?fields=quota_usage,config`)).data
			.data[0];
		expect(q).toEqual({ quota_usage: 1, config: { quota_total: 50, quota_duration: 86400 } });
	});

	it('latencyMs delays every response (requests overlap); setContainerStatus forces a status', async () => {
		const { sb, api } = await h.open({ latencyMs: 150 });
		const started = Date.now();
		const [{ id }] = await Promise.all(
			[JPG, JPG].map(async (image_url) => (await api.post(`/${IG}/media`, { image_url })).data),
		);
		// A lower bound on the deliberate delay; the second request arrives while the first is held.
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(sb.calls('createContainer').map((r) => r.inFlight)).toEqual([1, 2]);
		sb.setContainerStatus(id, 'ERROR', 2207076);
		const s = (await api.get(`/${id}`, { params: { fields: 'status_code,status' } })).data;
		expect(s).toMatchObject({
			status_code: 'ERROR',
			status: 'Error: Media upload has failed with error code 2207076',
		});
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).data.error.code).toBe(
			9007,
		);
		sb.setContainerStatus(id, 'FINISHED');
		expect((await api.post(`/${IG}/media_publish`, { creation_id: id })).status).toBe(200);
	});
});

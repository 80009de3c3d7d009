import { IG, JPG, sandboxes } from './test-utils';

describe('Graph sandbox: container lifecycle and quota', () => {
	const h = sandboxes();

	it('republishing a PUBLISHED container: error by default, duplicate when configured', async () => {
		for (const republish of ['error', 'duplicate'] as const) {
			const { sb, api } = await h.open({ republish });
			const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
			const first = await api.post(`/${IG}/media_publish`, { creation_id: id });
			const again = await api.post(`/${IG}/media_publish`, { creation_id: id });
			if (republish === 'error') {
				expect(again.data.error).toMatchObject({ code: 24, error_subcode: 2207008 });
				expect(sb.mediaCount()).toBe(1);
			} else {
				expect(again.data.id).not.toBe(first.data.id);
				expect(sb.mediaCount()).toBe(2);
			}
		}
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

	it('caps container creation at 400 per rolling 24 h', async () => {
		const { sb, api } = await h.open();
		for (let i = 0; i < 400; i++) await api.post(`/${IG}/media`, { image_url: JPG });
		const denied = await api.post(`/${IG}/media`, { image_url: JPG });
		expect(denied.data.error.code).toBe(9);
		expect(sb.calls('createContainer').filter((r) => r.status === 200)).toHaveLength(400);
		h.now += 24 * 3_600_000;
		expect((await api.post(`/${IG}/media`, { image_url: JPG })).status).toBe(200);
	});

	it('latencyMs delays every response; setContainerStatus forces a status', async () => {
		const { sb, api } = await h.open({ latencyMs: 150 });
		const started = Date.now();
		const { id } = (await api.post(`/${IG}/media`, { image_url: JPG })).data;
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
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

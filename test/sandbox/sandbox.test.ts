import { IG, JPG, MP4, sandboxes, T0 } from './test-utils';

describe('Graph sandbox: publishing flows', () => {
	const h = sandboxes();

	it('image: create → status → publish → read media, with Graph headers and a full log', async () => {
		const { sb, api } = await h.open();
		const created = await api.post(
			`/${IG}/media`,
			new URLSearchParams({ image_url: JPG, caption: 'Hello #sandbox' }),
		);
		expect(created.status).toBe(200);
		const containerId = created.data.id as string;
		expect(containerId).toMatch(/^1789\d{13,14}$/);
		expect(created.headers['content-type']).toBe('application/json; charset=UTF-8');
		expect(created.headers['x-fb-trace-id']).toMatch(/^A[\w-]{22}$/);
		expect(JSON.parse(created.headers['x-app-usage'] as string)).toHaveProperty('call_count');
		const buc = JSON.parse(created.headers['x-business-use-case-usage'] as string);
		expect(buc[IG][0]).toMatchObject({ type: 'instagram', estimated_time_to_regain_access: 0 });

		const status = await api.get(`/${containerId}`, { params: { fields: 'status_code,status' } });
		expect(status.data).toEqual({
			status_code: 'FINISHED',
			status: 'Finished: Media has been uploaded and it is ready to be published.',
			id: containerId,
		});
		expect((await api.get(`/${containerId}`)).data).toEqual({ id: containerId });

		const published = await api.post(`/${IG}/media_publish`, { creation_id: containerId });
		const mediaId = published.data.id as string;
		expect(mediaId).toMatch(/^1792\d{13,14}$/);
		const fields = 'id,permalink,media_type,media_product_type,timestamp,caption,username';
		const media = await api.get(`/${mediaId}`, { params: { fields } });
		expect(media.data).toMatchObject({
			id: mediaId,
			media_type: 'IMAGE',
			media_product_type: 'FEED',
			caption: 'Hello #sandbox',
			username: 'sandbox_brand',
		});
		expect(media.data.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[\w-]{11}\/$/);
		expect(media.data.timestamp).toBe('2026-03-01T12:00:00+0000');
		const wrong = await api.get(`/${mediaId}`, { params: { fields: 'status_code' } });
		expect(wrong.data.error).toMatchObject({
			code: 100,
			message: expect.stringContaining(
				'nonexisting field (status_code) on node type (ShadowIGMedia)',
			),
		});
		expect(
			(await api.get(`/${containerId}`, { params: { fields: 'status_code' } })).data.status_code,
		).toBe('PUBLISHED');

		expect(sb.calls().map((r) => r.endpoint)).toEqual([
			'createContainer',
			'containerStatus',
			'containerStatus',
			'publish',
			'media',
			'media',
			'containerStatus',
		]);
		const [create, , , pub] = sb.requests;
		expect(create).toMatchObject({
			seq: 1,
			method: 'POST',
			path: `/v25.0/${IG}/media`,
			endpoint: 'createContainer',
			query: {},
			body: { image_url: JPG, caption: 'Hello #sandbox' },
			authorization: 'Bearer facebook',
			tokenKind: 'facebook',
			tokenInUrl: false,
			accountId: IG,
			containerId,
			status: 200,
			response: { id: containerId },
		});
		expect(create.at).toBe(T0);
		expect(pub).toMatchObject({
			endpoint: 'publish',
			containerId,
			body: { creation_id: containerId },
			response: { id: mediaId },
		});
		expect(JSON.stringify(sb.requests)).not.toContain(sb.tokens.facebook);
		expect(sb.mediaCount(IG)).toBe(1);
	});

	it('reel stays IN_PROGRESS for N status reads; publishing it meanwhile gives 9007/2207027', async () => {
		const { api } = await h.open({ processing: { reel: { polls: 3 } } });
		const { id } = (await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: MP4 })).data;
		const early = await api.post(`/${IG}/media_publish`, { creation_id: id });
		expect(early.status).toBe(400);
		expect(early.data.error).toMatchObject({
			message: 'Media ID is not available',
			type: 'OAuthException',
			code: 9007,
			error_subcode: 2207027,
			is_transient: false,
			error_user_title: 'Cannot publish',
		});
		const codes: string[] = [];
		for (let i = 0; i < 4; i++)
			codes.push((await api.get(`/${id}`, { params: { fields: 'status_code' } })).data.status_code);
		expect(codes).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'FINISHED']);
		const mediaId = (await api.post(`/${IG}/media_publish`, { creation_id: id })).data.id;
		const media = (
			await api.get(`/${mediaId}`, {
				params: { fields: 'media_type,media_product_type,permalink' },
			})
		).data;
		expect(media).toMatchObject({ media_type: 'VIDEO', media_product_type: 'REELS' });
		expect(media.permalink).toContain('/reel/');
	});

	it('processing by time follows the injected clock', async () => {
		const { api } = await h.open({ processing: { reel: { ms: 30_000 } } });
		const { id } = (await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: MP4 })).data;
		expect((await api.get(`/${id}?fields=status_code`)).data.status_code).toBe('IN_PROGRESS');
		h.now += 30_000;
		expect((await api.get(`/${id}?fields=status_code`)).data.status_code).toBe('FINISHED');
	});

	it('carousel: child count, forbidden child params, not-ready children, counts once', async () => {
		const { sb, api } = await h.open();
		const child = async (extra: Record<string, string> = {}) =>
			(await api.post(`/${IG}/media`, { image_url: JPG, is_carousel_item: 'true', ...extra })).data;
		const one = await api.post(`/${IG}/media`, {
			media_type: 'CAROUSEL',
			children: (await child()).id,
		});
		expect(one.data.error).toMatchObject({ code: 100, error_subcode: 2207028 });
		const ids: string[] = [];
		for (let i = 0; i < 11; i++) ids.push((await child()).id);
		const eleven = await api.post(`/${IG}/media`, {
			media_type: 'CAROUSEL',
			children: ids.join(','),
		});
		expect(eleven.data.error).toMatchObject({ code: 100, error_subcode: 2207028 });
		expect((await child({ caption: 'no' })).error).toMatchObject({
			code: 100,
			message: 'param caption is not allowed',
		});
		const video = (
			await api.post(`/${IG}/media`, {
				media_type: 'VIDEO',
				is_carousel_item: true,
				video_url: MP4,
			})
		).data.id;
		const notReady = await api.post(`/${IG}/media`, {
			media_type: 'CAROUSEL',
			children: [ids[0], video],
		});
		expect(notReady.data.error).toMatchObject({ code: 9007, error_subcode: 2207027 });
		const bare = await api.post(`/${IG}/media`, { media_type: 'VIDEO', video_url: MP4 });
		expect(bare.data.error).toMatchObject({ code: 100, error_subcode: 2207023 });

		const parent = await api.post(
			`/${IG}/media`,
			new URLSearchParams({
				media_type: 'CAROUSEL',
				caption: 'Album',
				children: JSON.stringify(ids.slice(0, 3)),
			}),
		);
		const mediaId = (await api.post(`/${IG}/media_publish`, { creation_id: parent.data.id })).data
			.id;
		const album = (await api.get(`/${mediaId}`, { params: { fields: 'media_type,permalink' } }))
			.data;
		expect(album).toMatchObject({ id: mediaId, media_type: 'CAROUSEL_ALBUM' });
		const quota = await api.get(`/${IG}/content_publishing_limit`, {
			params: { fields: 'config,quota_usage' },
		});
		expect(quota.data).toEqual({
			data: [{ config: { quota_total: 100, quota_duration: 86400 }, quota_usage: 1 }],
		});
		expect(sb.mediaCount()).toBe(1);
	});
});

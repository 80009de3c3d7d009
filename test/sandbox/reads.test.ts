import { client, IG, JPG, sandboxes } from './test-utils';

describe('Graph sandbox: reads, stories and comments', () => {
	const h = sandboxes();

	it('stories, comments and account discovery', async () => {
		const { sb, api } = await h.open();
		const story = (await api.post(`/${IG}/media`, { media_type: 'STORIES', image_url: JPG })).data
			.id;
		const storyMedia = (await api.post(`/${IG}/media_publish`, { creation_id: story })).data.id;
		const read = (await api.get(`/${storyMedia}?fields=media_type,media_product_type`)).data;
		expect(read).toEqual({ media_type: 'IMAGE', media_product_type: 'STORY', id: storyMedia });
		const post = (await api.post(`/${IG}/media`, { image_url: JPG })).data.id;
		const postMedia = (await api.post(`/${IG}/media_publish`, { creation_id: post })).data.id;
		const comment = await api.post(`/${postMedia}/comments`, { message: 'First!' });
		expect(comment.data.id).toMatch(/^\d{17,18}$/);
		expect((await api.get(`/${postMedia}?fields=comments_count`)).data.comments_count).toBe(1);

		const fields = 'id,name,access_token,instagram_business_account{id,username}';
		const page1 = (await api.get('/me/accounts', { params: { fields, limit: 1 } })).data;
		expect(page1.data[0]).toMatchObject({
			id: '104000000000001',
			instagram_business_account: { id: IG, username: 'sandbox_brand' },
		});
		expect(page1.paging.next).not.toContain('access_token=');
		const page2 = (await api.get(page1.paging.next)).data;
		expect(page2.data[0].instagram_business_account.username).toBe('sandbox_shop');
		expect(page2.paging.next).toBeUndefined();
		const igMe = (await client(sb, sb.tokens.instagram).get('/me?fields=user_id,username,name'))
			.data;
		expect(igMe).toEqual({
			user_id: IG,
			username: 'sandbox_brand',
			name: 'Sandbox Brand',
			id: '26000000000000001',
		});
		const bad = await api.get(`/${post}?fields=foo`);
		expect(bad.data.error.message).toBe(
			'(#100) Tried accessing nonexisting field (foo) on node type (ShadowIGMediaBuilder)',
		);
	});
});

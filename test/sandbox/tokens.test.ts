// Token lifetimes, the refresh endpoint, debug_token, clock control and access states of the sandbox.
import axios from 'axios';

import { client, IG, JPG, sandboxes } from './test-utils';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('sandbox: token lifetimes', () => {
	const h = sandboxes();

	const refresh = async (sb: Awaited<ReturnType<typeof h.open>>['sb'], token: string) =>
		await client(sb, token).get('/refresh_access_token', {
			params: { grant_type: 'ig_refresh_token' },
		});

	it('refreshes an Instagram Login token at least 24 h old into a new 60-day token', async () => {
		const { sb } = await h.open({ instagramTokenAgeMs: 2 * DAY });
		const res = await refresh(sb, sb.tokens.instagram);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			access_token: expect.stringMatching(/^IGAA/),
			token_type: 'bearer',
			expires_in: 5_184_000,
		});
		const fresh = sb.instagramTokens()[1];
		expect(fresh).toMatchObject({
			serial: 1,
			token: res.data.access_token,
			issuedAt: h.now,
			expiresAt: h.now + 60 * DAY,
		});
		const me = await client(sb, fresh.token).get('/me', { params: { fields: 'user_id,username' } });
		expect(me.data.username).toBe('sandbox_brand');
		expect(sb.calls('me')[0]).toMatchObject({ tokenKind: 'instagram', tokenSerial: 1 });
		expect(sb.calls('refreshToken')[0]).toMatchObject({
			authorization: 'Bearer instagram',
			tokenSerial: 0,
		});
	});

	it('refuses a token under 24 h old, and an expired one', async () => {
		const { sb } = await h.open({ instagramTokenAgeMs: 23 * HOUR });
		const young = await refresh(sb, sb.tokens.instagram);
		expect(young.status).toBe(400);
		expect(young.data.error).toMatchObject({ code: 100, type: 'IGApiException' });
		expect(young.data.error.message).toMatch(/24 hours/);
		h.now += 60 * DAY;
		const expired = await refresh(sb, sb.tokens.instagram);
		expect(expired.data.error).toMatchObject({ code: 190, error_subcode: 463 });
		expect(sb.instagramTokens()).toHaveLength(1);
	});

	it('expires Instagram Login tokens by its clock (advanced over the control endpoint)', async () => {
		const { sb } = await h.open({ instagramTokenAgeMs: 59 * DAY });
		const ig = client(sb, sb.tokens.instagram);
		expect((await ig.get(`/${IG}/content_publishing_limit`)).status).toBe(200);
		const moved = await axios.post(`${sb.url}/__sandbox/clock`, { advanceMs: DAY });
		expect(moved.data.now).toBe(h.now + DAY);
		expect((await axios.get(`${sb.url}/__sandbox/clock`)).data.now).toBe(h.now + DAY);
		const res = await ig.get(`/${IG}/content_publishing_limit`);
		expect(res.data.error).toMatchObject({ code: 190, error_subcode: 463, type: 'IGApiException' });
		expect(sb.calls('quota')[1].tokenKind).toBe('expired');
	});

	it('debug_token reports the Facebook user token expiry (Page tokens never expire) and redacts input_token', async () => {
		const { sb, api } = await h.open({ facebookTokenLifetimeMs: 10 * DAY });
		const user = await api.get('/debug_token', { params: { input_token: sb.tokens.facebook } });
		expect(user.data.data).toMatchObject({
			type: 'USER',
			is_valid: true,
			expires_at: Math.floor((h.now + 10 * DAY) / 1000),
		});
		const page = await api.get('/debug_token', { params: { input_token: sb.tokens.page } });
		expect(page.data.data).toMatchObject({ type: 'PAGE', expires_at: 0 });
		expect(sb.calls('debugToken')[0].query.input_token).toBe('[redacted]');
		h.now += 11 * DAY;
		expect((await api.get('/me')).data.error).toMatchObject({ code: 190, error_subcode: 463 });
	});

	it('token and account states answer Meta’s access errors until reset', async () => {
		const { sb, api } = await h.open();
		sb.setTokenState(sb.tokens.facebook, 'pageRoleLost');
		expect((await api.get('/me')).data.error).toMatchObject({ code: 190, error_subcode: 492 });
		sb.reset();
		sb.setAccountState(IG, 'restricted');
		const created = await api.post(`/${IG}/media`, { image_url: JPG });
		expect(created.data.error).toMatchObject({ code: 25, error_subcode: 2207050 });
		sb.reset();
		sb.withoutPublishPermission(sb.tokens.facebook);
		expect((await api.post(`/${IG}/media`, { image_url: JPG })).data.error).toMatchObject({
			code: 10,
		});
		sb.reset();
		expect((await api.post(`/${IG}/media`, { image_url: JPG })).status).toBe(200);
	});
});

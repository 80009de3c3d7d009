import axios, { type AxiosInstance } from 'axios';

import { appsecretProof, startSandbox, type Sandbox } from './index';
import { client, IG, IG2, JPG } from './test-utils';

describe('Graph sandbox: tokens, validation markers, Instagram login', () => {
	let sb: Sandbox;
	let api: AxiosInstance;
	beforeAll(async () => {
		sb = await startSandbox();
		api = client(sb);
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	it('expired and unknown tokens: 190 (463 when expired) with WWW-Authenticate', async () => {
		const expired = await client(sb, sb.tokens.expired).get('/me');
		expect(expired.status).toBe(400);
		expect(expired.data.error).toMatchObject({
			code: 190,
			error_subcode: 463,
			type: 'OAuthException',
		});
		expect(expired.data.error.message).toMatch(
			/^Error validating access token: Session has expired on /,
		);
		expect(expired.headers['www-authenticate']).toContain('invalid_token');
		const none = await axios.get(`${sb.url}/v25.0/me`, { validateStatus: () => true });
		expect(none.data.error).toMatchObject({
			code: 190,
			message: 'Invalid OAuth access token - Cannot parse access token',
		});
		const ig = await client(sb, sb.tokens.igExpired).post('/me/media', { image_url: JPG });
		expect(ig.data.error).toMatchObject({ code: 190, error_subcode: 463, type: 'IGApiException' });
		expect(sb.calls().map((r) => r.tokenKind)).toEqual(['expired', 'none', 'expired']);
	});

	it('appsecret_proof: required, invalid, valid', async () => {
		const secure = await startSandbox({
			requireAppSecretProof: true,
			appSecret: 'sandbox-app-secret',
		});
		try {
			const c = client(secure);
			const missing = await c.get('/me');
			expect(missing.data.error).toMatchObject({
				code: 100,
				type: 'GraphMethodException',
				message: 'API calls from the server require an appsecret_proof argument',
			});
			const invalid = await c.get('/me', { params: { appsecret_proof: 'abc' } });
			expect(invalid.data.error.message).toBe(
				'Invalid appsecret_proof provided in the API argument',
			);
			const proof = appsecretProof('sandbox-app-secret', secure.tokens.facebook);
			expect(proof).toMatch(/^[0-9a-f]{64}$/);
			const ok = await c.get('/me', { params: { appsecret_proof: proof } });
			expect(ok.data).toEqual({ name: 'Sandbox Tester', id: '10160000000000001' });
			expect(secure.requests[2].query).toEqual({ appsecret_proof: proof });
		} finally {
			await secure.close();
		}
	});

	it('token in the URL is accepted like Meta but flagged and redacted', async () => {
		const res = await axios.get(`${sb.url}/me`, {
			params: { access_token: sb.tokens.facebook, fields: 'id' },
		});
		expect(res.data).toEqual({ id: '10160000000000001' });
		expect(sb.requests[0]).toMatchObject({
			tokenInUrl: true,
			tokenKind: 'facebook',
			authorization: undefined,
			endpoint: 'me',
		});
		expect(sb.requests[0].query.access_token).toBe('[redacted]');
	});

	it('URL markers: png/unreachable fail synchronously, video bad-format and error-NNNNNNN fail in status', async () => {
		const png = await api.post(`/${IG}/media`, { image_url: 'https://cdn.example.com/a.png' });
		expect(png.data.error).toMatchObject({ code: 36001, error_subcode: 2207005 });
		const gone = await api.post(`/${IG}/media`, {
			image_url: 'https://cdn.example.com/unreachable.jpg',
		});
		expect(gone.data.error).toMatchObject({ code: 9004, error_subcode: 2207052 });
		for (const [url, code] of [
			['https://cdn.example.com/bad-format.avi', 2207026],
			['https://cdn.example.com/error-2207082.mp4', 2207082],
		] as const) {
			const { id } = (await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: url })).data;
			let s = { status_code: 'IN_PROGRESS', status: '' };
			while (s.status_code === 'IN_PROGRESS')
				s = (await api.get(`/${id}?fields=status_code,status`)).data;
			expect(s).toMatchObject({
				status_code: 'ERROR',
				status: `Error: Media upload has failed with error code ${code}`,
			});
		}
		const long = await api.post(`/${IG}/media`, { image_url: JPG, caption: 'x'.repeat(2201) });
		expect(long.data.error).toMatchObject({ code: 36004, error_subcode: 2207010 });
		const tags = await api.post(`/${IG}/media`, {
			image_url: JPG,
			caption: Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '),
		});
		expect(tags.data.error).toMatchObject({ code: 100, error_subcode: 2207040 });
	});

	it('Instagram-login token: /me, /me/media, no resumable upload; FB token: resumable upload via uri', async () => {
		const ig = client(sb, sb.tokens.instagram);
		expect((await ig.get('/me', { params: { fields: 'user_id,username' } })).data).toEqual({
			user_id: IG,
			username: 'sandbox_brand',
			id: '26000000000000001',
		});
		const created = await ig.post('/me/media', { image_url: JPG });
		expect(sb.calls('createContainer')[0]).toMatchObject({ accountId: IG, tokenKind: 'instagram' });
		expect((await ig.post('/me/media_publish', { creation_id: created.data.id })).status).toBe(200);
		const resumableIg = await ig.post('/me/media', {
			media_type: 'REELS',
			upload_type: 'resumable',
		});
		expect(resumableIg.data.error).toMatchObject({ code: 100, type: 'IGApiException' });
		const r = (await api.post(`/${IG}/media`, { media_type: 'REELS', upload_type: 'resumable' }))
			.data;
		expect(r.uri).toBe(`${sb.url}/ig-api-upload/v25.0/${r.id}`);
		const bytes = Buffer.from('fake mp4 bytes');
		const up = await axios.post(r.uri, bytes, {
			headers: {
				Authorization: `OAuth ${sb.tokens.facebook}`,
				offset: '0',
				file_size: String(bytes.length),
				'Content-Type': 'application/octet-stream',
			},
		});
		expect(up.data).toEqual({ success: true, message: 'Upload successful.' });
		expect(sb.calls('upload')[0]).toMatchObject({
			authorization: 'OAuth facebook',
			containerId: r.id,
			body: { bytes: bytes.length },
		});
	});

	it('tokens only reach their own accounts', async () => {
		const ig = client(sb, sb.tokens.instagram);
		const other = await ig.post(`/${IG2}/media`, { image_url: JPG });
		expect(other.data.error).toMatchObject({
			code: 100,
			error_subcode: 33,
			type: 'IGApiException',
		});
		const page = client(sb, sb.tokens.page);
		expect((await page.get('/me')).data).toEqual({ name: 'Sandbox Brand', id: '104000000000001' });
		expect((await page.post(`/${IG}/media`, { image_url: JPG })).status).toBe(200);
		expect((await page.post(`/${IG2}/media`, { image_url: JPG })).data.error.error_subcode).toBe(
			33,
		);
		expect((await api.post(`/${IG2}/media`, { image_url: JPG })).status).toBe(200);
		const fbMe = await api.post('/me/media', { image_url: JPG });
		expect(fbMe.data.error.code).toBe(100);
		expect(sb.calls().map((r) => r.tokenKind)).toEqual([
			'instagram',
			'page',
			'page',
			'page',
			'facebook',
			'facebook',
		]);
	});
});

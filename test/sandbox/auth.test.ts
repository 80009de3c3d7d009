import axios, { type AxiosInstance } from 'axios';

import { appsecretProof, startSandbox, type Sandbox } from './index';
import { client, IG, IG2, JPG } from './test-utils';

describe('Graph sandbox: tokens, create validation, Instagram login', () => {
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
		expect(sb.calls().map((r) => r.tokenKind)).toEqual(['expired', 'none']);
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

	it('media URLs Meta cannot fetch (not http(s), non-ASCII): images fail at once, videos in status', async () => {
		for (const url of ['ftp://cdn.example.com/a.jpg', 'https://cdn.example.com/café.jpg']) {
			const image = await api.post(`/${IG}/media`, { image_url: url });
			expect(image.data.error).toMatchObject({
				code: 9004,
				error_subcode: 2207052,
				error_user_msg: expect.stringContaining(
					`The media could not be fetched from this URI: ${url}.`,
				),
			});
		}
		const { id } = (
			await api.post(`/${IG}/media`, { media_type: 'REELS', video_url: 'file:///clip.mp4' })
		).data;
		const codes: string[] = [];
		for (let i = 0; i < 3; i++)
			codes.push((await api.get(`/${id}?fields=status_code,status`)).data.status);
		expect(codes).toEqual([
			'In Progress: Media is still being processed.',
			'In Progress: Media is still being processed.',
			'Error: Media upload has failed with error code 2207052',
		]);
		// Ordinary URLs are fetched whatever their name says.
		for (const url of ['https://cdn.example.com/unreachable.png', 'https://cdn.example.com/x.gif'])
			expect((await api.post(`/${IG}/media`, { image_url: url })).status).toBe(200);
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
		// A hosted file whose processing fails: the upload is accepted, the container ends in ERROR.
		const fileUrl = 'https://cdn.example.com/hosted.mp4';
		sb.fault({ endpoint: 'upload', kind: 'processingError', url: fileUrl, subcode: 2207026 });
		const hosted = (
			await api.post(`/${IG}/media`, { media_type: 'REELS', upload_type: 'resumable' })
		).data;
		const byUrl = await axios.post(hosted.uri, undefined, {
			headers: { Authorization: `OAuth ${sb.tokens.facebook}`, offset: '0', file_url: fileUrl },
		});
		expect(byUrl.data).toEqual({ success: true, message: 'Upload successful.' });
		const statuses: string[] = [];
		for (let i = 0; i < 3; i++)
			statuses.push((await api.get(`/${hosted.id}?fields=status_code`)).data.status_code);
		expect(statuses).toEqual(['IN_PROGRESS', 'IN_PROGRESS', 'ERROR']);
		expect(sb.calls('upload').map((call) => call.fault)).toEqual([undefined, 'processingError']);
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

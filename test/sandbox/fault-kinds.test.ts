import { startSandbox, type Sandbox } from './index';
import { client, IG, JPG, MP4 } from './test-utils';

describe('Graph sandbox: fault kinds of the fault suite', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ quotaTotal: 5 });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	const container = async (body: object = { image_url: JPG }) =>
		(await client(sb).post(`/${IG}/media`, body)).data as { id: string; uri?: string };

	it.each([4, 17, 32, 613, 80002])(
		'rateLimit with code %i is HTTP 400 with usage headers',
		async (code) => {
			sb.fault({ endpoint: 'quota', kind: 'rateLimit', code, regainMinutes: 2 });
			const limited = await client(sb).get(`/${IG}/content_publishing_limit`);
			expect(limited.status).toBe(400);
			expect(limited.data.error.code).toBe(code);
			const buc = JSON.parse(limited.headers['x-business-use-case-usage'] as string);
			expect(buc[IG][0].estimated_time_to_regain_access).toBe(2);
			expect(limited.headers['x-app-usage']).toBeDefined();
		},
	);

	it('slowResponse handles the request, then answers after delayMs (a client timeout sees no answer)', async () => {
		const { id } = await container();
		sb.fault({ endpoint: 'publish', kind: 'slowResponse', delayMs: 300 });
		await expect(
			client(sb).post(`/${IG}/media_publish`, { creation_id: id }, { timeout: 100 }),
		).rejects.toMatchObject({ code: 'ECONNABORTED' });
		expect(sb.mediaCount(IG)).toBe(1);
		expect(sb.calls('publish')[0].fault).toBe('slowResponse');
	});

	it('tokenExpired answers 190/463 whatever the token', async () => {
		sb.fault({ endpoint: 'createContainer', kind: 'tokenExpired' });
		const reply = await client(sb).post(`/${IG}/media`, { image_url: JPG });
		expect(reply.status).toBe(400);
		expect(reply.data.error).toMatchObject({ code: 190, error_subcode: 463 });
		expect(sb.calls('createContainer')[0].fault).toBe('tokenExpired');
	});

	it('containerExpired: the container is made and reads EXPIRED; publishing it fails', async () => {
		sb.fault({ endpoint: 'createContainer', kind: 'containerExpired' });
		const { id } = await container();
		expect((await client(sb).get(`/${id}?fields=status_code`)).data.status_code).toBe('EXPIRED');
		const publish = await client(sb).post(`/${IG}/media_publish`, { creation_id: id });
		expect(publish.data.error.error_subcode).toBe(2207020);
	});

	it('quotaUsedElsewhere fills the window before the publish: Meta refuses it with code 9', async () => {
		const { id } = await container();
		sb.fault({ endpoint: 'publish', kind: 'quotaUsedElsewhere' });
		const publish = await client(sb).post(`/${IG}/media_publish`, { creation_id: id });
		expect(publish.data.error.code).toBe(9);
		expect(sb.mediaCount(IG)).toBe(0);
		const quota = await client(sb).get(`/${IG}/content_publishing_limit?fields=quota_usage`);
		expect(quota.data.data[0].quota_usage).toBe(5);
	});

	it('uploadInterrupted drops the connection once half the body arrived; nothing is uploaded', async () => {
		const { id, uri } = await container({ media_type: 'REELS', upload_type: 'resumable' });
		sb.fault({ endpoint: 'upload', kind: 'uploadInterrupted' });
		const body = Buffer.alloc(256 * 1024, 7);
		await expect(
			client(sb).post(String(uri), body, {
				headers: {
					Authorization: `OAuth ${sb.tokens.facebook}`,
					offset: '0',
					file_size: String(body.length),
					'content-type': 'application/octet-stream',
				},
			}),
		).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
		const [upload] = sb.calls('upload');
		expect(upload).toMatchObject({ fault: 'uploadInterrupted', status: 0, containerId: id });
		expect((await client(sb).get(`/${id}?fields=status_code`)).data.status_code).toBe(
			'IN_PROGRESS',
		);
	});

	it('refuses specs the kinds cannot apply', () => {
		expect(() => sb.fault({ endpoint: 'publish', kind: 'containerExpired' })).toThrow(
			/createContainer/,
		);
		expect(() => sb.fault({ endpoint: 'any', kind: 'uploadInterrupted' })).toThrow(/upload/);
		expect(() => sb.fault({ endpoint: 'quota', kind: 'quotaUsedElsewhere' })).toThrow(/publish/);
		expect(() => sb.fault({ endpoint: 'quota', kind: 'rateLimit', code: 5 })).toThrow(/code/);
		expect(() => sb.fault({ endpoint: 'quota', kind: 'http500', code: 4 })).toThrow(/code/);
		expect(() => sb.fault({ endpoint: 'quota', kind: 'slowResponse', delayMs: -1 })).toThrow(
			/delayMs/,
		);
		expect(MP4).toMatch(/mp4$/);
	});
});

import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import {
	ACCOUNT,
	callCounts,
	FAST_OPTIONS,
	NODE,
	publicGraphCredentials,
	runInstagram,
} from './fixtures';

describe('Post through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 2 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const statusCodes = () =>
		sandbox
			.calls('containerStatus')
			.map((call) => (call.response as { status_code: string }).status_code);

	const post = (parameters: Record<string, unknown> = {}) => ({
		parameters: {
			operation: 'post',
			imageUrl: 'https://cdn.example.com/photo.jpg',
			caption: 'Hello #n8n',
			options: FAST_OPTIONS,
			...parameters,
		},
	});

	it('publishes an image with the fewest Graph calls: quota, container, publish', async () => {
		const result = await runInstagram(sandbox, post());
		expect(result.status).toBe('success');
		const [item] = result.output(NODE);
		expect(item.json).toMatchObject({
			status: 'PUBLISHED',
			accountId: ACCOUNT,
			mediaType: 'IMAGE',
			quota: { used: 1, total: 100, remaining: 99 },
		});
		expect(item.json.id).toMatch(/^\d{15,}$/);
		expect(item.json.containerId).toMatch(/^\d{15,}$/);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1 });
		expect(sandbox.calls('createContainer')[0].body).toMatchObject({
			image_url: 'https://cdn.example.com/photo.jpg',
			caption: 'Hello #n8n',
		});
		expect(sandbox.calls('publish')[0].body).toMatchObject({ creation_id: item.json.containerId });
		expect(
			sandbox.requests.every(
				(request) => !request.tokenInUrl && request.authorization?.startsWith('Bearer'),
			),
		).toBe(true);
		expect(sandbox.mediaCount()).toBe(1);
	});

	it('reads the permalink only when asked, best effort', async () => {
		const result = await runInstagram(
			sandbox,
			post({ options: { ...FAST_OPTIONS, includePermalink: true } }),
		);
		expect(result.json(NODE)[0].permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 1, publish: 1, media: 1 });
		sandbox.reset();
		sandbox.fault({ endpoint: 'media', kind: 'http500', times: 4 });
		const failed = await runInstagram(
			sandbox,
			post({ options: { ...FAST_OPTIONS, includePermalink: true } }),
		);
		expect(failed.status).toBe('success');
		expect(failed.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED' });
		expect(failed.json(NODE)[0].permalink).toBeUndefined();
	}, 30_000);

	it('sends the optional fields Meta documents', async () => {
		await runInstagram(
			sandbox,
			post({
				additionalFields: {
					altText: 'A red bicycle',
					locationId: '7640348500',
					collaborators: '@partner_brand, jane.doe',
					isAiGenerated: true,
					userTags: { tag: [{ username: 'jane.doe', x: 0.25, y: 0.75 }] },
				},
			}),
		);
		// Form-encoded as Meta expects: JSON-typed params are JSON strings.
		expect(sandbox.calls('createContainer')[0].body).toMatchObject({
			alt_text: 'A red bicycle',
			location_id: '7640348500',
			collaborators: '["partner_brand","jane.doe"]',
			is_ai_generated: 'true',
			user_tags: '[{"username":"jane.doe","x":0.25,"y":0.75}]',
		});
	});

	it.each([
		['imageUrl', { imageUrl: '={{ "" }}' }, /'Image URL' \(imageUrl\) is required \[item 0\]/],
		['caption', { caption: 'x'.repeat(2201) }, /'Caption' \(caption\) is 2201 characters long/],
		[
			'caption',
			{ caption: Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ') },
			/31 hashtags/,
		],
		[
			'altText',
			{ additionalFields: { altText: 'a'.repeat(1001) } },
			/'Alt Text' \(additionalFields.altText\)/,
		],
		[
			'account',
			{ account: { __rl: true, mode: 'id', value: '={{ "../me" }}' } },
			/'Account' \(account\) must be an Instagram account ID/,
		],
	])('rejects a bad %s before sending any request', async (_name, parameters, message) => {
		const result = await runInstagram(sandbox, post(parameters));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('rejects a loopback imageUrl before any request when the Graph API is public', async () => {
		// With the local sandbox as Graph API, loopback media are allowed (issue 9's reachability
		// rule), so this credential points at a public host; no request is sent either way.
		const result = await runInstagram(sandbox, post({ imageUrl: 'http://localhost/photo.jpg' }), {
			credentials: publicGraphCredentials(sandbox),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/'Image URL' \(imageUrl\) must be a public URL \[item 0\]/,
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses to start when a required parameter is missing (n8n checks before running)', async () => {
		await expect(runInstagram(sandbox, post({ imageUrl: '' }))).rejects.toThrow(
			/Parameter "Image URL" is required/,
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('tells the user to reconnect when the token expired, without leaking it', async () => {
		const result = await runInstagram(sandbox, post(), {
			credentials: {
				igCred: {
					type: 'instagramApi',
					data: { accessToken: sandbox.tokens.expired, baseUrl: sandbox.url },
				},
			},
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The Instagram access token has expired');
		expect(result.error?.description).toMatch(/Reconnect the Instagram credential/);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.tokens.expired);
		expect(callCounts(sandbox)).toEqual({ quota: 1 });
	});

	it('publishes exactly once when the publish response is lost after Meta committed it', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'dropAfterCommit' });
		const result = await runInstagram(sandbox, post());
		expect(result.status).toBe('success');
		expect(result.json(NODE)[0]).toMatchObject({ status: 'PUBLISHED', recovered: true });
		expect(sandbox.mediaCount()).toBe(1);
		expect(sandbox.calls('publish')).toHaveLength(1);
		// One read of the container proves the post is live.
		expect(statusCodes()).toEqual(['PUBLISHED']);
	});

	it('publishes after a 5xx on media_publish only when the container proves nothing was published', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'http500' });
		const result = await runInstagram(sandbox, post());
		expect(result.status).toBe('success');
		expect(sandbox.mediaCount()).toBe(1);
		expect(sandbox.calls('publish').map((call) => call.status)).toEqual([500, 200]);
		expect(sandbox.calls('containerStatus')).toHaveLength(2);
	}, 20_000);

	it('waits and publishes once when Meta answers 9007 "not ready"', async () => {
		sandbox.fault({ endpoint: 'publish', kind: 'notReady' });
		const result = await runInstagram(sandbox, post());
		expect(result.status).toBe('success');
		expect(sandbox.calls('publish').map((call) => call.status)).toEqual([400, 200]);
		expect(statusCodes()).toEqual(['FINISHED']);
		expect(sandbox.mediaCount()).toBe(1);
	});

	it('retries a status read that failed with a 5xx', async () => {
		sandbox.fault({ endpoint: 'containerStatus', kind: 'http500' });
		const result = await runInstagram(sandbox, {
			parameters: {
				operation: 'reel',
				videoUrl: 'https://cdn.example.com/clip.mp4',
				options: FAST_OPTIONS,
			},
		});
		expect(result.status).toBe('success');
		expect(sandbox.calls('containerStatus')[0].status).toBe(500);
		expect(sandbox.mediaCount()).toBe(1);
	}, 20_000);

	it('works with the OAuth2 credential (Bearer from oauthTokenData)', async () => {
		const result = await runInstagram(sandbox, { ...post(), authentication: 'oAuth2' });
		expect(result.status).toBe('success');
		expect(sandbox.calls('publish')[0].tokenKind).toBe('facebook');
	});

	it('works with an Instagram Login token (IGAA…, graph.instagram.com flavour)', async () => {
		const result = await runInstagram(sandbox, post(), {
			credentials: {
				igCred: {
					type: 'instagramApi',
					data: {
						loginType: 'instagram',
						accessToken: sandbox.tokens.instagram,
						baseUrl: sandbox.url,
					},
				},
			},
		});
		expect(result.status).toBe('success');
		expect(
			sandbox.requests.every((request) => request.tokenKind === 'instagram' && !request.tokenInUrl),
		).toBe(true);
		expect(sandbox.mediaCount()).toBe(1);
	});

	it('sends a correct appsecret_proof when the credential has an App Secret', async () => {
		const strict = await startSandbox({
			requireAppSecretProof: true,
			appSecret: 'sandbox-app-secret-value',
		});
		try {
			const result = await runInstagram(strict, post(), {
				credentials: {
					igCred: {
						type: 'instagramApi',
						data: {
							accessToken: strict.tokens.page,
							appSecret: 'sandbox-app-secret-value',
							baseUrl: strict.url,
						},
					},
				},
			});
			expect(result.status).toBe('success');
			expect(
				strict.requests.every((request) =>
					/^[0-9a-f]{64}$/.test(String(request.query.appsecret_proof)),
				),
			).toBe(true);
			expect(JSON.stringify(strict.requests)).not.toContain('sandbox-app-secret-value');
		} finally {
			await strict.close();
		}
	});

	it('honours continueOnFail per item and keeps pairedItem', async () => {
		const broken = 'https://cdn.example.com/broken.jpg';
		sandbox.fault({ endpoint: 'createContainer', kind: 'mediaFetchFailure', url: broken });
		const result = await runInstagram(
			sandbox,
			{ ...post({ imageUrl: '={{ $json.url }}' }), continueOnFail: true },
			{
				items: [{ url: 'not a url' }, { url: 'https://cdn.example.com/ok.jpg' }, { url: broken }],
			},
		);
		expect(result.status).toBe('success');
		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.error).toMatch(/'Image URL' \(imageUrl\) is not a valid URL \[item 0\]/);
		expect(output[0].json.details).toMatchObject({
			kind: 'invalidParameter',
			parameter: 'imageUrl',
			requestSent: false,
		});
		expect(output[1].json.status).toBe('PUBLISHED');
		expect(output[2].json).toMatchObject({
			error: expect.stringMatching(/could not use the media/),
			details: { kind: 'invalidMedia', code: 9004, subcode: 2207052 },
		});
		expect(callCounts(sandbox)).toEqual({ quota: 1, createContainer: 2, publish: 1 });
	});
});

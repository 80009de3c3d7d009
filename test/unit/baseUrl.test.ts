import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { InstagramApi } from '../../credentials/InstagramApi.credentials';
import { baseUrlProblem } from '../../nodes/Instagram/transport/baseUrl';
import { createGraphClient } from '../../nodes/Instagram/transport/graphClient';

describe('baseUrlProblem: the bearer token only travels encrypted or stays on this machine', () => {
	it.each([
		'https://graph.facebook.com',
		'https://graph.instagram.com/v25.0',
		'https://proxy.example.com:8443/graph',
		'http://127.0.0.1:4567',
		'http://127.8.9.10',
		'http://localhost:4567/v25.0',
		'http://LOCALHOST',
		'http://[::1]:4567',
	])('accepts %s', (url) => {
		expect(baseUrlProblem(url)).toBeUndefined();
	});

	it.each([
		['http://graph.facebook.com', /plain http .* unencrypted/],
		['http://192.168.1.10:4567', /plain http/],
		['http://10.0.0.1', /plain http/],
		['http://127.0.0.1.evil.example.com', /plain http/],
		['http://localhost.evil.example.com', /plain http/],
		['http://[::2]', /plain http/],
		['ftp://graph.facebook.com', /must start with https:\/\//],
		['graph.facebook.com', /is not a valid URL/],
		['https://user:secret@proxy.example.com', /user name or password/],
	])('refuses %s', (url, problem) => {
		expect(baseUrlProblem(url)).toMatch(problem);
	});
});

describe('a refused Base URL stops before any request', () => {
	function context(data: ICredentialDataDecryptedObject) {
		const sent: IHttpRequestOptions[] = [];
		const ctx = {
			getNode: () => ({ name: 'Instagram' }),
			getCredentials: async () => await Promise.resolve(data),
			getExecutionCancelSignal: () => undefined,
			logger: { info: () => undefined, warn: () => undefined },
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					sent.push(options);
					return await Promise.resolve({ statusCode: 200, headers: {}, body: { id: '1' } });
				},
			},
		} as unknown as IExecuteFunctions;
		return { ctx, sent };
	}

	it('the node refuses an http Base URL off this machine, naming the reason, and sends nothing', async () => {
		const { ctx, sent } = context({
			accessToken: 'EAAtoken123456',
			baseUrl: 'http://graph.example.com',
		});
		const client = createGraphClient(ctx, 'accessToken');
		await expect(client.request({ method: 'GET', path: ['me'] })).rejects.toThrow(
			"The credential's Base URL uses plain http to a host that is not this machine",
		);
		expect(sent).toEqual([]);
	});

	it('the node accepts the loopback sandbox and Meta over https', async () => {
		for (const baseUrl of ['http://127.0.0.1:4567', '']) {
			const { ctx, sent } = context({ accessToken: 'EAAtoken123456', baseUrl });
			await createGraphClient(ctx, 'accessToken').request({ method: 'GET', path: ['me'] });
			expect(sent).toHaveLength(1);
		}
	});

	it("the credential's authenticate (used by its Test button too) refuses before signing", async () => {
		const credential = new InstagramApi();
		const data = { accessToken: 'EAAtoken123456', baseUrl: 'http://graph.example.com' };
		await expect(
			credential.authenticate(data, { baseURL: 'http://graph.example.com/v25.0', url: '/me' }),
		).rejects.toThrow(/Base URL uses plain http .*; no request was sent/);
		const signed = await credential.authenticate(data, {
			baseURL: 'http://127.0.0.1:4567/v25.0',
			url: '/me',
		});
		expect(signed.headers).toMatchObject({ Authorization: 'Bearer EAAtoken123456' });
	});
});

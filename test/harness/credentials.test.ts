import { fakeCredentialTypes } from './fixtures/credentials';
import { fakeNodeTypes } from './fixtures/nodes';
import type { Recorded, Reply } from './fixtures/server';
import { startServer } from './fixtures/server';
import { chain } from './fixtures/workflows';
import { runWorkflow } from './index';
import type { RunResult, StoredCredential } from './index';

/** Runs Manual → Probe (httpRequestWithAuthentication with `type`) against a loopback server answering with `handle`. */
async function probe(
	type: string,
	data: StoredCredential['data'],
	handle: (request: Recorded) => Reply = () => ({ body: { ok: true } }),
) {
	const server = await startServer(handle);
	try {
		const node = {
			name: 'Probe',
			type: 'fake.probe',
			parameters: { url: `${server.url}/v1/me`, credentialType: type },
			credentials: { [type]: { id: 'cred-1', name: 'Test' } },
		};
		const result: RunResult = await runWorkflow({
			workflow: chain([node]),
			nodeTypes: fakeNodeTypes,
			credentialTypes: fakeCredentialTypes,
			credentials: { 'cred-1': { type, data: { baseUrl: server.url, ...data } } },
		});
		return { result, requests: server.requests };
	} finally {
		await server.close();
	}
}

describe('harness credentials helper', () => {
	it('applies a generic authenticate (headers, qs) with $credentials expressions and property defaults', async () => {
		const { result, requests } = await probe('fakeHeaderApi', { apiKey: 'k-123' });
		expect(result.status).toBe('success');
		expect(result.json('Probe')).toEqual([{ ok: true }]);
		expect(requests[0].headers).toMatchObject({ 'x-api-key': 'k-123', 'x-tenant': 't-ACME' });
		expect(requests[0].query).toEqual({ tenant: 'acme' });
	});

	it('applies a function authenticate', async () => {
		const { requests } = await probe('fakeFunctionApi', { token: 'abc' });
		expect(requests[0].headers.authorization).toBe('Token abc');
	});

	it('OAuth2 (extends oAuth2Api): n8n-core requestOAuth2 sends the Bearer token', async () => {
		const { result, requests } = await probe('fakeOAuth2Api', {
			clientId: 'id',
			clientSecret: 'secret',
			oauthTokenData: { access_token: 'TOKEN-1', token_type: 'bearer' },
		});
		expect(result.status).toBe('success');
		expect(requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/v1/me', 'Bearer TOKEN-1'],
		]);
		expect(requests[0].query).toEqual({});
		expect(result.credentialUpdates).toEqual([]);
	});

	it('OAuth2: a 401 makes n8n-core refresh at the ($self-expression) token URL, retry, and persist only oauthTokenData', async () => {
		const { result, requests } = await probe(
			'fakeOAuth2Api',
			{
				clientId: 'id',
				clientSecret: 'secret',
				oauthTokenData: { access_token: 'OLD', refresh_token: 'R1', token_type: 'bearer' },
			},
			(request) => {
				if (request.path === '/token')
					return { body: { access_token: 'NEW', token_type: 'bearer', expires_in: 3600 } };
				return request.headers.authorization === 'Bearer NEW'
					? { body: { ok: 'refreshed' } }
					: { status: 401, body: { error: 'expired' } };
			},
		);
		expect(result.status).toBe('success');
		expect(result.json('Probe')).toEqual([{ ok: 'refreshed' }]);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /v1/me',
			'POST /token',
			'GET /v1/me',
		]);
		expect(new URLSearchParams(requests[1].body).get('refresh_token')).toBe('R1');
		expect(result.credentialUpdates).toHaveLength(1);
		expect(result.credentialUpdates[0]).toMatchObject({
			kind: 'oauthTokenData',
			type: 'fakeOAuth2Api',
			data: { oauthTokenData: { access_token: 'NEW', refresh_token: 'R1' } },
		});
	});

	it('OAuth2 without a refresh token: n8n-core\'s "reconnect" error', async () => {
		const { result } = await probe(
			'fakeOAuth2Api',
			{ oauthTokenData: { access_token: 'OLD', token_type: 'bearer' } },
			() => ({ status: 401, body: {} }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/no refresh token is available/);
	});

	it('preAuthentication runs for an empty expirable field, feeds authenticate and is persisted', async () => {
		const { result, requests } = await probe('fakeSessionApi', { username: 'ann' }, (request) =>
			request.path === '/login' ? { body: { token: 's-1' } } : { body: { ok: true } },
		);
		expect(result.status).toBe('success');
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /login',
			'GET /v1/me',
		]);
		expect(requests[1].headers.authorization).toBe('Session s-1');
		expect(result.credentialUpdates).toEqual([
			expect.objectContaining({
				kind: 'data',
				data: expect.objectContaining({ sessionToken: 's-1', username: 'ann' }),
			}),
		]);
	});

	it('preAuthentication as n8n: a filled expirable field skips it', async () => {
		const { result, requests } = await probe('fakeSessionApi', {
			username: 'ann',
			sessionToken: 's-0',
		});
		expect(result.status).toBe('success');
		expect(requests.map((request) => request.path)).toEqual(['/v1/me']);
		expect(requests[0].headers.authorization).toBe('Session s-0');
		expect(result.credentialUpdates).toEqual([]);
	});

	it('preAuthentication as n8n: an output without the expirable field is dropped, not persisted', async () => {
		const { result, requests } = await probe('fakeSessionApi', { username: 'ann' }, (request) =>
			request.path === '/login' ? { body: {} } : { body: { ok: true } },
		);
		expect(result.status).toBe('success');
		expect(requests.map((request) => request.path)).toEqual(['/login', '/v1/me']);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('preAuthentication as n8n: keys whose stored value is an expression keep the expression', async () => {
		const { result } = await probe('fakeSessionApi', { username: '={{ "ann" }}' }, (request) =>
			request.path === '/login' ? { body: { token: 's-2', user: 'bob' } } : { body: { ok: true } },
		);
		expect(result.status).toBe('success');
		expect(result.credentialUpdates).toHaveLength(1);
		expect(result.credentialUpdates[0].data).toMatchObject({
			sessionToken: 's-2',
			username: '={{ "ann" }}',
		});
	});

	it('a credential id that is not given fails clearly', async () => {
		const result = await runWorkflow({
			workflow: chain([
				{
					name: 'Probe',
					type: 'fake.probe',
					parameters: { url: 'http://127.0.0.1:9/', credentialType: 'fakeFunctionApi' },
					credentials: { fakeFunctionApi: { id: 'nope', name: 'x' } },
				},
			]),
			nodeTypes: fakeNodeTypes,
			credentialTypes: fakeCredentialTypes,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/no credential "nope" of type fakeFunctionApi/);
	});
});

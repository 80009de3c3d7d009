import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchAccounts } from '../../nodes/Instagram/methods/listSearch';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { fakeContext } from './fakeContext';

/** The load-options context is the execute context minus items; listSearch reads `authentication` without an index. */
function loadOptionsContext(credentials: Record<string, string>): ILoadOptionsFunctions {
	const base = fakeContext(credentials) as unknown as Record<string, unknown>;
	return { ...base, getNodeParameter: () => 'accessToken' } as unknown as ILoadOptionsFunctions;
}

describe('Account list (resource locator) against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it("lists the Instagram accounts of the user's Pages (Facebook Login)", async () => {
		const context = loadOptionsContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.facebook,
			baseUrl: sandbox.url,
		});
		const { results } = await searchAccounts.call(context);
		// Own Pages first; Business Manager Pages follow (next test).
		expect(results.slice(0, 2)).toEqual([
			{ name: '@sandbox_brand (Sandbox Brand)', value: '17841400000000001' },
			{ name: expect.stringMatching(/^@sandbox_shop/), value: '17841400000000002' },
		]);
		expect(sandbox.calls('accounts')[0].query.fields).toMatch(/instagram_business_account/);
	});

	it('filters by the search text', async () => {
		const context = loadOptionsContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.facebook,
			baseUrl: sandbox.url,
		});
		const { results } = await searchAccounts.call(context, 'shop');
		expect(results.map((result) => result.value)).toEqual(['17841400000000002']);
	});

	it("returns the token's own account (Instagram Login)", async () => {
		const context = loadOptionsContext({
			loginType: 'instagram',
			accessToken: sandbox.tokens.instagram,
			baseUrl: sandbox.url,
		});
		const { results } = await searchAccounts.call(context);
		expect(results).toEqual([{ name: '@sandbox_brand', value: '17841400000000001' }]);
		expect(sandbox.calls('me')[0].tokenKind).toBe('instagram');
	});

	it('also lists the accounts of Business Manager Pages (owned and client), every page of them, each once', async () => {
		const context = loadOptionsContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.facebook,
			baseUrl: sandbox.url,
		});
		const { results, paginationToken } = await searchAccounts.call(context);
		expect(paginationToken).toBeUndefined();
		// 2 own Pages + "Agency Studio" (the agency's other owned Page repeats Sandbox Brand) +
		// 104 of the 130 client Pages (every fifth has no Instagram account).
		expect(results).toHaveLength(2 + 1 + 104);
		expect(new Set(results.map((result) => result.value)).size).toBe(results.length);
		expect(results.slice(0, 3)).toEqual([
			{ name: '@sandbox_brand (Sandbox Brand)', value: '17841400000000001' },
			{ name: '@sandbox_shop (Sandbox Shop)', value: '17841400000000002' },
			{ name: '@agency_studio (Agency Studio)', value: '17841400000000003' },
		]);
		expect(results).toContainEqual({
			name: '@client_129 (Client 129)',
			value: '17841400000001129',
		});
		expect(results.map((result) => result.value)).not.toContain('17841400000001005');
		const pages = sandbox.calls('businessPages');
		expect(pages.map((request) => request.path)).toEqual([
			'/v25.0/2010000000000001/owned_pages',
			'/v25.0/2010000000000001/client_pages',
			'/v25.0/2010000000000001/client_pages',
		]);
		expect(pages[2].query.after).toBeTruthy();
		expect(sandbox.requests.every((request) => request.authorization === 'Bearer facebook')).toBe(
			true,
		);
		expect(sandbox.requests.some((request) => request.tokenInUrl)).toBe(false);
	});

	it('searches usernames, Page names and IDs across all of them', async () => {
		const context = loadOptionsContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.facebook,
			baseUrl: sandbox.url,
		});
		const byPage = await searchAccounts.call(context, 'Corner');
		expect(byPage.results).toEqual([
			{ name: '@client_003 (Corner Cafe)', value: '17841400000001003' },
		]);
		const byUsername = await searchAccounts.call(context, 'AGENCY_st');
		expect(byUsername.results.map((result) => result.value)).toEqual(['17841400000000003']);
		const byId = await searchAccounts.call(context, '17841400000001129');
		expect(byId.results.map((result) => result.name)).toEqual(['@client_129 (Client 129)']);
	});

	it("a Page token lists that Page's account", async () => {
		const context = loadOptionsContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.page,
			baseUrl: sandbox.url,
		});
		const { results } = await searchAccounts.call(context);
		expect(results).toEqual([
			{ name: '@sandbox_brand (Sandbox Brand)', value: '17841400000000001' },
		]);
	});
});

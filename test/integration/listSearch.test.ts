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
		expect(results).toEqual([
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
});

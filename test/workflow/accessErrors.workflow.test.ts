// Token and permission errors through WorkflowExecute: each one says what happened and one next step,
// with Meta's codes, never the token; continueOnFail puts the same advice in the item.
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { AccountState, Sandbox, TokenState } from '../sandbox';
import { ACCOUNT, NODE, runInstagram } from './fixtures';

const post = { parameters: { operation: 'post', imageUrl: 'https://cdn.example.com/a.jpg' } };

describe('Token and permission errors', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	async function failure() {
		const result = await runInstagram(sandbox, post);
		expect(result.status).toBe('error');
		const error = result.error as { message: string; description?: string };
		expect(JSON.stringify(result.run)).not.toContain(sandbox.tokens.page);
		expect(sandbox.mediaCount()).toBe(0);
		return { message: error.message, description: error.description ?? '' };
	}

	it.each<[TokenState, number, RegExp, RegExp]>([
		['revoked', 458, /revoked: the app was removed/, /grant the app access again/],
		['checkpoint', 459, /security checkpoint/, /Log in at facebook\.com/],
		['passwordChanged', 460, /password changed/, /Reconnect the Instagram credential/],
		['unconfirmed', 464, /not confirmed/, /Confirm the account/],
		['loggedOut', 467, /invalid \(the user logged out/, /Reconnect the Instagram credential/],
		['pageRoleLost', 492, /no access to the Page/, /give them a role again/],
	])('190/%s (subcode %i)', async (state, subcode, message, action) => {
		sandbox.setTokenState(sandbox.tokens.page, state);
		const error = await failure();
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(action);
		expect(error.description).toContain(`code 190, subcode ${subcode}, HTTP 400`);
		// A token error is not retried.
		expect(sandbox.requests).toHaveLength(1);
	});

	it.each<[AccountState, string, RegExp]>([
		['restricted', 'code 25, subcode 2207050', /Open the Instagram app with this account/],
		['spamBlocked', 'code 4, subcode 2207051', /Do not retry right away/],
		['needsPublishingAuthorization', 'code 200', /complete Page Publishing Authorization/],
	])('account %s', async (state, codes, action) => {
		sandbox.setAccountState(ACCOUNT, state);
		const error = await failure();
		expect(error.description).toMatch(action);
		expect(error.description).toContain(codes);
		expect(sandbox.calls('createContainer')).toHaveLength(1);
	});

	it('code 10 names the missing permission', async () => {
		sandbox.withoutPublishPermission(sandbox.tokens.page);
		const error = await failure();
		expect(error.message).toMatch(
			/^The app lacks the instagram_content_publish permission for this request: \(#10\)/,
		);
		expect(error.description).toMatch(/^Grant instagram_content_publish: reconnect the credential/);
	});

	it('with continueOnFail the item carries the same next step', async () => {
		sandbox.setTokenState(sandbox.tokens.page, 'checkpoint');
		const result = await runInstagram(sandbox, { ...post, continueOnFail: true });
		expect(result.status).toBe('success');
		const item = result.json(NODE)[0] as { error: string; details: IDataObject };
		expect(item.error).toBe('Meta locked the account behind a security checkpoint');
		expect(item.details).toMatchObject({
			kind: 'auth',
			code: 190,
			subcode: 459,
			credentialType: 'instagramApi',
		});
		expect(String(item.details.action)).toMatch(/complete the checkpoint/);
	});
});

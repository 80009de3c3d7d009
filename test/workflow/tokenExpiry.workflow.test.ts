// Facebook Login (OAuth2) expiry through WorkflowExecute: the expiry comes from n8n's stored token data
// (`n8n_expires_at`), else from one `debug_token` per execution; 7 days ahead every run warns.
import type { IDataObject } from 'n8n-workflow';

import { tokenFingerprint } from '../../nodes/Instagram/transport/tokenRefresh';
import type { StoredCredential } from '../harness';
import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { NODE, runInstagram } from './fixtures';

const DAY = 86_400_000;
const post = { operation: 'post', imageUrl: 'https://cdn.example.com/a.jpg' };

let sandbox: Sandbox;
const opened: Sandbox[] = [];
async function open(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
	sandbox = await startSandbox({ now: virtualClock.now, ...options });
	opened.push(sandbox);
	return sandbox;
}
afterEach(async () => await Promise.all(opened.splice(0).map(async (s) => await s.close())));

function oauth(tokenData: IDataObject = {}): StoredCredential {
	return {
		type: 'instagramOAuth2Api',
		data: {
			clientId: 'app-id',
			clientSecret: 'app-secret-value',
			baseUrl: sandbox.url,
			oauthTokenData: { access_token: sandbox.tokens.facebook, token_type: 'bearer', ...tokenData },
		},
	};
}

async function run(credential: StoredCredential, parameters: IDataObject = post, items = 1) {
	const logs: string[] = [];
	const result = await runInstagram(
		sandbox,
		{ parameters, authentication: credential.type === 'instagramApi' ? 'accessToken' : 'oAuth2' },
		{
			credentials: { igCred: credential },
			onProgress: (event) => logs.push(event.message),
			items: Array.from({ length: items }, () => ({})),
		},
	);
	const warnings = result.hints
		.filter((hint) => hint.type === 'warning')
		.map((hint) => hint.message);
	return { result, logs, warnings };
}

const date = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

describe('Facebook Login (OAuth2) token expiry', () => {
	it('warns on every execution from 7 days before expiry: hint and log line with the date and how to reconnect', async () => {
		await open();
		const expiresAt = virtualClock.now() + 3 * DAY;
		for (let execution = 0; execution < 2; execution++) {
			const { result, logs, warnings } = await run(oauth({ n8n_expires_at: String(expiresAt) }));
			expect(result.status).toBe('success');
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(`expires on ${date(expiresAt)} (in 3 days)`);
			expect(warnings[0]).toMatch(/click "Reconnect"/);
			expect(warnings[0]).toMatch(/System User token/);
			expect(logs).toContain(warnings[0]);
			expect(JSON.stringify([result.json(NODE), logs, result.hints])).not.toContain(
				sandbox.tokens.facebook,
			);
		}
		expect(sandbox.calls('debugToken')).toHaveLength(0);
	});

	it('does not warn while more than 7 days are left', async () => {
		await open();
		const { warnings } = await run(oauth({ n8n_expires_at: String(virtualClock.now() + 8 * DAY) }));
		expect(warnings).toEqual([]);
	});

	it('asks debug_token once per execution when the token data has no expiry, token in the header', async () => {
		await open({ facebookTokenLifetimeMs: 5 * DAY });
		const { result, warnings } = await run(oauth(), post, 2);
		expect(result.status).toBe('success');
		const debug = sandbox.calls('debugToken');
		expect(debug).toHaveLength(1);
		expect(debug[0]).toMatchObject({ authorization: 'Bearer facebook', tokenInUrl: false });
		expect(debug[0].query.input_token).toBe('[redacted]');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/expires on .* \(in 5 days\)/);
	});

	it('after expiry the error says when it expired and exactly what to do', async () => {
		await open({ facebookTokenLifetimeMs: 2 * DAY });
		const expiresAt = virtualClock.now() + 2 * DAY;
		await virtualClock.sleep(3 * DAY);
		const { result } = await run(oauth({ n8n_expires_at: String(expiresAt) }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The Instagram access token has expired');
		const description = (result.error as { description?: string }).description ?? '';
		expect(description).toContain(`It expired on ${date(expiresAt)}.`);
		expect(description).toMatch(/click "Reconnect"/);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.tokens.facebook);
	});

	it('Status reports tokenExpiresAt for the OAuth2 credential', async () => {
		await open();
		const expiresAt = virtualClock.now() + 40 * DAY;
		const { result } = await run(oauth({ n8n_expires_at: String(expiresAt) }), {
			operation: 'status',
		});
		expect(result.json(NODE)[0].tokenExpiresAt).toBe(new Date(expiresAt).toISOString());
	});

	it('Status reports tokenExpiresAt for an Instagram Login token, the refreshed one when it was refreshed', async () => {
		await open({ instagramTokenAgeMs: 45 * DAY });
		const credential: StoredCredential = {
			type: 'instagramApi',
			data: { loginType: 'instagram', accessToken: sandbox.tokens.instagram, baseUrl: sandbox.url },
		};
		const { result } = await run(credential, { operation: 'status' });
		const fresh = sandbox.instagramTokens()[1];
		const reported = Date.parse(String(result.json(NODE)[0].tokenExpiresAt));
		expect(Math.abs(reported - fresh.expiresAt)).toBeLessThan(1000);
		// Known and not refreshed: the stored expiry.
		const later = new Date(virtualClock.now() + 50 * DAY).toISOString();
		const known = await run(
			{
				type: 'instagramApi',
				data: {
					...credential.data,
					tokenExpiresAt: later,
					tokenCheckedAt: new Date(virtualClock.now()).toISOString(),
					tokenFingerprint: tokenFingerprint(sandbox.tokens.instagram),
				},
			},
			{ operation: 'status' },
		);
		expect(known.result.json(NODE)[0].tokenExpiresAt).toBe(later);
	});
});

// Instagram Login token refresh through n8n-core's WorkflowExecute: the harness's credentials helper
// mirrors n8n's CredentialsHelper.preAuthentication, so `credentialUpdates` is what n8n would store.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { tokenFingerprint } from '../../nodes/Instagram/transport/tokenRefresh';
import type { RunResult, StoredCredential } from '../harness';
import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { NODE, runInstagram } from './fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const post = { parameters: { operation: 'post', imageUrl: 'https://cdn.example.com/a.jpg' } };

let sandbox: Sandbox;
const opened: Sandbox[] = [];
async function open(tokenAgeMs: number): Promise<Sandbox> {
	sandbox = await startSandbox({ now: virtualClock.now, instagramTokenAgeMs: tokenAgeMs });
	opened.push(sandbox);
	return sandbox;
}
afterEach(async () => await Promise.all(opened.splice(0).map(async (s) => await s.close())));

function igCredential(extra: ICredentialDataDecryptedObject = {}): StoredCredential {
	return {
		type: 'instagramApi',
		data: {
			loginType: 'instagram',
			accessToken: sandbox.tokens.instagram,
			baseUrl: sandbox.url,
			...extra,
		},
	};
}

async function publish(credential: StoredCredential, spec: { parameters: IDataObject } = post) {
	const logs: string[] = [];
	const result = await runInstagram(sandbox, spec, {
		credentials: { igCred: credential },
		onProgress: (event) => logs.push(event.message),
	});
	return { result, logs };
}

/** What n8n stored last: the next execution's credential. */
function persisted(result: RunResult): StoredCredential {
	const updates = result.credentialUpdates.filter((update) => update.kind === 'data');
	expect(updates).toHaveLength(1);
	return { type: 'instagramApi', data: updates[0].data };
}

/** No token the sandbox ever issued appears in output, errors, hints, logs or static data. */
function expectNoTokens(result: RunResult, logs: string[]) {
	const visible = JSON.stringify([
		result.json(NODE),
		result.error?.message,
		(result.error as { description?: string } | undefined)?.description,
		result.hints,
		logs,
		result.staticData,
	]);
	for (const { token } of sandbox.instagramTokens()) expect(visible).not.toContain(token);
	expect(visible).not.toMatch(/IGAA/);
}

describe('Instagram Login token refresh', () => {
	it('refreshes a 50-day-old token once; n8n stores it; the next execution uses it without refreshing', async () => {
		await open(50 * DAY);
		const first = await publish(igCredential());
		expect(first.result.status).toBe('success');
		const refreshes = sandbox.calls('refreshToken');
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0]).toMatchObject({
			status: 200,
			authorization: 'Bearer instagram',
			tokenInUrl: false,
		});
		expect(refreshes[0].query).toEqual({ grant_type: 'ig_refresh_token' });
		const fresh = sandbox.instagramTokens()[1];
		// Every Graph call of this execution already carries the new token.
		const graphCalls = sandbox.requests.filter((request) => request.endpoint !== 'refreshToken');
		expect(graphCalls.map((request) => request.tokenSerial)).toEqual(graphCalls.map(() => 1));
		const stored = persisted(first.result);
		expect(stored.data).toMatchObject({
			loginType: 'instagram',
			accessToken: fresh.token,
			tokenFingerprint: tokenFingerprint(fresh.token),
		});
		// The node's clock and the sandbox's are the same virtual clock, read a moment apart.
		expect(Math.abs(Date.parse(String(stored.data.tokenExpiresAt)) - fresh.expiresAt)).toBeLessThan(
			1000,
		);
		expect(first.logs.some((line) => /refreshed the Instagram Login token/.test(line))).toBe(true);
		expectNoTokens(first.result, first.logs);

		sandbox.requests.length = 0;
		const second = await publish(stored);
		expect(second.result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(0);
		expect(sandbox.requests.every((request) => request.tokenSerial === 1)).toBe(true);
		expect(second.result.credentialUpdates).toEqual([]);
		expect(sandbox.mediaCount()).toBe(2);
		expectNoTokens(second.result, second.logs);
	});

	it('refreshes when the stored expiry is under 30 days away (n8n runs preAuthentication for the blanked field)', async () => {
		await open(50 * DAY);
		const now = virtualClock.now();
		const known = igCredential({
			tokenExpiresAt: new Date(now + 10 * DAY).toISOString(),
			tokenCheckedAt: new Date(now - 50 * DAY).toISOString(),
			tokenFingerprint: tokenFingerprint(sandbox.tokens.instagram),
		});
		const { result } = await publish(known);
		expect(result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(1);
		expect(persisted(result).data.accessToken).toBe(sandbox.instagramTokens()[1].token);
		expect(sandbox.calls('publish')[0].tokenSerial).toBe(1);
	});

	it('does not refresh while more than 30 days are left', async () => {
		await open(20 * DAY);
		const now = virtualClock.now();
		const { result } = await publish(
			igCredential({
				tokenExpiresAt: new Date(now + 40 * DAY).toISOString(),
				tokenCheckedAt: new Date(now - 20 * DAY).toISOString(),
				tokenFingerprint: tokenFingerprint(sandbox.tokens.instagram),
			}),
		);
		expect(result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(0);
		expect(result.credentialUpdates).toEqual([]);
	});

	it('publishes with a 2-hour-old token without a refresh error, and tries again only a day later', async () => {
		await open(2 * HOUR);
		const first = await publish(igCredential());
		expect(first.result.status).toBe('success');
		expect(sandbox.calls('refreshToken').map((request) => request.status)).toEqual([400]);
		expect(sandbox.calls('publish')[0].tokenSerial).toBe(0);
		expect(first.logs.some((line) => /did not refresh/.test(line))).toBe(true);
		const stored = persisted(first.result);
		expect(stored.data).toMatchObject({
			accessToken: sandbox.tokens.instagram,
			tokenExpiresAt: 'unknown',
		});
		expectNoTokens(first.result, first.logs);

		sandbox.requests.length = 0;
		const second = await publish(stored);
		expect(second.result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(0);

		sandbox.requests.length = 0;
		await virtualClock.sleep(25 * HOUR);
		const third = await publish(stored);
		expect(third.result.status).toBe('success');
		expect(sandbox.calls('refreshToken').map((request) => request.status)).toEqual([200]);
		expect(persisted(third.result).data.accessToken).toBe(sandbox.instagramTokens()[1].token);
	});

	it('refreshes once even when the first calls run in parallel (carousel children)', async () => {
		await open(40 * DAY);
		const { result } = await publish(igCredential(), {
			parameters: {
				operation: 'carousel',
				inputMode: 'json',
				itemsJson: JSON.stringify([
					'https://cdn.example.com/1.jpg',
					'https://cdn.example.com/2.jpg',
				]),
			},
		});
		expect(result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(1);
		expect(sandbox.calls('createContainer').every((request) => request.tokenSerial === 1)).toBe(
			true,
		);
	});

	it('never refreshes a Facebook Login token', async () => {
		await open(50 * DAY);
		const { result } = await publish({
			type: 'instagramApi',
			data: { loginType: 'facebook', accessToken: sandbox.tokens.page, baseUrl: sandbox.url },
		});
		expect(result.status).toBe('success');
		expect(sandbox.calls('refreshToken')).toHaveLength(0);
		expect(result.credentialUpdates).toEqual([]);
	});
});

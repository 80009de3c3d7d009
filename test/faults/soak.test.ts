/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fake, distinctive values the hygiene scan looks for */
/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling (env, stdout), never shipped in dist/ */
import type { RunOptions } from '../harness';
import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { runBatch, QUOTA_TOTAL } from './batch';
import type { SoakEnvironment } from './batch';
import { Prng, soakSeed } from './prng';
import { Tally } from './tally';

const MIN_PUBLISHES = 500;
const APP_SECRET_VALUE = 'soakAppSecret-7d1f0c9a4e2b6f3a8c5d';
const CLIENT_SECRET_VALUE = 'soakClientSecret-3b9e6a1d7c4f2e8a0b5c';

describe('Fault soak: no duplicate post, no silent loss, no leaked secret', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({
			now: virtualClock.now,
			quotaTotal: QUOTA_TOTAL,
			appSecret: APP_SECRET_VALUE,
			processing: { reel: { polls: 3 }, video: { polls: 2 } },
		});
	});
	afterAll(async () => await sandbox.close());

	it(`publishes at least ${MIN_PUBLISHES} items through WorkflowExecute with random faults; every invariant holds`, async () => {
		const seed = soakSeed();
		const rng = new Prng(seed);
		const tally = new Tally();
		const env: SoakEnvironment = {
			sandbox,
			tally,
			secrets: [
				sandbox.tokens.page,
				sandbox.tokens.facebook,
				APP_SECRET_VALUE,
				CLIENT_SECRET_VALUE,
			],
			credentials: (authentication): RunOptions['credentials'] =>
				authentication === 'accessToken'
					? {
							igCred: {
								type: 'instagramApi',
								data: {
									loginType: 'facebook',
									accessToken: sandbox.tokens.page,
									appSecret: APP_SECRET_VALUE,
									apiVersion: 'v25.0',
									baseUrl: sandbox.url,
								},
							},
						}
					: {
							igCred: {
								type: 'instagramOAuth2Api',
								data: {
									clientId: 'soak-app-id',
									clientSecret: CLIENT_SECRET_VALUE,
									apiVersion: 'v25.0',
									baseUrl: sandbox.url,
									oauthTokenData: { access_token: sandbox.tokens.facebook, token_type: 'bearer' },
								},
							},
						},
		};
		const started = Date.now();
		process.stdout.write(
			`Fault soak seed: ${seed} (replay with FAULT_SEED=${seed} npm run test:faults)\n`,
		);
		for (let batch = 1; tally.distinctItems < MIN_PUBLISHES; batch++)
			await runBatch(env, rng, batch);
		const table = tally.table(seed, (Date.now() - started) / 1000);
		process.stdout.write(`\n${table}\n${tally.problems.map((p) => `  ✗ ${p}`).join('\n')}\n`);
		expect(tally.distinctItems).toBeGreaterThanOrEqual(MIN_PUBLISHES);
		expect(tally.breaches).toEqual({
			duplicates: 0,
			silentLosses: 0,
			misreports: 0,
			quotaBreaches: 0,
			waitBreaches: 0,
			leakedSecrets: 0,
		});
	});
});

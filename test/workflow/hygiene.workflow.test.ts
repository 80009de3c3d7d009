/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fake, distinctive values the hygiene scan looks for */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow, storeBinary } from '../harness';
import type { RunOptions, RunResult } from '../harness';
import { captureLogs } from '../harness/logCapture';
import type { CapturedLine } from '../harness/logCapture';
import { startSandbox } from '../sandbox';
import type { FaultSpec, Sandbox } from '../sandbox';
import { FAST_OPTIONS, instagramWorkflow } from './fixtures';

const APP_SECRET_VALUE = 'hygieneAppSecret-4c8e2a9f1b7d3e6a';
const CLIENT_SECRET_VALUE = 'hygieneClientSecret-9a3f7c1e5b2d8e4a';
const REVOKED_TOKEN_VALUE = 'EAAHygieneRevokedToken0042QzXw9Lm3Pk7Rt2Vb6Nc1Hd5Jf8Gs';

interface Scenario {
	name: string;
	authentication: 'accessToken' | 'oAuth2';
	parameters: IDataObject;
	faults?: FaultSpec[];
	token?: 'bad';
	binary?: 'image' | 'video';
	continueOnFail?: boolean;
}

const post = { operation: 'post', imageUrl: 'https://cdn.example.com/a.jpg', caption: 'Hi' };
const reel = {
	operation: 'reel',
	videoUrl: 'https://cdn.example.com/a.mp4',
	options: FAST_OPTIONS,
};
const both = (s: Omit<Scenario, 'authentication'>): Scenario[] => [
	{ ...s, authentication: 'accessToken' },
	{ ...s, name: `${s.name} (OAuth2)`, authentication: 'oAuth2' },
];

// prettier-ignore
const SCENARIOS: Scenario[] = [
	...both({ name: 'post published, with permalink and first comment', parameters: { ...post, options: { includePermalink: true, firstComment: '#n8n' } } }),
	...both({ name: 'revoked token (190) on the quota read', parameters: post, token: 'bad' }),
	...both({ name: 'revoked token with continueOnFail', parameters: post, token: 'bad', continueOnFail: true }),
	...both({ name: 'rate limited everywhere (retries logged)', parameters: post, faults: [{ endpoint: 'any', kind: 'rateLimit', code: 4, times: 8 }], continueOnFail: true }),
	...both({ name: 'publish reply lost, read back', parameters: post, faults: [{ endpoint: 'publish', kind: 'dropAfterCommit' }] }),
	...both({ name: 'token expires mid-wait', parameters: reel, faults: [{ endpoint: 'containerStatus', kind: 'tokenExpired' }], continueOnFail: true }),
	...both({ name: 'binary image Meta cannot fetch (echoes the signed URL)', parameters: { operation: 'post', imageSource: 'binary' }, binary: 'image', faults: [{ endpoint: 'createContainer', kind: 'mediaFetchFailure' }], continueOnFail: true }),
	{ name: 'resumable upload fails (OAuth scheme on the upload host)', authentication: 'accessToken', parameters: { operation: 'reel', videoSource: 'binary', options: FAST_OPTIONS }, binary: 'video', faults: [{ endpoint: 'upload', kind: 'http500' }], continueOnFail: true },
	{ name: 'resumable upload cut off mid-body', authentication: 'accessToken', parameters: { operation: 'reel', videoSource: 'binary', options: FAST_OPTIONS }, binary: 'video', faults: [{ endpoint: 'upload', kind: 'uploadInterrupted' }], continueOnFail: true },
	...both({ name: 'status with publish if ready', parameters: { operation: 'status', containerId: '17890000000000001', publishIfReady: true }, continueOnFail: true }),
	...both({ name: 'processing wait ends (timeout)', parameters: { ...reel, options: { maxWaitSeconds: 2 } }, continueOnFail: true }),
];

describe('Secret hygiene: no token, app secret or signed-URL token in any output, error, log line, hint or static data', () => {
	let sandbox: Sandbox;
	let logs: CapturedLine[];
	beforeAll(async () => {
		logs = captureLogs();
		sandbox = await startSandbox({
			appSecret: APP_SECRET_VALUE,
			processing: { reel: { polls: 3 }, video: { polls: 2 } },
		});
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	const credentials = (s: Scenario): RunOptions['credentials'] => {
		const token = s.token === 'bad' ? REVOKED_TOKEN_VALUE : undefined;
		return s.authentication === 'accessToken'
			? {
					igCred: {
						type: 'instagramApi',
						data: {
							loginType: 'facebook',
							accessToken: token ?? sandbox.tokens.page,
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
							clientId: 'hygiene-app',
							clientSecret: CLIENT_SECRET_VALUE,
							apiVersion: 'v25.0',
							baseUrl: sandbox.url,
							oauthTokenData: {
								access_token: token ?? sandbox.tokens.facebook,
								token_type: 'bearer',
							},
						},
					},
				};
	};

	const item = async (s: Scenario): Promise<INodeExecutionData> => {
		if (!s.binary) return { json: {} };
		const video = s.binary === 'video';
		const bytes = Buffer.alloc(video ? 200_000 : 2_000, 9);
		return {
			json: {},
			binary: {
				data: await storeBinary(bytes, {
					fileName: video ? 'a.mp4' : 'a.jpg',
					mimeType: video ? 'video/mp4' : 'image/jpeg',
				}),
			},
		};
	};

	/** Every secret the scenario handled: credential values and the signed-URL tokens sent to Meta. */
	const secretsOf = (): string[] => {
		const signed = sandbox.requests.flatMap((r) =>
			[r.body.image_url, r.body.video_url].flatMap(
				(url) => /[?&]token=([^&]+)/.exec(String(url ?? ''))?.[1] ?? [],
			),
		);
		return [
			sandbox.tokens.page,
			sandbox.tokens.facebook,
			REVOKED_TOKEN_VALUE,
			APP_SECRET_VALUE,
			CLIENT_SECRET_VALUE,
			...signed,
		];
	};

	const everything = (result: RunResult, lines: CapturedLine[]) =>
		JSON.stringify({
			run: result.run,
			error: result.error && {
				message: result.error.message,
				description: result.error.description,
				stack: result.error.stack,
			},
			hints: result.hints,
			staticData: result.staticData,
			logs: lines.map((line) => ({ ...line, metadata: safeJson(line.metadata) })),
		});

	it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
		for (const fault of s.faults ?? []) sandbox.fault(fault);
		const firstLine = logs.length;
		const result = await runWorkflow({
			workflow: instagramWorkflow({
				parameters: s.parameters,
				authentication: s.authentication,
				continueOnFail: s.continueOnFail,
			}),
			credentials: credentials(s),
			inputItems: [await item(s)],
		});
		await sandbox.fetchesSettled();
		const lines = logs.slice(firstLine);
		const text = everything(result, lines);
		// The scan is real: the run produced output or an error, and log lines at debug level.
		expect(result.run.data.resultData.runData.Instagram ?? result.error).toBeDefined();
		expect(lines.some((line) => line.level === 'debug')).toBe(true);
		for (const secret of secretsOf())
			expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
	});

	it("the capture sees the node's own log lines (so the scan covers them)", async () => {
		sandbox.fault({ endpoint: 'quota', kind: 'rateLimit', code: 17 });
		const firstLine = logs.length;
		const s = SCENARIOS[0];
		await runWorkflow({
			workflow: instagramWorkflow({ parameters: post, authentication: s.authentication }),
			credentials: credentials(s),
		});
		expect(logs.slice(firstLine).map((line) => line.message)).toContainEqual(
			expect.stringMatching(
				/^Instagram: rateLimit error on GET content_publishing_limit; retrying in \d+ ms$/,
			),
		);
	});
});

function safeJson(value: unknown): unknown {
	try {
		return JSON.parse(JSON.stringify(value ?? null)) as unknown;
	} catch {
		return String(value);
	}
}

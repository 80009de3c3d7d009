/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test-only use of setImmediate */
import { connectionFromCredentials, graphPath } from '../../nodes/Instagram/transport/connection';
import { encodeParams } from '../../nodes/Instagram/transport/graphClient';
import { MAX_POLL_INTERVAL_MS, nextPollDelay } from '../../nodes/Instagram/publish/wait';
import { mapWithLimit } from '../../nodes/Instagram/publish/containers';

describe('connectionFromCredentials', () => {
	it.each([
		[{ loginType: 'facebook', apiVersion: 'v25.0' }, 'https://graph.facebook.com/v25.0'],
		[{ loginType: 'instagram', apiVersion: 'v26.0' }, 'https://graph.instagram.com/v26.0'],
		[{}, 'https://graph.facebook.com/v25.0'],
		[{ apiVersion: 'nonsense' }, 'https://graph.facebook.com/v25.0'],
		[
			{ loginType: 'instagram', baseUrl: 'http://127.0.0.1:4567/', apiVersion: '/v25.0/' },
			'http://127.0.0.1:4567/v25.0',
		],
		[
			{ baseUrl: 'http://127.0.0.1:4567/v26.0/', apiVersion: 'v25.0' },
			'http://127.0.0.1:4567/v26.0',
		],
		[{ baseUrl: 'https://proxy.example.com/graph' }, 'https://proxy.example.com/graph/v25.0'],
	])('%j → %s', (data, baseUrl) => {
		expect(connectionFromCredentials('instagramApi', data).baseUrl).toBe(baseUrl);
	});
	it('collects every secret for redaction and the token expiry', () => {
		const connection = connectionFromCredentials('instagramOAuth2Api', {
			clientSecret: 'client-secret-1',
			oauthTokenData: { access_token: 'EAAtoken123', n8n_expires_at: 1_900_000_000_000 },
		});
		expect(connection.secrets).toEqual(['client-secret-1', 'EAAtoken123']);
		expect(connection.tokenExpiresAt).toBe(1_900_000_000_000);
	});
});

describe('graphPath', () => {
	it('joins safe segments', () =>
		expect(graphPath(['17841400000000001', 'media_publish'])).toBe(
			'17841400000000001/media_publish',
		));
	it.each([['..'], ['a/b'], ['1?x=1'], ['%2e'], ['']])(
		'rejects %s without echoing it',
		(segment) => {
			expect(() => graphPath(['me', segment])).toThrow(
				/^Invalid Graph path segment: IDs may contain only/,
			);
		},
	);
});

describe('encodeParams', () => {
	it('stringifies scalars, JSON-encodes objects, drops undefined', () => {
		expect(
			encodeParams({
				a: 'x',
				b: 0,
				c: false,
				d: undefined,
				e: [{ username: 'j' }],
				f: { graduation_strategy: 'MANUAL' },
			}),
		).toEqual({
			a: 'x',
			b: '0',
			c: 'false',
			e: '[{"username":"j"}]',
			f: '{"graduation_strategy":"MANUAL"}',
		});
	});
});

describe('nextPollDelay', () => {
	it('backs off by 1.5× up to the cap', () => {
		expect(nextPollDelay(2000, 0, 1000)).toBe(3000);
		expect(nextPollDelay(25_000, 0, 1000)).toBe(MAX_POLL_INTERVAL_MS);
	});
});

describe('mapWithLimit', () => {
	it('keeps order and never exceeds the limit', async () => {
		let inFlight = 0;
		let peak = 0;
		const results = await mapWithLimit([5, 1, 4, 2, 3], 2, async (value) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			inFlight--;
			return value * 10;
		});
		expect(results).toEqual([50, 10, 40, 20, 30]);
		expect(peak).toBe(2);
	});
	it('stops taking work after a failure and re-raises it', async () => {
		const started: number[] = [];
		await expect(
			mapWithLimit([1, 2, 3, 4], 1, async (value) => {
				started.push(value);
				if (value === 2) throw new Error('child 2 failed');
				return value;
			}),
		).rejects.toThrow('child 2 failed');
		expect(started).toEqual([1, 2]);
	});
});

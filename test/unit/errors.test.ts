import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { classifyGraphError } from '../../nodes/Instagram/transport/classify';
import {
	createGraphApiError,
	graphDetailsOf,
	redact,
	redactDetails,
	withContext,
} from '../../nodes/Instagram/transport/errors';
import {
	errorDescription,
	errorMessage,
	failureOf,
} from '../../nodes/Instagram/transport/messages';

const node: INode = {
	id: 'n1',
	name: 'Instagram',
	type: 'n8n-nodes-instagram-publisher.instagram',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const FAKE_CREDENTIAL_VALUE = ['EAASandbox', 'SecretToken1234567890abcdef'].join('');

describe('redact', () => {
	it.each([
		[`token ${FAKE_CREDENTIAL_VALUE} leaked`, 'token [redacted] leaked'],
		['https://x/y?access_token=abc123456789&a=1', 'https://x/y?access_token=[redacted]&a=1'],
		['Authorization: Bearer abcdefghijkl', 'Authorization: [redacted]'],
		['IGAAabcdefghijklmnop', '[redacted]'],
		[
			'from this URI: http://n8n.example.com/rest/binary-data/signed?token=eyJh.eyJp-ZC_9.D2CI. Please',
			'from this URI: http://n8n.example.com/rest/binary-data/signed?token=[redacted]. Please',
		],
		['token=not-a-jwt stays', 'token=not-a-jwt stays'],
		['nothing secret here', 'nothing secret here'],
	])('%s', (input, expected) => {
		expect(redact(input)).toBe(expected);
	});
	it('removes known secrets of any shape', () => {
		expect(redact('the secret is s3cr3t-app-value!', ['s3cr3t-app-value'])).toBe(
			'the secret is [redacted]!',
		);
	});
});

describe('createGraphApiError', () => {
	it('tells the user to reconnect on an expired token and never carries the token', () => {
		const details = redactDetails(
			classifyGraphError(400, {
				code: 190,
				error_subcode: 463,
				message: `Error validating access token ${FAKE_CREDENTIAL_VALUE}: Session has expired`,
				fbtrace_id: 'AbC',
			}),
			[FAKE_CREDENTIAL_VALUE],
		);
		const error = createGraphApiError(node, details, 0);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('The Instagram access token has expired');
		expect(error.description).toMatch(/Reconnect the Instagram credential/);
		expect(error.description).toMatch(/code 190, subcode 463, HTTP 400, fbtrace_id AbC/);
		expect(JSON.stringify(error)).not.toContain(FAKE_CREDENTIAL_VALUE);
		expect(JSON.stringify(error.context)).not.toContain(FAKE_CREDENTIAL_VALUE);
		expect(error.failure).toEqual({ cause: 'credential-invalid' });
	});

	it('keeps structured details for output and tests', () => {
		const error = createGraphApiError(
			node,
			{ kind: 'quota', code: 9, subcode: 2207042, containerId: '1789' },
			2,
		);
		expect(graphDetailsOf(error)).toMatchObject({
			kind: 'quota',
			code: 9,
			subcode: 2207042,
			containerId: '1789',
		});
		expect(error.context.itemIndex).toBe(2);
		expect(error.description).toMatch(/Container ID: 1789/);
	});

	it('reports a wait timeout as an operation error with the container id and how to resume', () => {
		const error = createGraphApiError(
			node,
			{ kind: 'timeout', containerId: '17890000000000001' },
			0,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toMatch(/Status operation/);
		expect(error.description).toMatch(/17890000000000001/);
	});

	it('adds carousel child context when rebuilt', () => {
		const original = createGraphApiError(
			node,
			{ kind: 'invalidMedia', code: 9004, subcode: 2207052 },
			0,
		);
		const rebuilt = withContext(
			node,
			original,
			{ childIndex: 2, childUrl: 'https://cdn.example.com/3.jpg' },
			0,
		);
		expect(rebuilt.description).toMatch(/Carousel item 3 \(https:\/\/cdn.example.com\/3.jpg\)/);
	});
});

describe('messages', () => {
	it('quotes Meta but does not parse it', () => {
		expect(
			errorMessage({ kind: 'invalidMedia', metaMessage: 'The image size is too large.' }),
		).toBe('Instagram could not use the media: The image size is too large.');
		expect(
			errorDescription({
				kind: 'invalidMedia',
				userTitle: 'Image size too large',
				userMessage: 'Less than 8 MiB.',
			}),
		).toMatch(/Meta says: Image size too large – Less than 8 MiB./);
	});
	it.each([
		['rateLimit', { cause: 'rate-limited' }],
		['quota', { cause: 'quota-exhausted' }],
		['transient', { cause: 'temporarily-unavailable' }],
		['permission', { cause: 'configuration-invalid' }],
		['invalidMedia', undefined],
	] as const)('%s → failure %j', (kind, failure) => {
		expect(failureOf({ kind })).toEqual(failure);
	});
	it('passes on the rate-limit wait', () => {
		expect(failureOf({ kind: 'rateLimit', regainAccessMinutes: 2 })).toEqual({
			cause: 'rate-limited',
			retryAfterMs: 120_000,
		});
	});
});

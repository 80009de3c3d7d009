import { NodeOperationError } from 'n8n-workflow';

import { QuotaTracker } from '../../nodes/Instagram/ledger/quota';
import { errorOutput, toItemJson } from '../../nodes/Instagram/publish/output';
import { createGraphApiError } from '../../nodes/Instagram/transport/errors';
import { nextStep } from '../../nodes/Instagram/transport/messages';
import { ACCOUNT, CONTAINER, MEDIA } from './publishFixtures';
import { fakeRun, testNode } from './scriptedGraph';

describe('toItemJson: output items are plain JSON', () => {
	it('drops undefined fields and keeps the rest as they are', () => {
		const json = toItemJson({
			published: true,
			status: 'PUBLISHED',
			accountId: ACCOUNT,
			id: MEDIA,
			containerId: CONTAINER,
			children: undefined,
			quota: { used: 4, total: 100, remaining: 96 },
			permalink: undefined,
			firstComment: { posted: false, error: 'x', kind: undefined },
		});
		expect(json).toStrictEqual({
			published: true,
			status: 'PUBLISHED',
			accountId: ACCOUNT,
			id: MEDIA,
			containerId: CONTAINER,
			quota: { used: 4, total: 100, remaining: 96 },
			firstComment: { posted: false, error: 'x' },
		});
	});

	it('is a copy: changing it leaves the output alone', () => {
		const output = { published: false, accountId: ACCOUNT, children: ['1', '2'] };
		const json = toItemJson(output);
		(json.children as string[]).push('3');
		expect(output.children).toEqual(['1', '2']);
	});
});

describe('errorOutput: `error` plus structured `details` for continueOnFail', () => {
	it('a Graph error: its details, the description and the next step', () => {
		const error = createGraphApiError(
			testNode,
			{
				kind: 'invalidMedia',
				code: 9004,
				subcode: 2207052,
				httpStatus: 400,
				containerId: CONTAINER,
			},
			0,
		);
		expect(errorOutput(error)).toStrictEqual({
			error: 'Instagram could not use the media',
			details: {
				description: error.description,
				kind: 'invalidMedia',
				code: 9004,
				subcode: 2207052,
				httpStatus: 400,
				containerId: CONTAINER,
				action: nextStep('invalidMedia'),
			},
		});
		expect(error.description).toContain('Container ID: 17890000000000001.');
	});

	it('the quota error: the quota and what to do', () => {
		const fake = fakeRun();
		const quota = new QuotaTracker(fake.run);
		const error = quota.exhaustedError({ used: 100, total: 100, remaining: 0 }, 1);
		expect(errorOutput(error)).toStrictEqual({
			error: error.message,
			details: {
				description: error.description,
				kind: 'quota',
				used: 100,
				total: 100,
				remaining: 0,
				action: nextStep('quota'),
			},
		});
	});

	it('an error with non-Graph instagram context (invalid parameter): that context', () => {
		const error = new NodeOperationError(testNode, 'Caption is too long [item 0]', {
			description: 'No request was sent to Instagram.',
		});
		error.context.instagram = {
			kind: 'invalidParameter',
			parameter: 'caption',
			requestSent: false,
		};
		expect(errorOutput(error)).toStrictEqual({
			error: 'Caption is too long [item 0]',
			details: {
				description: 'No request was sent to Instagram.',
				kind: 'invalidParameter',
				parameter: 'caption',
				requestSent: false,
			},
		});
	});

	it('any other error: the message, and its description when there is one', () => {
		expect(errorOutput(new NodeOperationError(testNode, 'Something broke'))).toStrictEqual({
			error: 'Something broke',
			details: {},
		});
		const described = new NodeOperationError(testNode, 'Something broke', {
			description: 'Try again',
		});
		expect(errorOutput(described)).toStrictEqual({
			error: 'Something broke',
			details: { description: 'Try again' },
		});
		const nullDescription = new NodeOperationError(testNode, 'Something broke');
		nullDescription.description = null;
		expect(errorOutput(nullDescription)).toStrictEqual({ error: 'Something broke', details: {} });
	});
});

import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InstagramApi } from '../../credentials/InstagramApi.credentials';
import type { GraphConnection } from '../../nodes/Instagram/transport/connection';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import { uploadVideoBytes } from '../../nodes/Instagram/transport/upload';
import { testNode } from '../orchestration/scriptedGraph';

const connection: GraphConnection = {
	credentialType: 'instagramApi',
	loginType: 'facebook',
	baseUrl: 'https://graph.facebook.com/v25.0',
	secrets: ['EAAsecrettoken123'],
};
const RUPLOAD = 'https://rupload.facebook.com/ig-api-upload/v25.0/178900000000001';

function fakeCtx(answer: () => Promise<unknown>, aborted = false) {
	const sent: Array<{ credentialType: string; options: IHttpRequestOptions }> = [];
	const ctx = {
		getNode: () => testNode,
		getExecutionCancelSignal: () => ({ aborted }),
		helpers: {
			httpRequestWithAuthentication: async (
				credentialType: string,
				options: IHttpRequestOptions,
			) => {
				sent.push({ credentialType, options });
				return await answer();
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, sent };
}

const upload = (uri = RUPLOAD) => ({
	uri,
	body: Buffer.from('video bytes'),
	bytes: 11,
	containerId: '178900000000001',
	itemIndex: 2,
});

describe('uploadVideoBytes', () => {
	it('sends one streamed POST: offset 0, file_size, Content-Length, no redirects, octet-stream', async () => {
		const { ctx, sent } = fakeCtx(async () => ({
			statusCode: 200,
			body: '{"success":true,"message":"Upload successful."}',
		}));
		await uploadVideoBytes(ctx, connection, upload());
		expect(sent).toHaveLength(1);
		expect(sent[0].credentialType).toBe('instagramApi');
		expect(sent[0].options).toMatchObject({
			method: 'POST',
			url: RUPLOAD,
			headers: {
				offset: '0',
				file_size: '11',
				'content-length': '11',
				'content-type': 'application/octet-stream',
			},
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		});
		expect(sent[0].options.body).toEqual(Buffer.from('video bytes'));
	});

	it.each([
		[
			'debug_info, not retriable',
			400,
			{ debug_info: { retriable: false, type: 'ProcessingFailedError', message: 'bad' } },
			'invalidMedia',
			/failed \(HTTP 400\): ProcessingFailedError: bad/,
		],
		[
			'debug_info, retriable',
			400,
			{ debug_info: { retriable: true, type: 'ProcessingError', message: 'later' } },
			'transient',
			/ProcessingError: later/,
		],
		[
			'a Graph-style 5xx',
			500,
			{ error: { message: 'An unexpected error has occurred.', code: 2 } },
			'transient',
			/failed \(HTTP 500\): An unexpected error has occurred\./,
		],
		[
			'200 without success',
			200,
			{ success: false, message: 'nope' },
			'invalidMedia',
			/\(HTTP 200\): nope/,
		],
		[
			'a body that is not JSON',
			502,
			'<html>Bad gateway</html>',
			'transient',
			/\(HTTP 502\): no details/,
		],
	])(
		'turns %s into a structured error naming the container',
		async (_name, statusCode, body, kind, message) => {
			const { ctx, sent } = fakeCtx(async () => ({
				statusCode,
				body: typeof body === 'string' ? body : JSON.stringify(body),
			}));
			const error = await uploadVideoBytes(ctx, connection, upload()).catch((e: unknown) => e);
			expect(graphDetailsOf(error)).toMatchObject({
				kind,
				containerId: '178900000000001',
				httpStatus: statusCode,
			});
			expect((error as Error).message).toMatch(message);
			expect((error as Error).message).toContain('container 178900000000001');
			expect(sent).toHaveLength(1);
		},
	);

	it('a network error is reported once as "no answer", never retried here', async () => {
		const { ctx, sent } = fakeCtx(async () => await Promise.reject(new Error('socket hang up')));
		const error = await uploadVideoBytes(ctx, connection, upload()).catch((e: unknown) => e);
		expect(graphDetailsOf(error)).toMatchObject({
			kind: 'transient',
			noResponse: true,
			containerId: '178900000000001',
		});
		expect(sent).toHaveLength(1);
	});

	it('never sends the token to an upload address that is not Meta’s upload host or the local Graph API', async () => {
		for (const uri of [
			'https://evil.example.com/ig-api-upload/v25.0/1',
			'not a url',
			'http://rupload.facebook.com.evil.example/x',
		]) {
			const { ctx, sent } = fakeCtx(async () => ({ statusCode: 200, body: '{"success":true}' }));
			await expect(uploadVideoBytes(ctx, connection, upload(uri))).rejects.toThrow(
				/does not send tokens to/,
			);
			expect(sent).toHaveLength(0);
		}
		const local = { ...connection, baseUrl: 'http://127.0.0.1:4567/v25.0' };
		const { ctx, sent } = fakeCtx(async () => ({ statusCode: 200, body: { success: true } }));
		await uploadVideoBytes(ctx, local, upload('http://127.0.0.1:4567/ig-api-upload/v25.0/1'));
		expect(sent).toHaveLength(1);
	});
});

describe('the access-token credential picks the Authorization scheme by path', () => {
	const credential = new InstagramApi();
	it.each([
		[{ url: RUPLOAD }, 'OAuth EAAtoken'],
		[{ baseURL: 'http://127.0.0.1:4567', url: '/ig-api-upload/v25.0/1789' }, 'OAuth EAAtoken'],
		[
			{ baseURL: 'https://graph.facebook.com/v25.0', url: '/17841400000000001/media' },
			'Bearer EAAtoken',
		],
		[{ url: 'https://graph.facebook.com/v25.0/ig-api-upload' }, 'Bearer EAAtoken'],
	])('%j → %s', async (request, authorization) => {
		const signed = await credential.authenticate(
			{ accessToken: ' EAAtoken ' },
			request as IHttpRequestOptions,
		);
		expect(signed.headers).toMatchObject({ Authorization: authorization });
	});
});

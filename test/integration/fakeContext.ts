import axios from 'axios';
import { NodeApiError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { InstagramApi } from '../../credentials/InstagramApi.credentials';

export const testNode: INode = {
	id: 'node-1',
	name: 'Instagram',
	type: 'n8n-nodes-instagram-publisher.instagram',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * The smallest IExecuteFunctions the Graph client needs: credentials applied by our real
 * `instagramApi.authenticate`, HTTP sent with axios the way n8n-core does (full response,
 * status errors ignored, network errors wrapped in NodeApiError).
 */
export function fakeContext(
	credentials: ICredentialDataDecryptedObject,
	signal?: AbortSignal,
): IExecuteFunctions {
	const credentialType = new InstagramApi();
	const logs: string[] = [];
	const context = {
		logs,
		getNode: () => testNode,
		getCredentials: async () => credentials,
		getExecutionCancelSignal: () => signal,
		logger: {
			info: (message: string) => logs.push(message),
			warn: (message: string) => logs.push(message),
			debug: () => undefined,
			error: (message: string) => logs.push(message),
		},
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const signed = await credentialType.authenticate(credentials, options);
				try {
					const response = await axios.request({
						method: signed.method,
						url: signed.url,
						params: signed.qs,
						data: signed.body
							? new URLSearchParams(signed.body as Record<string, string>)
							: undefined,
						headers: signed.headers as Record<string, string>,
						validateStatus: () => true,
						timeout: signed.timeout,
						signal,
					});
					return {
						body: response.data as unknown,
						headers: response.headers,
						statusCode: response.status,
					};
				} catch (error) {
					throw new NodeApiError(testNode, error as never);
				}
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}

export function logsOf(context: IExecuteFunctions): string[] {
	return (context as unknown as { logs: string[] }).logs;
}

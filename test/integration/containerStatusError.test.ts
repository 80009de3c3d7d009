import { readContainerStatus } from '../../nodes/Instagram/transport/containerStatus';
import { graphDetailsOf } from '../../nodes/Instagram/transport/errors';
import { createGraphClient } from '../../nodes/Instagram/transport/graphClient';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { fakeContext } from './fakeContext';

describe('readContainerStatus: a failed read names the container it read (fault soak regression)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());

	it('token expired on the status read → auth error with containerId', async () => {
		const ctx = fakeContext({
			loginType: 'facebook',
			accessToken: sandbox.tokens.page,
			apiVersion: 'v25.0',
			baseUrl: sandbox.url,
		});
		const client = createGraphClient(ctx, 'accessToken');
		sandbox.fault({ endpoint: 'any', kind: 'tokenExpired' });
		const error = await readContainerStatus(client, '17890000000000001', 0).catch(
			(e: unknown) => e,
		);
		expect(graphDetailsOf(error)).toMatchObject({
			kind: 'auth',
			code: 190,
			containerId: '17890000000000001',
		});
	});
});

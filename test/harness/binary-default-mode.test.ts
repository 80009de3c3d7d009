/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
import { binaryDataMode } from './binary';
import { fakeNodeTypes } from './fixtures/nodes';
import { chain } from './fixtures/workflows';
import { closeBinaryServer, inMemoryBinary, runWorkflow, storeBinary } from './index';

// n8n's deprecated in-memory mode (N8N_DEFAULT_BINARY_DATA_MODE=default). BinaryDataConfig reads it
// when first constructed, and jest gives every test file its own n8n-core and process.env.
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'default';

afterAll(async () => await closeBinaryServer());

describe('binary data in n8n’s default (in-memory) mode', () => {
	it('prepareBinaryData gives base64 data and no id (what inMemoryBinary builds); signing throws', async () => {
		const result = await runWorkflow({
			nodeTypes: fakeNodeTypes,
			workflow: chain([
				{
					name: 'Binary',
					type: 'fake.binary',
					parameters: { text: 'kept in memory', fileName: 'clip.mp4', mimeType: 'video/mp4' },
				},
			]),
		});
		expect(binaryDataMode()).toBe('default');
		const [item] = result.output('Binary');
		const expected = inMemoryBinary(Buffer.from('kept in memory'), {
			fileName: 'clip.mp4',
			mimeType: 'video/mp4',
		});
		expect(item.binary?.data).toEqual(expected);
		expect(item.binary?.data.id).toBeUndefined();
		expect(item.json).toEqual({
			stored: false,
			signError: 'URL signing is not available in memory mode',
			content: 'kept in memory',
		});
		const input = await storeBinary(Buffer.from('x'), {
			fileName: 'a.jpg',
			mimeType: 'image/jpeg',
		});
		expect(input).toEqual(
			inMemoryBinary(Buffer.from('x'), { fileName: 'a.jpg', mimeType: 'image/jpeg' }),
		);
	});
});

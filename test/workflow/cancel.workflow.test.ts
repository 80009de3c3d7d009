import { virtualClock } from '../harness/virtualClock';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { FAST_OPTIONS, runInstagram, until } from './fixtures';

describe('Cancelling an execution through WorkflowExecute', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processing: { reel: { polls: 1000 } } });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('with continueOnFail, a cancel during item 1 sends nothing for item 2 (the router rule itself: test/orchestration/router.test.ts)', async () => {
		virtualClock.holdPauses(1);
		const controller = new AbortController();
		const pending = runInstagram(
			sandbox,
			{
				parameters: {
					operation: 'reel',
					videoUrl: '={{ $json.url }}',
					options: { ...FAST_OPTIONS, maxWaitSeconds: 600 },
				},
				continueOnFail: true,
			},
			{
				signal: controller.signal,
				items: [{ url: 'https://cdn.example.com/1.mp4' }, { url: 'https://cdn.example.com/2.mp4' }],
			},
		);
		await until(() => sandbox.calls('containerStatus').length === 1 && virtualClock.waiting === 1);
		controller.abort();
		const result = await pending;
		expect(result.status).toBe('canceled');
		expect(sandbox.calls('createContainer')).toHaveLength(1);
		expect(sandbox.calls('publish')).toHaveLength(0);
	});
});

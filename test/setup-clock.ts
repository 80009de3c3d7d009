/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test bootstrap (jest factories cannot import), never shipped */
import { existsSync } from 'fs';
import { join } from 'path';

import { clearDeduplicationStore } from './harness/deduplication';
import { virtualClock } from './harness/virtualClock';

// The compiled node (dist/) takes its time from transport/clock: in jest it gets the virtual clock,
// so workflow tests never wait for real. Tests of the sources inject their own clock instead.
const compiledClock = join(__dirname, '..', 'dist', 'nodes', 'Instagram', 'transport', 'clock.js');
if (existsSync(compiledClock)) {
	jest.mock(compiledClock, () => {
		const { virtualClock } =
			require('./harness/virtualClock') as typeof import('./harness/virtualClock');
		return { systemClock: virtualClock };
	});
}

beforeEach(() => {
	virtualClock.reset();
	// each test starts from a fresh database, as it starts from fresh static data
	clearDeduplicationStore();
});

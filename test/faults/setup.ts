/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports -- test bootstrap, never shipped */
import { join } from 'path';

import { SLOW_ANSWER_MS } from './catalogue';

// The compiled node's request timeouts, shortened so that an answer held back SLOW_ANSWER_MS is a
// client timeout (a Graph call normally answers in a few ms here). Uploads are tiny in the soak.
const timeouts = require(
	join(__dirname, '..', '..', 'dist', 'nodes', 'Instagram', 'transport', 'timeouts.js'),
) as typeof import('../../nodes/Instagram/transport/timeouts');
timeouts.requestTimeouts.graphMs = Math.round(SLOW_ANSWER_MS * 0.6);
timeouts.requestTimeouts.uploadMs = 5_000;

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// jest globalTeardown of the real-n8n suite (runs in the jest process, like the in-band tests).
import { rmSync } from 'fs';

import { packDir } from './package';

export default function teardown(): void {
	rmSync(packDir(), { recursive: true, force: true });
}

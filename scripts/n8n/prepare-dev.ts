/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- dev-only tooling, never shipped in dist/ */
// Used by scripts/n8n/dev.sh: writes the sandbox credential and every examples/*.json workflow, wired to the
// Graph sandbox at <sandbox url>, into <out dir> (credentials.json + workflows/*.json) for `n8n import:*`.
//   ts-node --transpile-only scripts/n8n/prepare-dev.ts <sandbox url> <out dir>
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { TOKENS, seedAccounts } from '../../test/sandbox/ids';
import { PROJECT_ROOT } from '../../test/e2e/package';
import {
	forSandbox,
	loadExample,
	sandboxCredential,
	type SandboxTarget,
} from '../../test/e2e/workflows';

function main(): void {
	const [url, outDir] = process.argv.slice(2);
	if (!url || !outDir) throw new Error('usage: prepare-dev.ts <sandbox url> <out dir>');
	const sandbox: SandboxTarget = {
		url: url.replace(/\/$/, ''),
		accounts: seedAccounts(),
		tokens: TOKENS,
	};

	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(join(outDir, 'workflows'), { recursive: true });
	const credential = { ...sandboxCredential(sandbox), name: 'Instagram account (Graph sandbox)' };
	writeFileSync(join(outDir, 'credentials.json'), JSON.stringify([credential], null, 2));

	const files = readdirSync(join(PROJECT_ROOT, 'examples')).filter((f) => f.endsWith('.json'));
	for (const file of files) {
		const wf = forSandbox(loadExample(file), sandbox);
		// Keep the credential's display name in sync with the imported credential.
		for (const node of wf.nodes) {
			const creds = node.credentials as Record<string, { id: string; name: string }> | undefined;
			if (creds?.instagramApi) creds.instagramApi.name = credential.name;
		}
		writeFileSync(join(outDir, 'workflows', file), JSON.stringify(wf, null, 2));
		console.log(`  ${wf.id}  ${wf.name}  (examples/${file})`);
	}
}

main();

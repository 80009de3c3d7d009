/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Installs the built package into an n8n user folder the way n8n 2.41 installs a community package
// (community-packages.service.js downloadPackage): npm pack, extract into .n8n/nodes/node_modules/<name>,
// drop dev/peer/optional dependencies from its package.json, install runtime dependencies (there are none).
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

import { mustRun } from './proc';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-instagram-publisher';
export const NODE_TYPE = `${PACKAGE_NAME}.instagram`;

interface PackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
}

let packed: Promise<string> | undefined;

/** Where this jest process keeps the tarball; test/e2e/teardown.ts removes it. */
export const packDir = (): string => join(tmpdir(), `n8n-ig-pack-${process.pid}`);

/** `npm pack` of the project (once per jest process). Returns the tarball path. */
export async function packProject(root = PROJECT_ROOT): Promise<string> {
	packed ??= (async () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
		for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
			if (!existsSync(join(root, file)))
				throw new Error(`${file} is missing: run \`npm run build\` first`);
		}
		const dest = packDir();
		rmSync(dest, { recursive: true, force: true });
		mkdirSync(dest, { recursive: true });
		const res = await mustRun(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', dest],
			{ cwd: root },
		);
		const info = JSON.parse(res.stdout) as Array<{ filename: string }>;
		return join(dest, info[0].filename);
	})();
	return await packed;
}

/**
 * Extracts the tarball into `<userFolder>/.n8n/nodes/node_modules/<name>` and strips the manifest like n8n does.
 * `npm` is the Node 24 npm wrapper from the install prefix (used only if the package ever gains runtime deps).
 */
export async function installPackage(
	tarball: string,
	userFolder: string,
	npm: string,
): Promise<string> {
	const modules = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const target = join(modules, PACKAGE_NAME);
	mkdirSync(modules, { recursive: true });
	rmSync(target, { recursive: true, force: true });
	const staging = mkdtempSync(join(userFolder, 'unpack-'));
	await mustRun('tar', ['-xzf', tarball, '-C', staging]);
	renameSync(join(staging, 'package'), target);
	rmSync(staging, { recursive: true, force: true });

	const manifestPath = join(target, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	if (Object.keys(manifest.dependencies ?? {}).length > 0) {
		await mustRun(
			npm,
			['install', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{
				cwd: target,
			},
		);
	}
	return target;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Real n8n 2.41.1 as a child process: a fresh user folder per test, our package installed as a community
// package, credentials and workflows imported through the CLI, `n8n execute` parsed into an IRun.
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { installPackage, packProject } from './package';
import { freePort, mustRun, runProcess, type ProcessResult } from './proc';
import { parseExecution, type ExecutionResult } from './result';

export const N8N_VERSION = '2.41.1';
export const PREFIX = join(
	process.env.N8N_E2E_HOME ?? join(homedir(), '.cache', 'n8n-nodes-instagram-publisher'),
	`n8n-${N8N_VERSION}`,
);
export const NODE_BIN = join(PREFIX, 'bin', 'node');
export const N8N_BIN = join(PREFIX, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
/** Must match the key scripts/n8n/install.sh used for the template DB. */
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets -- fixed, public test-only key of throwaway n8n instances
export const ENCRYPTION_KEY = 'n8n-nodes-instagram-publisher-e2e-key';

export function n8nInstalled(): boolean {
	return existsSync(join(PREFIX, '.install-complete'));
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

export interface WorkflowJson extends IDataObject {
	id: string;
	name: string;
	nodes: IDataObject[];
	connections: IDataObject;
	staticData?: IDataObject | null;
}

function childEnv(userFolder: string, brokerPort: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^(N8N_|DB_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|JEST_|npm_)/.test(k)) env[k] = v;
	}
	return {
		...env,
		PATH: `${join(PREFIX, 'bin')}:${process.env.PATH ?? ''}`,
		TMPDIR: join(userFolder, 'tmp'),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
	};
}

export class N8nUserFolder {
	private constructor(
		readonly dir: string,
		readonly env: NodeJS.ProcessEnv,
	) {}

	/**
	 * A fresh user folder: template DB copied in, our package installed under .n8n/nodes. `extraEnv` joins the
	 * environment of every n8n command run for it (e.g. a PostgreSQL database and queue mode).
	 */
	static async create(extraEnv: NodeJS.ProcessEnv = {}): Promise<N8nUserFolder> {
		if (!n8nInstalled())
			throw new Error(`n8n is not installed in ${PREFIX}: run \`npm run n8n:install\``);
		const dir = mkdtempSync(join(tmpdir(), 'n8n-ig-e2e-'));
		mkdirSync(join(dir, '.n8n'), { recursive: true });
		mkdirSync(join(dir, 'tmp'));
		for (const f of ['database.sqlite', 'database.sqlite-wal', 'database.sqlite-shm']) {
			const src = join(PREFIX, 'template', '.n8n', f);
			if (existsSync(src)) copyFileSync(src, join(dir, '.n8n', f));
		}
		await installPackage(await packProject(), dir, join(PREFIX, 'bin', 'npm'));
		return new N8nUserFolder(dir, { ...childEnv(dir, await freePort()), ...extraEnv });
	}

	/**
	 * One n8n CLI command (a cold Node 24 process). `clockOffsetMs` starts n8n with its clock that far
	 * ahead (test/e2e/shifted-clock.cjs), to run it "days later" in step with the sandbox's clock.
	 */
	async n8n(args: string[], timeoutMs = 120_000, clockOffsetMs = 0): Promise<ProcessResult> {
		const preload = clockOffsetMs ? ['--require', join(__dirname, 'shifted-clock.cjs')] : [];
		return await runProcess(NODE_BIN, [...preload, N8N_BIN, ...args], {
			cwd: this.dir,
			env: clockOffsetMs
				? { ...this.env, N8N_E2E_CLOCK_OFFSET_MS: String(clockOffsetMs) }
				: this.env,
			timeoutMs,
		});
	}

	private async mustN8n(args: string[]): Promise<ProcessResult> {
		return await mustRun(NODE_BIN, [N8N_BIN, ...args], { cwd: this.dir, env: this.env });
	}

	private writeJson(name: string, value: unknown): string {
		const file = join(this.dir, name);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/** `data` is plain JSON; n8n encrypts it with the instance key. Same id again = upsert. */
	async importCredentials(creds: CredentialImport[]): Promise<void> {
		await this.mustN8n([
			'import:credentials',
			`--input=${this.writeJson('credentials.json', creds)}`,
		]);
	}

	async importWorkflow(workflow: WorkflowJson): Promise<void> {
		await this.mustN8n([
			'import:workflow',
			`--input=${this.writeJson(`wf-${workflow.id}.json`, workflow)}`,
		]);
	}

	/** `n8n execute --id --rawOutput`; exit 1 with a parsed IRun is a workflow error, not a harness error. */
	async execute(
		workflowId: string,
		timeoutMs = 180_000,
		clockOffsetMs = 0,
	): Promise<ExecutionResult> {
		const res = await this.n8n(
			['execute', `--id=${workflowId}`, '--rawOutput'],
			timeoutMs,
			clockOffsetMs,
		);
		return parseExecution(res);
	}

	/** `n8n publish:workflow`: the current version becomes the active one (production triggers) at the next start. */
	async publishWorkflow(workflowId: string): Promise<void> {
		await this.mustN8n(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n export:credentials --all [--decrypted]`: what n8n's credential store holds now. */
	async exportCredentials(decrypted: boolean): Promise<CredentialImport[]> {
		const file = join(this.dir, 'export-credentials.json');
		await this.mustN8n([
			'export:credentials',
			'--all',
			...(decrypted ? ['--decrypted'] : []),
			`--output=${file}`,
		]);
		return JSON.parse(readFileSync(file, 'utf8')) as CredentialImport[];
	}

	async exportWorkflow(workflowId: string): Promise<WorkflowJson> {
		const file = join(this.dir, `export-${workflowId}.json`);
		await this.mustN8n(['export:workflow', `--id=${workflowId}`, `--output=${file}`]);
		const parsed = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson | WorkflowJson[];
		return Array.isArray(parsed) ? parsed[0] : parsed;
	}

	/** The workflow's stored static data (`{ 'node:<name>': {...}, global: {...} }`), via export:workflow. */
	async staticData(workflowId: string): Promise<IDataObject> {
		const raw = (await this.exportWorkflow(workflowId)).staticData;
		if (typeof raw === 'string') return JSON.parse(raw) as IDataObject;
		return raw ?? {};
	}

	dispose(): void {
		if (process.env.N8N_E2E_KEEP === '1') return;
		rmSync(this.dir, { recursive: true, force: true });
	}
}

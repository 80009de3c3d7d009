/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only tooling, never shipped in dist/ */
// Child processes for the real-n8n suite. Always asynchronous: the Graph sandbox runs in the jest process
// and must keep answering while n8n (a child process) calls it.
import { spawn } from 'child_process';
import { createServer } from 'net';

export interface ProcessResult {
	code: number;
	stdout: string;
	stderr: string;
	ms: number;
	/** The signal that ended the process, if one did (then `code` is 128). */
	signal?: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
}

export async function runProcess(
	cmd: string,
	args: string[],
	opts: RunOptions = {},
): Promise<ProcessResult> {
	const started = Date.now();
	return await new Promise<ProcessResult>((resolve, reject) => {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- the harness runs n8n/npm/tar with fixed argv
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (b: Buffer) => out.push(b));
		child.stderr.on('data', (b: Buffer) => err.push(b));
		const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code: code ?? (signal ? 128 : 1),
				signal: signal ?? undefined,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/** Runs and throws with the output attached when the exit code is not 0. */
export async function mustRun(
	cmd: string,
	args: string[],
	opts: RunOptions = {},
): Promise<ProcessResult> {
	const res = await runProcess(cmd, args, opts);
	if (res.code !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} exited ${res.code}\n${res.stderr.slice(-4000)}\n${res.stdout.slice(-4000)}`,
		);
	}
	return res;
}

/** A loopback port that was free a moment ago (for N8N_RUNNERS_BROKER_PORT). */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

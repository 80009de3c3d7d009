/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- dev-only tooling (spawns n8n with a fixed argv), never shipped in dist/ */
// `n8n start` as a long-lived child process: what serves production webhooks and the signed binary-data route
// (`GET /rest/binary-data/signed`) that Meta downloads binary media from. `n8n execute` runs no HTTP server.
import { spawn, type ChildProcess } from 'child_process';
import { request } from 'http';

import { N8N_BIN, NODE_BIN, type N8nUserFolder } from './n8n';
import { freePort } from './proc';

// n8n prints this after activating the published workflows (commands/start.js), i.e. once webhooks answer.
const READY_LINE = 'Editor is now accessible via';

export interface N8nServer extends N8nProcess {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Resolves once n8n registered the production webhook (activation may finish after the ready line). */
	waitForWebhook(path: string, method?: string, timeoutMs?: number): Promise<void>;
	/** POST JSON to a production webhook path; resolves with the HTTP status and the parsed body. */
	postWebhook(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

async function waitForText(
	child: ChildProcess,
	log: () => string,
	text: string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!log().includes(text)) {
		if (child.exitCode !== null) throw new Error(`n8n exited ${child.exitCode}:\n${log()}`);
		if (Date.now() > deadline)
			throw new Error(`n8n not ready in ${timeoutMs} ms:\n${log().slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** The methods n8n allows on a webhook path: what its CORS pre-flight answers (none while unregistered). */
async function webhookMethods(url: string): Promise<string[]> {
	return await new Promise((resolve) => {
		const req = request(
			url,
			{ method: 'OPTIONS', headers: { origin: 'http://127.0.0.1' } },
			(res) => {
				res.resume();
				const allowed = String(res.headers['access-control-allow-methods'] ?? '');
				resolve(res.statusCode === 204 ? allowed.split(/,\s*/) : []);
			},
		);
		req.on('error', () => resolve([]));
		req.end();
	});
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (sig: NodeJS.Signals) => {
		try {
			process.kill(-(child.pid as number), sig);
		} catch {
			// already gone
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

export interface N8nProcess {
	pid: number;
	/** Everything the process printed so far (stdout and stderr). */
	output(): string;
	/** SIGTERM to its process group, SIGKILL after 10 s; resolves once it exited. */
	stop(): Promise<void>;
}

/** A long-lived n8n command (`start`, `worker`) for this user folder; resolves once it printed `readyText`. */
export async function spawnN8n(
	folder: N8nUserFolder,
	args: string[],
	env: NodeJS.ProcessEnv,
	readyText: string,
	timeoutMs = 120_000,
): Promise<N8nProcess> {
	const chunks: Buffer[] = [];
	const child = spawn(NODE_BIN, [N8N_BIN, ...args], {
		cwd: folder.dir,
		env: { ...folder.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group: stop() reaches the task runner n8n spawns too
	});
	child.stdout?.on('data', (b: Buffer) => chunks.push(b));
	child.stderr?.on('data', (b: Buffer) => chunks.push(b));
	const output = () => Buffer.concat(chunks).toString('utf8');
	try {
		await waitForText(child, output, readyText, timeoutMs);
	} catch (error) {
		await stopProcess(child);
		throw error;
	}
	return { pid: child.pid as number, output, stop: async () => await stopProcess(child) };
}

/**
 * Starts `n8n start` on a free loopback port for this user folder. N8N_WEBHOOK_URL is set to that address, so
 * the URLs n8n signs for binary data point at this instance (on a real server: its public address).
 */
export async function startN8nServer(
	folder: N8nUserFolder,
	extraEnv: NodeJS.ProcessEnv = {},
	timeoutMs = 120_000,
): Promise<N8nServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		...extraEnv,
	};
	const proc = await spawnN8n(folder, ['start'], env, READY_LINE, timeoutMs);
	return {
		...proc,
		url,
		async waitForWebhook(path, method = 'POST', waitMs = 30_000) {
			const deadline = Date.now() + waitMs;
			while (!(await webhookMethods(`${url}/webhook/${path}`)).includes(method)) {
				if (Date.now() > deadline)
					throw new Error(
						`webhook ${method} ${path} not registered in ${waitMs} ms:\n${proc.output().slice(-4000)}`,
					);
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
		},
		async postWebhook(path, body) {
			const res = await fetch(`${url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			let parsed: unknown = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON: keep the text
			}
			return { status: res.status, body: parsed };
		},
	};
}

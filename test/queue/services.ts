/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev-only tooling (Debian's PostgreSQL and Redis with a fixed argv), never shipped in dist/ */
// Throwaway PostgreSQL and Redis servers on 127.0.0.1 for the queue-mode suite, started by pid and stopped by
// pid: nothing is installed as a service, nothing outlives the test. scripts/queue/install.sh installs them.
import { spawn, type ChildProcess } from 'child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';

import { freePort, mustRun } from '../e2e/proc';

export interface Service {
	port: number;
	output(): string;
	stop(): Promise<void>;
}

function postgresBin(name: string): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const v of versions)
		if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
	throw new Error(`PostgreSQL's ${name} not found under ${root}: run scripts/queue/install.sh`);
}

function track(child: ChildProcess, port: number): Service {
	const chunks: Buffer[] = [];
	child.stdout?.on('data', (b: Buffer) => chunks.push(b));
	child.stderr?.on('data', (b: Buffer) => chunks.push(b));
	return {
		port,
		output: () => Buffer.concat(chunks).toString('utf8'),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function waitFor(
	what: string,
	ready: () => Promise<boolean>,
	service: Service,
): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!(await ready())) {
		if (Date.now() > deadline) throw new Error(`${what} did not start:\n${service.output()}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as Debian's `postgres` user. */
async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
	if (userInfo().uid !== 0) return {};
	const id = async (flag: string) =>
		Number((await mustRun('id', [flag, 'postgres'])).stdout.trim());
	return { uid: await id('-u'), gid: await id('-g') };
}

/** A fresh cluster (trust auth, fsync off: a test database) with database `n8n`. */
export async function startPostgres(): Promise<Service & { dataDir: string }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'n8n-ig-pg-'));
	const user = await postgresUser();
	if (user.uid !== undefined) chownSync(dataDir, user.uid, user.gid as number);
	const port = await freePort();
	const initdb = spawn(
		postgresBin('initdb'),
		['-D', dataDir, '-A', 'trust', '-U', 'n8n', '-E', 'UTF8'],
		{
			stdio: ['ignore', 'pipe', 'pipe'],
			...user,
		},
	);
	const init = track(initdb, port);
	const code = await new Promise<number>((resolve) => initdb.once('exit', (c) => resolve(c ?? 1)));
	if (code !== 0) throw new Error(`initdb failed:\n${init.output()}`);
	const server = spawn(
		postgresBin('postgres'),
		// a throwaway test database: durability is not needed, speed is
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dataDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
		],
		{ stdio: ['ignore', 'pipe', 'pipe'], ...user },
	);
	server.stdout?.resume();
	const service = track(server, port);
	const psql = async (sql: string) =>
		await mustRun(postgresBin('psql'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'n8n',
			'-d',
			'postgres',
			'-c',
			sql,
		]);
	await waitFor(
		'PostgreSQL',
		async () =>
			await psql('select 1').then(
				() => true,
				() => false,
			),
		service,
	);
	await psql('create database n8n');
	return {
		...service,
		dataDir,
		async stop() {
			await service.stop();
			rmSync(dataDir, { recursive: true, force: true });
		},
	};
}

/** Redis without persistence (Bull's queue only lives as long as the test). */
export async function startRedis(): Promise<Service> {
	const port = await freePort();
	const server = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const service = track(server, port);
	await waitFor(
		'Redis',
		async () => service.output().includes('Ready to accept connections'),
		service,
	);
	return service;
}

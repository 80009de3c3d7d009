/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev-only tooling, never shipped in dist/ */
// n8n 2.41.1 in queue mode, the way teams scale it: one `n8n start` main (webhooks, editor, signed binary URLs),
// two `n8n worker` processes that run the executions, Redis for the Bull queue, PostgreSQL for everything else.
// Each process has its own user folder (own disk, as on separate machines); they share only the database, Redis
// and the encryption key. Binary data uses n8n's queue-mode default: the database.
import { mustRun } from '../e2e/proc';
import { N8nUserFolder, type CredentialImport, type WorkflowJson } from '../e2e/n8n';
import { spawnN8n, startN8nServer, type N8nProcess, type N8nServer } from '../e2e/server';
import { startPostgres, startRedis, type Service } from './services';

export const WORKER_READY = 'n8n worker is now ready';

export interface QueueCluster {
	main: N8nServer;
	workers: N8nProcess[];
	/** The main's user folder: CLI commands (import, publish, export) against the shared database. */
	cli: N8nUserFolder;
	/** One SQL statement against n8n's PostgreSQL database; rows as JSON objects. */
	sql<Row>(query: string): Promise<Row[]>;
	/** Execution ids each worker started, from its log (`Worker started execution <id>`). */
	executionsByWorker(): string[][];
	stop(): Promise<void>;
}

export interface ClusterSetup {
	credentials: CredentialImport[];
	workflows: WorkflowJson[];
	/** Production webhook paths to wait for before the cluster counts as ready. */
	webhookPaths: string[];
	workerConcurrency?: number;
}

export async function startQueueCluster(setup: ClusterSetup): Promise<QueueCluster> {
	const services: Service[] = [];
	const folders: N8nUserFolder[] = [];
	const processes: N8nProcess[] = [];
	const stop = async () => {
		for (const p of processes.reverse()) await p.stop();
		for (const s of services.reverse()) await s.stop();
		for (const f of folders) f.dispose();
	};
	try {
		const postgres = await startPostgres();
		services.push(postgres);
		const redis = await startRedis();
		services.push(redis);
		const env: NodeJS.ProcessEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		};
		const cli = await N8nUserFolder.create(env);
		folders.push(cli);
		// The first command migrates the empty database; imports go straight into it.
		await cli.importCredentials(setup.credentials);
		for (const workflow of setup.workflows) {
			await cli.importWorkflow(workflow);
			await cli.publishWorkflow(workflow.id);
		}
		const main = await startN8nServer(cli);
		processes.push(main);
		for (const path of setup.webhookPaths) await main.waitForWebhook(path);
		const workers: N8nProcess[] = [];
		for (let i = 0; i < 2; i++) {
			// Workers create the signed URLs for binary media: they must know the main's public address too.
			const folder = await N8nUserFolder.create({ ...env, N8N_WEBHOOK_URL: `${main.url}/` });
			folders.push(folder);
			const args = ['worker', `--concurrency=${setup.workerConcurrency ?? 10}`];
			const worker = await spawnN8n(folder, args, {}, WORKER_READY);
			processes.push(worker);
			workers.push(worker);
		}
		return {
			main,
			workers,
			cli,
			async sql<Row>(query: string) {
				const res = await mustRun('psql', [
					`postgresql://n8n@127.0.0.1:${postgres.port}/n8n`,
					'-At',
					'-c',
					`select coalesce(json_agg(t), '[]') from (${query}) t`,
				]);
				return JSON.parse(res.stdout) as Row[];
			},
			executionsByWorker: () =>
				workers.map((w) =>
					[...w.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]),
				),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

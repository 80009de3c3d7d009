// Parses `n8n execute --rawOutput` under N8N_LOG_FORMAT=json: every stdout line is a log record
// `{ level, message, metadata }`; the IRun is the record whose message parses to an object with data.resultData.
import type { IDataObject, IRun, IRunData } from 'n8n-workflow';

import type { ProcessResult } from './proc';

export interface ExecutionError {
	name?: string;
	message: string;
	description?: string;
	node?: string;
}

export interface ExecutionResult {
	/** IRun status (`success`, `error`, …) or `crashed` when n8n printed no IRun (e.g. "Unrecognized node type"). */
	status: string;
	error?: ExecutionError;
	runData: IRunData;
	lastNodeExecuted?: string;
	exitCode: number;
	ms: number;
	/** Log records below the IRun (`level: message`), for failure messages. */
	logs: string[];
	/** Everything the process printed (stdout, then stderr). */
	printed: string;
}

interface LogRecord {
	level?: string;
	message?: unknown;
}

function asRun(message: unknown): IRun | undefined {
	if (typeof message !== 'string' || !message.trimStart().startsWith('{')) return undefined;
	try {
		const parsed = JSON.parse(message) as Partial<IRun>;
		return parsed.data?.resultData ? (parsed as IRun) : undefined;
	} catch {
		return undefined;
	}
}

function errorOf(raw: unknown): ExecutionError | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const e = raw as IDataObject;
	const node = e.node as IDataObject | undefined;
	return {
		name: typeof e.name === 'string' ? e.name : undefined,
		message: String(e.message ?? ''),
		description: typeof e.description === 'string' ? e.description : undefined,
		node: typeof node?.name === 'string' ? node.name : undefined,
	};
}

export function parseExecution(res: ProcessResult): ExecutionResult {
	let run: IRun | undefined;
	const logs: string[] = [];
	for (const line of res.stdout.split('\n')) {
		if (!line.startsWith('{')) continue;
		let rec: LogRecord;
		try {
			rec = JSON.parse(line) as LogRecord;
		} catch {
			continue;
		}
		const candidate = asRun(rec.message);
		if (candidate) run = candidate;
		else logs.push(`${rec.level ?? '?'}: ${String(rec.message)}`);
	}
	const ended = res.signal ? `\n[ended by ${res.signal}]` : '';
	const base = { exitCode: res.code, ms: res.ms, logs, printed: res.stdout + res.stderr + ended };
	if (!run) {
		const errors = logs.filter((l) => l.startsWith('error: ') && !l.startsWith('error: Error: '));
		const message = errors.length
			? errors[errors.length - 1].slice('error: '.length)
			: res.stderr.trim();
		return {
			...base,
			status: 'crashed',
			runData: {},
			error: { message: message || `exit code ${res.code}` },
		};
	}
	return {
		...base,
		status: run.status,
		error: errorOf(run.data.resultData.error),
		runData: run.data.resultData.runData,
		lastNodeExecuted: run.data.resultData.lastNodeExecuted,
	};
}

/** JSON of the items a node emitted (`runData[node][run].data.main[output][*].json`). */
export function nodeOutput(
	result: ExecutionResult,
	nodeName: string,
	runIndex = 0,
	output = 0,
): IDataObject[] {
	const task = result.runData[nodeName]?.[runIndex];
	if (!task)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(result.runData).join(', ')})`,
		);
	return (task.data?.main?.[output] ?? []).map((item) => item.json);
}

/** One readable line for assertion messages. */
export function describeResult(result: ExecutionResult): string {
	const err = result.error ? ` ${result.error.name ?? 'Error'}: ${result.error.message}` : '';
	return `status=${result.status} exit=${result.exitCode}${err} (in ${result.error?.node ?? result.lastNodeExecuted ?? '-'})`;
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports -- dev-only tooling, never shipped in dist/ */
import { AsyncLocalStorage } from 'async_hooks';
import { dirname } from 'path';

export type ProgressListener = (event: { node: string; message: string }) => void;

type LogMethod = (message: string, metadata?: object) => void;
type LoggerLike = Record<'error' | 'warn' | 'info' | 'debug', LogMethod>;

/** Per run: the node executing now (from the nodeExecuteBefore/After hooks) and where its messages go. */
export class ProgressScope {
	current?: string;
	private lastLogged?: string;

	constructor(
		private readonly listener: ProgressListener | undefined,
		/** Node name → the prefix nodes commonly put on their messages (`<type displayName>: `). */
		private readonly prefixOf: (node: string) => string,
	) {}

	/** A line from `this.logger` (info/warn/error) while a node runs. */
	logged(message: string): void {
		if (!this.current) return;
		this.lastLogged = message;
		this.emit(this.current, message);
	}

	/** `this.sendMessageToUI(...)` (manual mode only); skipped when it echoes the line just logged. */
	sentToUi(node: string, message: string): void {
		if (message === this.lastLogged) {
			this.lastLogged = undefined;
			return;
		}
		this.emit(node, message);
	}

	private emit(node: string, message: string): void {
		const prefix = this.prefixOf(node);
		this.listener?.({
			node,
			message: prefix && message.startsWith(prefix) ? message.slice(prefix.length) : message,
		});
	}
}

const scopes = new AsyncLocalStorage<ProgressScope>();
const BRIDGED = Symbol.for('n8n-nodes-harness.loggerBridge');

/** n8n-core's own copy of a package (it ships nested @n8n/di and @n8n/backend-common). */
export function fromCore<T>(id: string): T {
	return require(require.resolve(id, { paths: [dirname(require.resolve('n8n-core'))] })) as T;
}

/**
 * Nodes' `this.logger` is n8n-core's Container Logger. Replace it once with an object inheriting
 * from it whose info/warn/error also report to the scope of the run they happen in
 * (AsyncLocalStorage, so concurrent runs don't mix). Level methods set to no-ops by the logger
 * are non-writable, hence the derived object rather than patching the instance.
 */
export function installLoggerBridge(): void {
	const { Container } = fromCore<{
		Container: { get(token: unknown): unknown; set(token: unknown, value: unknown): void };
	}>('@n8n/di');
	const { Logger } = fromCore<{ Logger: unknown }>('@n8n/backend-common');
	const original = Container.get(Logger) as LoggerLike & { [BRIDGED]?: true };
	if (original[BRIDGED]) return;
	const bridge = Object.create(original) as LoggerLike & { [BRIDGED]?: true };
	for (const level of ['error', 'warn', 'info'] as const) {
		const method: LogMethod = (message, metadata) => {
			scopes.getStore()?.logged(String(message));
			original[level](message, metadata);
		};
		Object.defineProperty(bridge, level, { value: method });
	}
	Object.defineProperty(bridge, BRIDGED, { value: true });
	Container.set(Logger, bridge);
}

export function runInScope<T>(scope: ProgressScope, start: () => T): T {
	return scopes.run(scope, start);
}

/** `additionalData.sendDataToUI`: console messages of the nodes (`sendConsoleMessage`, source `[Node: "name"]`). */
export function uiSink(scope: ProgressScope): (type: string, data: unknown) => void {
	return (type, data) => {
		if (type !== 'sendConsoleMessage' || typeof data !== 'object' || data === null) return;
		const { source, messages } = data as { source?: string; messages?: unknown[] };
		const node = /^\[Node: "(.*)"\]$/.exec(source ?? '')?.[1] ?? scope.current ?? '';
		const text = (messages ?? [])
			.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
			.join(' ');
		scope.sentToUi(node, text);
	};
}

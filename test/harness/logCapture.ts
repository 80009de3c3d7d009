import { fromCore } from './progress';

type LogMethod = (message: string, metadata?: object) => void;
type LoggerLike = Record<'error' | 'warn' | 'info' | 'debug', LogMethod>;

export interface CapturedLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: object;
}

const CAPTURING = Symbol.for('n8n-nodes-harness.logCapture');
const lines: CapturedLine[] = [];

/**
 * Captures every line logged through n8n-core's Container Logger at every level, debug included,
 * whatever N8N_LOG_LEVEL says (nodes' `this.logger`, and n8n-core's own lines via n8n-workflow's
 * LoggerProxy). Install before the
 * first run; the progress bridge then wraps this logger.
 */
export function captureLogs(): CapturedLine[] {
	const { Container } = fromCore<{
		Container: { get(token: unknown): unknown; set(token: unknown, value: unknown): void };
	}>('@n8n/di');
	const { Logger } = fromCore<{ Logger: unknown }>('@n8n/backend-common');
	const original = Container.get(Logger) as LoggerLike & { [CAPTURING]?: true };
	if (original[CAPTURING]) return lines;
	const capture = Object.create(original) as LoggerLike & { [CAPTURING]?: true };
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		const method: LogMethod = (message, metadata) => {
			lines.push({ level, message: String(message), metadata });
			original[level](message, metadata);
		};
		Object.defineProperty(capture, level, { value: method });
	}
	Object.defineProperty(capture, CAPTURING, { value: true });
	Container.set(Logger, capture);
	// n8n-core's engine logs through n8n-workflow's LoggerProxy, which the Logger above initialised.
	fromCore<{ LoggerProxy: { init(logger: unknown): void } }>('n8n-workflow').LoggerProxy.init(
		capture,
	);
	return lines;
}

import type { IDataObject } from 'n8n-workflow';

import type { RunContext } from '../helpers/runContext';
import * as post from './post.operation';

export type Operation = 'post';

/** Typed dispatch table: one module per operation, each with `description` and `execute`. */
export const operations: Record<Operation, { execute: (run: RunContext, itemIndex: number) => Promise<IDataObject> }> = {
	post,
};

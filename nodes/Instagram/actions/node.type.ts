import type { ItemOutput } from '../publish/output';
import type { RunContext } from '../publish/runContext';
import * as carousel from './carousel.operation';
import * as post from './post.operation';
import * as reel from './reel.operation';
import * as status from './status.operation';
import * as story from './story.operation';

export type Operation = 'post' | 'carousel' | 'reel' | 'story' | 'status';

export interface OperationModule {
	execute: (run: RunContext, itemIndex: number) => Promise<ItemOutput>;
}

/** Typed dispatch table: one module per operation, each with `description` and `execute`. */
export const operations: Record<Operation, OperationModule> = {
	post,
	carousel,
	reel,
	story,
	status,
};

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	createContainer,
	mapWithLimit,
	MAX_PARALLEL_CHILD_REQUESTS,
	requireId,
	UnexpectedReplyError,
} from '../../nodes/Instagram/publish/containers';
import { ACCOUNT, CONTAINER, graphFailure, rejection } from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';

const IMAGE_URL = 'https://cdn.example.com/a.jpg';

describe('createContainer', () => {
	it('POSTs the params to the account media edge, as a create request, and returns the id', async () => {
		const fake = fakeRun();
		fake.graph.reply('create', { id: CONTAINER });
		const params = { image_url: IMAGE_URL, caption: 'hello' };
		await expect(
			createContainer(fake.run, ACCOUNT, { params, label: 'Image', url: IMAGE_URL }, 4),
		).resolves.toBe(CONTAINER);
		expect(fake.graph.calls('create')).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: [ACCOUNT, 'media'],
				body: params,
				requestClass: 'create',
				itemIndex: 4,
			}),
		]);
	});

	it('a failing carousel child is named in the error', async () => {
		const fake = fakeRun();
		fake.graph.fail('create', failures.invalidMedia());
		const error = await rejection(
			createContainer(
				fake.run,
				ACCOUNT,
				{ params: {}, label: 'Carousel item 3', childIndex: 2, url: IMAGE_URL },
				1,
			),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const details = (error as NodeApiError).context.instagram;
		expect(details).toMatchObject({ kind: 'invalidMedia', childIndex: 2, childUrl: IMAGE_URL });
		expect((error as NodeApiError).description).toContain(`Carousel item 3 (${IMAGE_URL}).`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
	});

	it('a single container failure keeps its kind and names no child', async () => {
		const fake = fakeRun();
		fake.graph.fail('create', failures.invalidRequest());
		const details = await graphFailure(
			createContainer(fake.run, ACCOUNT, { params: {}, label: 'Image' }, 0),
		);
		expect(details.kind).toBe('invalidRequest');
		expect(details.childIndex).toBeUndefined();
		expect(details.childUrl).toBeUndefined();
	});

	it('a 2xx reply without a valid id is a node error, not an undefined container id', async () => {
		const fake = fakeRun();
		fake.graph.reply('create', { id: 'abc' });
		const error = await rejection(
			createContainer(fake.run, ACCOUNT, { params: {}, label: 'Image' }, 2),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe(
			"Instagram's reply to creating the container had no valid ID",
		);
	});
});

describe('requireId', () => {
	it.each(['1', '17890000000000001'])('accepts the numeric id %s', (id) => {
		expect(requireId({ id }, 'post')).toBe(id);
	});

	it.each([
		['no reply', undefined],
		['no id', {}],
		['an empty id', { id: '' }],
		['letters', { id: 'abc' }],
		['a trailing letter', { id: '123a' }],
		['a leading letter', { id: 'a123' }],
		['a number instead of a string', { id: 123 as unknown as string }],
	])('rejects %s', (_, response) => {
		expect(() => requireId(response, 'post')).toThrow(
			new UnexpectedReplyError("Instagram's reply to creating the post had no valid ID"),
		);
	});

	it('raises an UnexpectedReplyError', () => {
		let thrown: unknown;
		try {
			requireId({}, 'container');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(UnexpectedReplyError);
		expect((thrown as Error).name).toBe('UnexpectedReplyError');
		expect((thrown as Error).message).toBe(
			"Instagram's reply to creating the container had no valid ID",
		);
	});
});

describe('mapWithLimit', () => {
	/** A task whose calls finish only when the test says so. */
	function controlledTask() {
		const started: number[] = [];
		const finish = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
		let inFlight = 0;
		let maxInFlight = 0;
		const task = async (input: number, index: number): Promise<string> => {
			started.push(index);
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			try {
				return await new Promise<string>((resolve, reject) => {
					finish.set(input, { resolve, reject });
				});
			} finally {
				inFlight--;
			}
		};
		return { task, started, finish, maxInFlight: () => maxInFlight };
	}

	const flush = async () => {
		for (let i = 0; i < 10; i++) await Promise.resolve();
	};

	it('children are created in parallel, at most 10 at a time', () => {
		expect(MAX_PARALLEL_CHILD_REQUESTS).toBe(10);
	});

	it('runs at most `limit` tasks at once and keeps input order, whatever order they finish in', async () => {
		const control = controlledTask();
		const result = mapWithLimit([0, 1, 2, 3, 4], 2, control.task);
		await flush();
		expect(control.started).toEqual([0, 1]);
		control.finish.get(1)?.resolve('b');
		await flush();
		expect(control.started).toEqual([0, 1, 2]);
		control.finish.get(2)?.resolve('c');
		control.finish.get(0)?.resolve('a');
		await flush();
		expect(control.started).toEqual([0, 1, 2, 3, 4]);
		control.finish.get(4)?.resolve('e');
		control.finish.get(3)?.resolve('d');
		await expect(result).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(control.maxInFlight()).toBe(2);
	});

	it('starts every input at once when the limit allows it', async () => {
		const control = controlledTask();
		const result = mapWithLimit([0, 1, 2], 10, control.task);
		await flush();
		expect(control.started).toEqual([0, 1, 2]);
		for (const [input, { resolve }] of control.finish) resolve(String(input));
		await expect(result).resolves.toEqual(['0', '1', '2']);
	});

	it('no inputs → no task, empty result', async () => {
		const task = jest.fn(async () => await Promise.resolve('x'));
		await expect(mapWithLimit([], 3, task)).resolves.toEqual([]);
		expect(task).not.toHaveBeenCalled();
	});

	it('once one input fails, no new input is started and the failure is raised', async () => {
		const control = controlledTask();
		const result = mapWithLimit([0, 1, 2, 3], 2, control.task);
		// Settled here, so a broken limiter fails the expectations below, not the process.
		const outcome = result.then(
			() => 'resolved',
			(error: unknown) => error,
		);
		await flush();
		control.finish.get(0)?.reject(new Error('child 1 failed'));
		await flush();
		control.finish.get(1)?.resolve('b');
		await flush();
		expect(control.started).toEqual([0, 1]);
		// (Let a broken limiter finish instead of hanging.)
		for (const { resolve } of control.finish.values()) resolve('late');
		await expect(outcome).resolves.toEqual(new Error('child 1 failed'));
	});

	it('a failure with limit 1 stops the remaining inputs', async () => {
		const calls: number[] = [];
		const boom = new Error('boom');
		const result = mapWithLimit([0, 1, 2], 1, async (input) => {
			calls.push(input);
			if (input === 0) throw boom;
			return await Promise.resolve(input);
		});
		await expect(result).rejects.toBe(boom);
		expect(calls).toEqual([0]);
	});

	it('passes each input with its own index', async () => {
		const seen: Array<[string, number]> = [];
		await mapWithLimit(['a', 'b', 'c'], 2, async (input, index) => {
			seen.push([input, index]);
			return await Promise.resolve(index);
		});
		expect(seen.sort()).toEqual([
			['a', 0],
			['b', 1],
			['c', 2],
		]);
	});
});

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { postFirstComment, readPermalink } from '../../nodes/Instagram/publish/afterPublish';
import type { RunContext } from '../../nodes/Instagram/publish/runContext';
import type { GraphClient } from '../../nodes/Instagram/transport/graphClient';
import { MEDIA, rejection } from './publishFixtures';
import { failures, fakeRun } from './scriptedGraph';
import type { FakeRun } from './scriptedGraph';

const PERMALINK = 'https://www.instagram.com/p/AbC123/';
const COMMENT = '17950000000000001';

/** The run with a client whose every request throws `thrown` (not a Graph error). */
function throwingRun(fake: FakeRun, thrown: unknown): RunContext {
	const client: GraphClient = {
		request: async () => {
			await Promise.resolve();
			throw thrown;
		},
		connection: async () => await fake.graph.connection(),
	};
	return { ...fake.run, client };
}

describe('readPermalink: best effort', () => {
	it('reads the permalink field of the published media', async () => {
		const fake = fakeRun();
		fake.graph.reply('permalink', { permalink: PERMALINK });
		await expect(readPermalink(fake.run, MEDIA, 3)).resolves.toBe(PERMALINK);
		expect(fake.graph.calls('permalink')).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: [MEDIA],
				qs: { fields: 'permalink' },
				itemIndex: 3,
			}),
		]);
	});

	it('no media id (reply lost) → no request, no permalink', async () => {
		const fake = fakeRun();
		await expect(readPermalink(fake.run, undefined, 0)).resolves.toBeUndefined();
		expect(fake.graph.requests).toEqual([]);
	});

	it.each([
		['no permalink field', {}],
		['a permalink that is not text', { permalink: 42 }],
	])('a reply with %s → undefined', async (_, reply) => {
		const fake = fakeRun();
		fake.graph.reply('permalink', reply);
		await expect(readPermalink(fake.run, MEDIA, 0)).resolves.toBeUndefined();
	});

	it('a failed read does not fail the item: undefined, and a progress note that the post is live', async () => {
		const fake = fakeRun();
		fake.graph.fail('permalink', failures.serverError());
		await expect(readPermalink(fake.run, MEDIA, 0)).resolves.toBeUndefined();
		expect(fake.progress).toEqual([
			`the permalink of ${MEDIA} could not be read; the post is published`,
		]);
	});

	it('is best effort without a cancel signal too', async () => {
		const fake = fakeRun();
		fake.graph.fail('permalink', failures.auth());
		const run: RunContext = { ...fake.run, signal: undefined };
		await expect(readPermalink(run, MEDIA, 0)).resolves.toBeUndefined();
	});

	it("a cancelled execution is not swallowed as 'permalink unavailable'", async () => {
		const fake = fakeRun();
		fake.graph.fail('permalink', failures.serverError());
		fake.clock.abort();
		const error = await rejection(readPermalink(fake.run, MEDIA, 0));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(fake.progress).toEqual([]);
	});

	it('a cancelled execution with a non-Graph failure rejects as a node error of the item', async () => {
		const fake = fakeRun();
		fake.clock.abort();
		const error = await rejection(
			readPermalink(throwingRun(fake, new Error('socket hang up')), MEDIA, 2),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('socket hang up');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
	});
});

describe('postFirstComment: its failure never hides or undoes the post', () => {
	it('posts the message under the media, as a never-repeated (publish-class) request', async () => {
		const fake = fakeRun();
		fake.graph.reply('comment', { id: COMMENT });
		await expect(postFirstComment(fake.run, MEDIA, '#first', 2)).resolves.toEqual({
			posted: true,
			id: COMMENT,
		});
		expect(fake.graph.calls('comment')).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: [MEDIA, 'comments'],
				body: { message: '#first' },
				requestClass: 'publish',
				itemIndex: 2,
			}),
		]);
	});

	it('no media id → reported, no request', async () => {
		const fake = fakeRun();
		await expect(postFirstComment(fake.run, undefined, 'hi', 0)).resolves.toEqual({
			posted: false,
			error: 'The media ID is unknown, so the comment could not be posted.',
		});
		expect(fake.graph.requests).toEqual([]);
	});

	it('a Graph failure is reported with its kind and codes, not thrown', async () => {
		const fake = fakeRun();
		fake.graph.fail('comment', failures.invalidMedia());
		await expect(postFirstComment(fake.run, MEDIA, 'hi', 0)).resolves.toEqual({
			posted: false,
			error: 'Instagram could not use the media',
			kind: 'invalidMedia',
			code: 9004,
			subcode: 2207052,
		});
		expect(fake.graph.calls('comment')).toHaveLength(1);
	});

	it('a lost reply is reported, not thrown', async () => {
		const fake = fakeRun();
		fake.graph.fail('comment', failures.lostReply());
		const outcome = await postFirstComment(fake.run, MEDIA, 'hi', 0);
		expect(outcome).toMatchObject({ posted: false, kind: 'transient' });
		expect(fake.graph.calls('comment')).toHaveLength(1);
	});

	it('any other failure is reported by its message', async () => {
		const fake = fakeRun();
		await expect(
			postFirstComment(throwingRun(fake, new Error('socket hang up')), MEDIA, 'hi', 0),
		).resolves.toStrictEqual({ posted: false, error: 'socket hang up' });
		await expect(
			postFirstComment(throwingRun(fake, 'plain text'), MEDIA, 'hi', 0),
		).resolves.toStrictEqual({ posted: false, error: 'plain text' });
	});

	it('is reported without a cancel signal too', async () => {
		const fake = fakeRun();
		fake.graph.fail('comment', failures.auth());
		const run: RunContext = { ...fake.run, signal: undefined };
		await expect(postFirstComment(run, MEDIA, 'hi', 0)).resolves.toMatchObject({
			posted: false,
			kind: 'auth',
		});
	});

	it("a cancelled execution is not swallowed as 'comment not posted'", async () => {
		const fake = fakeRun();
		fake.graph.fail('comment', failures.serverError());
		fake.clock.abort();
		const error = await rejection(postFirstComment(fake.run, MEDIA, 'hi', 0));
		expect(error).toBeInstanceOf(NodeApiError);
	});

	it('a cancelled execution with a non-Graph failure rejects as a node error of the item', async () => {
		const fake = fakeRun();
		fake.clock.abort();
		const error = await rejection(
			postFirstComment(throwingRun(fake, new Error('socket hang up')), MEDIA, 'hi', 4),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).context.itemIndex).toBe(4);
	});
});

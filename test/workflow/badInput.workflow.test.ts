import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { inMemoryBinary, runWorkflow } from '../harness';
import type { RunOptions } from '../harness';
import { startSandbox } from '../sandbox';
import type { Sandbox } from '../sandbox';
import { instagramWorkflow, publicGraphCredentials, sandboxCredentials } from './fixtures';

const JPG = 'https://cdn.example.com/a.jpg';
const JPG2 = 'https://cdn.example.com/b.jpg';
const MP4 = 'https://cdn.example.com/a.mp4';
const POST = { operation: 'post', imageUrl: JPG };
const CAROUSEL = {
	operation: 'carousel',
	inputMode: 'json',
	itemsJson: JSON.stringify([JPG, JPG2]),
};
const REEL = { operation: 'reel', videoUrl: MP4 };
const STORY = { operation: 'story', mediaType: 'image', imageUrl: JPG };
const STATUS = { operation: 'status', containerId: '17890000000000001' };
const tags = (tag: IDataObject[]) => ({ additionalFields: { userTags: { tag } } });
const many = (prefix: string, n: number) =>
	Array.from({ length: n }, (_, i) => `${prefix}t${i}`).join(' ');
const png = () => ({
	data: inMemoryBinary(Buffer.from('\x89PNG\r\n'), { fileName: 'a.png', mimeType: 'image/png' }),
});
const jpeg = () => ({
	data: inMemoryBinary(Buffer.from('\xff\xd8\xff'), { fileName: 'a.jpg', mimeType: 'image/jpeg' }),
});

interface BadInput {
	name: string;
	parameters: IDataObject;
	/** The parameter (as stored in workflows) the error must name. */
	names: string;
	binary?: () => INodeExecutionData['binary'];
	/** `public`: a public Graph Base URL, so loopback/private media are refused (nothing listens there). */
	graph?: 'public' | { baseUrl?: string; apiVersion?: string };
}

// prettier-ignore
const CASES: BadInput[] = [
	{ name: 'post: empty image URL', parameters: { ...POST, imageUrl: '' }, names: 'imageUrl' },
	{ name: 'post: relative image URL', parameters: { ...POST, imageUrl: '/photos/a.jpg' }, names: 'imageUrl' },
	{ name: 'post: ftp image URL', parameters: { ...POST, imageUrl: 'ftp://cdn.example.com/a.jpg' }, names: 'imageUrl' },
	{ name: 'post: data: image URL', parameters: { ...POST, imageUrl: 'data:image/jpeg;base64,AAAA' }, names: 'imageUrl' },
	{ name: 'post: non-ASCII host', parameters: { ...POST, imageUrl: 'https://cdn.exаmple.com/a.jpg' }, names: 'imageUrl' },
	{ name: 'post: localhost image URL', parameters: { ...POST, imageUrl: 'http://localhost:8080/a.jpg' }, names: 'imageUrl', graph: 'public' },
	{ name: 'post: private-network image URL', parameters: { ...POST, imageUrl: 'http://192.168.1.20/a.jpg' }, names: 'imageUrl', graph: 'public' },
	{ name: 'post: URL with a password', parameters: { ...POST, imageUrl: 'https://u:p@cdn.example.com/a.jpg' }, names: 'imageUrl' },
	{ name: 'post: caption of 2,201 characters', parameters: { ...POST, caption: 'a'.repeat(2201) }, names: 'caption' },
	{ name: 'post: 31 hashtags', parameters: { ...POST, caption: many('#', 31) }, names: 'caption' },
	{ name: 'post: 21 mentions', parameters: { ...POST, caption: many('@', 21) }, names: 'caption' },
	{ name: 'post: alt text of 1,001 characters', parameters: { ...POST, additionalFields: { altText: 'a'.repeat(1001) } }, names: 'additionalFields.altText' },
	{ name: 'post: user tag x above 1', parameters: { ...POST, ...tags([{ username: 'jdoe', x: 1.5, y: 0.5 }]) }, names: 'additionalFields.userTags' },
	{ name: 'post: user tag y below 0', parameters: { ...POST, ...tags([{ username: 'jdoe', x: 0.5, y: -0.1 }]) }, names: 'additionalFields.userTags' },
	{ name: 'post: user tag x not a number', parameters: { ...POST, ...tags([{ username: 'jdoe', x: 'left', y: 0.5 }]) }, names: 'additionalFields.userTags' },
	{ name: 'post: user tag with a space', parameters: { ...POST, ...tags([{ username: 'j doe', x: 0.5, y: 0.5 }]) }, names: 'additionalFields.userTags' },
	{ name: 'post: collaborator "@ana @bob" style', parameters: { ...POST, additionalFields: { collaborators: 'ana, @@bob' } }, names: 'additionalFields.collaborators' },
	{ name: 'post: collaborator with a bad character', parameters: { ...POST, additionalFields: { collaborators: 'ana!' } }, names: 'additionalFields.collaborators' },
	{ name: 'post: 6 collaborators', parameters: { ...POST, additionalFields: { collaborators: 'a,b,c,d,e,f' } }, names: 'additionalFields.collaborators' },
	{ name: 'post: location id not numeric', parameters: { ...POST, additionalFields: { locationId: 'Paris' } }, names: 'additionalFields.locationId' },
	{ name: 'post: missing binary property', parameters: { operation: 'post', imageSource: 'binary', binaryPropertyName: 'photo' }, names: 'binaryPropertyName', binary: jpeg },
	{ name: 'post: PNG binary', parameters: { operation: 'post', imageSource: 'binary' }, names: 'binaryPropertyName', binary: png },
	{ name: 'post: empty binary property name', parameters: { operation: 'post', imageSource: 'binary', binaryPropertyName: ' ' }, names: 'binaryPropertyName', binary: jpeg },
	{ name: 'post: non-Latin alt text of 1,001 characters', parameters: { ...POST, additionalFields: { altText: 'é'.repeat(1001) } }, names: 'additionalFields.altText' },
	{ name: 'post: max wait 0', parameters: { ...POST, options: { maxWaitSeconds: 0 } }, names: 'options.maxWaitSeconds' },
	{ name: 'post: poll interval 0.5 s', parameters: { ...POST, options: { pollIntervalSeconds: 0.5 } }, names: 'options.pollIntervalSeconds' },
	{ name: 'post: idempotency key of 201 characters', parameters: { ...POST, options: { idempotencyKey: 'k'.repeat(201) } }, names: 'options.idempotencyKey' },
	{ name: 'post: first comment of 2,201 characters', parameters: { ...POST, options: { firstComment: 'c'.repeat(2201) } }, names: 'options.firstComment' },
	{ name: 'carousel: 1 item', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG]) }, names: 'itemsJson' },
	{ name: 'carousel: 11 items', parameters: { ...CAROUSEL, itemsJson: JSON.stringify(Array(11).fill(JPG)) }, names: 'itemsJson' },
	{ name: 'carousel: empty JSON', parameters: { ...CAROUSEL, itemsJson: '' }, names: 'itemsJson' },
	{ name: 'carousel: JSON that is not an array', parameters: { ...CAROUSEL, itemsJson: '{"url":"https://cdn.example.com/a.jpg"}' }, names: 'itemsJson' },
	{ name: 'carousel: invalid JSON', parameters: { ...CAROUSEL, itemsJson: '[https://cdn.example.com/a.jpg]' }, names: 'itemsJson' },
	{ name: 'carousel: entry of the wrong shape (number)', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, 42]) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: entry with an unknown type', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, { type: 'gif', url: JPG2 }]) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: entry without a type or known extension', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, 'https://cdn.example.com/x']) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: entry with url and binary', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, { url: JPG2, binaryPropertyName: 'data' }]) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: alt text on a video', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, { type: 'video', url: MP4, altText: 'x' }]) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: relative child URL', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, 'b.jpg']) }, names: 'itemsJson\\[1\\]' },
	{ name: 'carousel: private child URL', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, 'http://10.0.0.5/b.jpg']) }, names: 'itemsJson\\[1\\]', graph: 'public' },
	{ name: 'carousel: missing binary child', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, { binaryPropertyName: 'nope' }]) }, names: 'itemsJson\\[1\\]', binary: jpeg },
	{ name: 'carousel: PNG binary child', parameters: { ...CAROUSEL, itemsJson: JSON.stringify([JPG, { binaryPropertyName: 'data' }]) }, names: 'itemsJson\\[1\\]', binary: png },
	{ name: 'carousel: caption with 31 hashtags', parameters: { ...CAROUSEL, caption: many('#', 31) }, names: 'caption' },
	{ name: 'reel: empty video URL', parameters: { ...REEL, videoUrl: '' }, names: 'videoUrl' },
	{ name: 'reel: non-http video URL', parameters: { ...REEL, videoUrl: 'rtmp://cdn.example.com/a.mp4' }, names: 'videoUrl' },
	{ name: 'reel: loopback video URL', parameters: { ...REEL, videoUrl: 'http://127.0.0.1/a.mp4' }, names: 'videoUrl', graph: 'public' },
	{ name: 'reel: negative thumb offset', parameters: { ...REEL, additionalFields: { thumbOffset: -1 } }, names: 'additionalFields.thumbOffset' },
	{ name: 'reel: relative cover URL', parameters: { ...REEL, additionalFields: { coverUrl: 'cover.jpg' } }, names: 'additionalFields.coverUrl' },
	{ name: 'reel: caption of 2,201 characters', parameters: { ...REEL, caption: 'a'.repeat(2201) }, names: 'caption' },
	{ name: 'reel: 21 mentions', parameters: { ...REEL, caption: many('@', 21) }, names: 'caption' },
	{ name: 'reel: JPEG binary as the video', parameters: { operation: 'reel', videoSource: 'binary' }, names: 'binaryPropertyName', binary: jpeg },
	{ name: 'reel: collaborator with a space', parameters: { ...REEL, additionalFields: { collaborators: ['ana maria'] } }, names: 'additionalFields.collaborators' },
	{ name: 'story: empty image URL', parameters: { ...STORY, imageUrl: '' }, names: 'imageUrl' },
	{ name: 'story: private image URL', parameters: { ...STORY, imageUrl: 'http://172.20.1.1/a.jpg' }, names: 'imageUrl', graph: 'public' },
	{ name: 'story: relative video URL', parameters: { ...STORY, mediaType: 'video', videoUrl: 'clips/a.mp4' }, names: 'videoUrl' },
	{ name: 'story: user tag outside 0..1', parameters: { ...STORY, ...tags([{ username: 'jdoe', x: 2, y: 0.5 }]) }, names: 'additionalFields.userTags' },
	{ name: 'story: PNG binary', parameters: { operation: 'story', mediaType: 'image', imageSource: 'binary' }, names: 'binaryPropertyName', binary: png },
	{ name: 'story: wrong binary property', parameters: { operation: 'story', mediaType: 'video', videoSource: 'binary', binaryPropertyName: 'clip' }, names: 'binaryPropertyName', binary: jpeg },
	{ name: 'status: container id with letters', parameters: { ...STATUS, containerId: 'abc123' }, names: 'containerId' },
	{ name: 'status: container id with a path', parameters: { ...STATUS, containerId: '17890000000000001/comments' }, names: 'containerId' },
	{ name: 'status: container id too short', parameters: { ...STATUS, containerId: '123' }, names: 'containerId' },
	{ name: 'status: container id with a query', parameters: { ...STATUS, containerId: '17890000000000001?fields=x' }, names: 'containerId' },
	{ name: 'status: negative container id', parameters: { ...STATUS, containerId: '-17890000000000001' }, names: 'containerId' },
	{ name: 'reel: ftp cover URL', parameters: { ...REEL, additionalFields: { coverUrl: 'ftp://cdn.example.com/c.jpg' } }, names: 'additionalFields.coverUrl' },
	{ name: 'credential: Base URL with a query (path injection)', parameters: POST, names: 'Base URL', graph: { baseUrl: 'SANDBOX/v25.0/17841400000000002/media?' } },
	{ name: 'credential: Base URL with dot segments', parameters: STATUS, names: 'Base URL', graph: { baseUrl: 'SANDBOX/a/../..' } },
	{ name: 'credential: Base URL with a fragment', parameters: REEL, names: 'Base URL', graph: { baseUrl: 'SANDBOX/#' } },
	{ name: 'credential: non-loopback http Base URL', parameters: STORY, names: 'Base URL', graph: { baseUrl: 'http://graph.example.com' } },
	{ name: 'credential: API version v25', parameters: POST, names: 'API Version', graph: { apiVersion: 'v25' } },
	{ name: 'credential: API version latest', parameters: CAROUSEL, names: 'API Version', graph: { apiVersion: 'latest' } },
];

const STRUCTURAL = new Set(['operation', 'mediaType', 'imageSource', 'videoSource', 'inputMode']);

/**
 * Bad values arrive as data from earlier nodes: every leaf goes through an expression on the
 * item's JSON (n8n's own required-parameter check never sees them, as in real workflows).
 */
function viaExpressions(parameters: IDataObject): { parameters: IDataObject; json: IDataObject } {
	const values: IDataObject = {};
	let n = 0;
	const walk = (value: unknown, key: string): unknown => {
		if (STRUCTURAL.has(key) || (typeof value === 'object' && value && '__rl' in value))
			return value;
		if (Array.isArray(value)) return value.map((entry) => walk(entry, ''));
		if (typeof value === 'object' && value)
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
		const slot = `v${n++}`;
		values[slot] = value as IDataObject[string];
		return `={{ $json.${slot} }}`;
	};
	return { parameters: walk(parameters, '') as IDataObject, json: values };
}

describe('Bad input: refused before any request, naming the parameter and the item', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it(`has at least 60 cases over every operation`, () => {
		expect(CASES.length).toBeGreaterThanOrEqual(60);
		const operations = new Set(CASES.map((c) => c.parameters.operation));
		expect([...operations].sort()).toEqual(['carousel', 'post', 'reel', 'status', 'story']);
	});

	function credentialsFor(
		c: BadInput,
		authentication: 'accessToken' | 'oAuth2',
	): RunOptions['credentials'] {
		if (c.graph === 'public') return publicGraphCredentials(sandbox, authentication);
		const credentials = sandboxCredentials(sandbox, authentication) ?? {};
		if (!c.graph) return credentials;
		const { baseUrl, apiVersion } = c.graph;
		const data = {
			...credentials.igCred.data,
			...(baseUrl ? { baseUrl: baseUrl.replace('SANDBOX', sandbox.url) } : {}),
			...(apiVersion ? { apiVersion } : {}),
		};
		return { igCred: { ...credentials.igCred, data } };
	}

	describe.each(['accessToken', 'oAuth2'] as const)('with the %s credential', (authentication) => {
		it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
			const binary = c.binary?.();
			const { parameters, json } = viaExpressions(c.parameters);
			const result = await runWorkflow({
				workflow: instagramWorkflow({ parameters, authentication }),
				credentials: credentialsFor(c, authentication),
				inputItems: [{ json, ...(binary ? { binary } : {}) }],
			});
			expect(result.status).toBe('error');
			const error = result.error as Error & { context?: IDataObject; description?: string };
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(new RegExp(`\\(${c.names}\\)|${c.names} `));
			expect(error.message).toMatch(/\[item 0\]$/);
			expect(error.context?.itemIndex).toBe(0);
			expect(sandbox.requests).toEqual([]);
			expect(result.binaryRequests).toEqual([]);
		});
	});

	it('a cover URL left on a story in the workflow JSON is dropped by n8n (not a story field) and never sent', async () => {
		const parameters = {
			...STORY,
			mediaType: 'video',
			videoUrl: MP4,
			additionalFields: { coverUrl: JPG },
		};
		const result = await runWorkflow({
			workflow: instagramWorkflow({
				parameters: { ...parameters, options: { maxWaitSeconds: 30 } },
			}),
			credentials: sandboxCredentials(sandbox),
		});
		expect(result.status).toBe('success');
		const [create] = sandbox.calls('createContainer');
		expect(create.body).not.toHaveProperty('cover_url');
		expect(create.body.media_type).toBe('STORIES');
	});
});

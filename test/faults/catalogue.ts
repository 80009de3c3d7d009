// What the soak runs: operations and faults, one line (entry) each. Add a kind or an operation here.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Endpoint, FaultSpec, Sandbox } from '../sandbox';
import { RATE_LIMIT_CODES } from '../sandbox/fault-kinds';
import { ACCOUNT } from '../workflow/fixtures';
import { markedBinary, mediaUrl } from './media';
import type { Prng } from './prng';

/** Real time a slow answer is held back; the soak's Graph client timeout is shorter (setup.ts). */
export const SLOW_ANSWER_MS = 900;

export interface OperationEntry {
	name: string;
	weight: number;
	/** Node parameters (without `options`); items carry their media in `$json` / binary. */
	parameters: IDataObject;
	/** Whether a video goes by resumable upload with the access-token credential. */
	uploads: boolean;
	/** One input item for a marker. */
	item(marker: string, rng: Prng): Promise<INodeExecutionData>;
	/** Container Only first, then Status with Publish If Ready (the resume pattern). */
	viaStatus?: true;
}

const json = (marker: string, extra: IDataObject = {}): IDataObject => ({
	marker,
	key: `guid-${marker}`,
	caption: `Soak post [${marker}] #n8n`,
	...extra,
});
const url = { imageUrl: '={{ $json.url }}' };
const caption = { caption: '={{ $json.caption }}' };
const children = { inputMode: 'json', itemsJson: '={{ JSON.stringify($json.children) }}' };

export const OPERATIONS: OperationEntry[] = [
	{
		name: 'post (URL)',
		weight: 3,
		uploads: false,
		parameters: { operation: 'post', imageSource: 'url', ...url, ...caption },
		item: async (m) => ({ json: json(m, { url: mediaUrl(m, 'jpg') }) }),
	},
	{
		name: 'post (binary)',
		weight: 2,
		uploads: false,
		parameters: { operation: 'post', imageSource: 'binary', ...caption },
		item: async (m) => ({ json: json(m), binary: { data: await markedBinary(m, 'image') } }),
	},
	{
		name: 'carousel (URL children)',
		weight: 2,
		uploads: false,
		parameters: { operation: 'carousel', ...children, ...caption },
		item: async (m, rng) => ({
			json: json(m, {
				children: Array.from({ length: rng.int(2, 4) }, (_, c) =>
					mediaUrl(m, c === 1 ? 'mp4' : 'jpg', c),
				),
			}),
		}),
	},
	{
		name: 'carousel (URL + binary children)',
		weight: 2,
		uploads: true,
		parameters: { operation: 'carousel', ...children, ...caption },
		item: async (m) => ({
			json: json(m, {
				children: [
					mediaUrl(m, 'jpg', 0),
					{ binaryPropertyName: 'photo' },
					{ type: 'video', binaryPropertyName: 'clip' },
				],
			}),
			binary: { photo: await markedBinary(m, 'image'), clip: await markedBinary(m, 'video') },
		}),
	},
	{
		name: 'reel (URL)',
		weight: 2,
		uploads: false,
		parameters: { operation: 'reel', videoSource: 'url', videoUrl: '={{ $json.url }}', ...caption },
		item: async (m) => ({ json: json(m, { url: mediaUrl(m, 'mp4') }) }),
	},
	{
		name: 'reel (binary)',
		weight: 2,
		uploads: true,
		parameters: { operation: 'reel', videoSource: 'binary', ...caption },
		item: async (m) => ({ json: json(m), binary: { data: await markedBinary(m, 'video') } }),
	},
	{
		name: 'story (image URL)',
		weight: 1,
		uploads: false,
		parameters: { operation: 'story', mediaType: 'image', imageSource: 'url', ...url },
		item: async (m) => ({ json: json(m, { url: mediaUrl(m, 'jpg') }) }),
	},
	{
		name: 'story (video binary)',
		weight: 1,
		uploads: true,
		parameters: { operation: 'story', mediaType: 'video', videoSource: 'binary' },
		item: async (m) => ({ json: json(m), binary: { data: await markedBinary(m, 'video') } }),
	},
	{
		name: 'reel → Status (Publish If Ready)',
		weight: 1,
		uploads: false,
		viaStatus: true,
		parameters: { operation: 'reel', videoSource: 'url', videoUrl: '={{ $json.url }}', ...caption },
		item: async (m) => ({ json: json(m, { url: mediaUrl(m, 'mp4') }) }),
	},
];

export interface FaultContext {
	operation: OperationEntry;
	/** Resumable upload in play (access-token credential with Facebook Login and a binary video). */
	uploads: boolean;
	items: number;
	quotaTotal: number;
}

export interface FaultEntry {
	name: string;
	weight: number;
	applies?(ctx: FaultContext): boolean;
	inject(sandbox: Sandbox, rng: Prng, ctx: FaultContext): void;
}

/** A sandbox fault on one of these endpoints, 1–2 times. */
const on =
	(
		endpoints: Endpoint[],
		spec: Omit<FaultSpec, 'endpoint'> | ((rng: Prng) => Omit<FaultSpec, 'endpoint'>),
	) =>
	(sandbox: Sandbox, rng: Prng) =>
		sandbox.fault({
			endpoint: rng.pick(endpoints),
			times: rng.int(1, 2),
			...(typeof spec === 'function' ? spec(rng) : spec),
		});
const uploading = (ctx: FaultContext) => ctx.uploads;

export const FAULTS: FaultEntry[] = [
	{
		name: '5xx',
		weight: 3,
		inject: on(['createContainer', 'publish', 'containerStatus', 'quota'], { kind: 'http500' }),
	},
	{
		name: 'connection reset',
		weight: 2,
		inject: on(['createContainer', 'publish', 'containerStatus', 'quota'], {
			kind: 'dropBeforeCommit',
		}),
	},
	{
		name: 'response lost after commit',
		weight: 3,
		inject: on(['publish', 'publish', 'createContainer'], { kind: 'dropAfterCommit' }),
	},
	{
		name: 'slow past client timeout',
		weight: 2,
		inject: on(['publish', 'createContainer', 'containerStatus'], {
			kind: 'slowResponse',
			delayMs: SLOW_ANSWER_MS,
			times: 1,
		}),
	},
	{ name: '9007 not ready', weight: 2, inject: on(['publish'], { kind: 'notReady' }) },
	{
		name: 'rate limit',
		weight: 3,
		inject: on(['quota', 'containerStatus', 'publish', 'createContainer'], (rng) => ({
			kind: 'rateLimit',
			code: rng.pick(RATE_LIMIT_CODES),
			regainMinutes: rng.pick([0, 0, 1]),
		})),
	},
	{
		name: 'container ERROR',
		weight: 2,
		inject: on(['createContainer'], { kind: 'processingError', subcode: 2207026, times: 1 }),
	},
	{
		name: 'container EXPIRED',
		weight: 1,
		inject: on(['createContainer'], { kind: 'containerExpired', times: 1 }),
	},
	{
		name: 'media fetch failure',
		weight: 2,
		inject: on(['createContainer'], { kind: 'mediaFetchFailure', times: 1 }),
	},
	{
		name: 'upload host failure',
		weight: 8,
		applies: uploading,
		inject: on(['upload'], (rng) => ({
			kind: rng.pick(['http500', 'uploadInterrupted', 'dropBeforeCommit'] as const),
			times: 1,
		})),
	},
	{
		name: 'token expired mid-flow',
		weight: 2,
		inject: on(['createContainer', 'containerStatus', 'publish', 'quota'], {
			kind: 'tokenExpired',
			times: 1,
		}),
	},
	{
		name: 'quota used up by another tool',
		weight: 1,
		inject: on(['publish'], { kind: 'quotaUsedElsewhere', times: 1 }),
	},
	{
		name: 'quota runs out mid-batch',
		weight: 1,
		applies: (ctx) => ctx.items > 1,
		inject: (sandbox, rng, ctx) =>
			sandbox.seedPublishes(ACCOUNT, ctx.quotaTotal - rng.int(0, ctx.items - 1)),
	},
];

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { formatBytes, MEDIA_LIMITS } from '../../nodes/Instagram/parameters/mediaLimits';
import type { MediaTarget } from '../../nodes/Instagram/parameters/mediaLimits';
import {
	base64Bytes,
	checkBinaryMedia,
	mediaKindOf,
	readMedia,
} from '../../nodes/Instagram/parameters/mediaSource';
import type { MediaInput } from '../../nodes/Instagram/parameters/mediaSource';

const MB = 1000 * 1000;
const MIB = 1024 * 1024;
const propertyRef = { name: 'binaryPropertyName', displayName: 'Input Binary Field' };

describe('Meta media limits (one table)', () => {
	it.each([
		['feedImage', 'image', ['image/jpeg'], 8 * MIB, undefined],
		['carouselImage', 'image', ['image/jpeg'], 8 * MIB, undefined],
		['storyImage', 'image', ['image/jpeg'], 8 * MIB, undefined],
		['reelVideo', 'video', ['video/mp4', 'video/quicktime'], 1000 * MB, 300 * MB],
		['carouselVideo', 'video', ['video/mp4', 'video/quicktime'], 1000 * MB, 100 * MB],
		['storyVideo', 'video', ['video/mp4', 'video/quicktime'], 100 * MB, undefined],
	])('%s: %s, %j, ≤ %d bytes, warns above %s', (target, kind, mimeTypes, maxBytes, warnAbove) => {
		expect(MEDIA_LIMITS[target as MediaTarget]).toMatchObject({ kind, mimeTypes, maxBytes });
		expect(MEDIA_LIMITS[target as MediaTarget].warnAboveBytes).toBe(warnAbove);
	});
	it.each([
		[8 * MIB, '8 MiB'],
		[300 * MB, '300 MB'],
		[1000 * MB, '1000 MB'],
		[8 * MIB + 1, '8 MB'],
	])('formats %d as %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('binary media checks', () => {
	const check = (mimeType: string | undefined, bytes: number, target: MediaTarget) =>
		checkBinaryMedia({ mimeType: mimeType as string, fileName: 'f.bin' }, bytes, {
			target,
			propertyRef,
		});
	it.each([
		['image/jpeg', 8 * MIB, 'feedImage'],
		['IMAGE/JPEG; charset=binary', 1, 'storyImage'],
		['video/quicktime', 100 * MB, 'storyVideo'],
		['video/mp4', 300 * MB, 'reelVideo'],
	])('accepts %s of %d bytes for %s without a warning', (mimeType, bytes, target) => {
		expect(check(mimeType, bytes, target as MediaTarget)).toEqual({
			mimeType: mimeType.split(';')[0].toLowerCase(),
		});
	});
	it.each([
		[
			'image/png',
			10,
			'feedImage',
			/holds "f.bin" of type image\/png; Instagram takes image\/jpeg for a feed image/,
		],
		[undefined, 10, 'carouselImage', /of type unknown; Instagram takes image\/jpeg/],
		['image/jpeg', 10, 'reelVideo', /takes video\/mp4 or video\/quicktime for a reel/],
		[
			'image/jpeg',
			8 * MIB + 1,
			'feedImage',
			/of 8 MB; Instagram takes up to 8 MiB for a feed image/,
		],
		['video/mp4', 100 * MB + 1, 'storyVideo', /up to 100 MB for a story video/],
		['video/mp4', 1000 * MB + 1, 'reelVideo', /up to 1000 MB for a reel/],
	])('refuses %s of %d bytes for %s', (mimeType, bytes, target, message) => {
		expect(() => check(mimeType, bytes, target as MediaTarget)).toThrow(message);
		expect(() => check(mimeType, bytes, target as MediaTarget)).toThrow(
			/'Input Binary Field' \(binaryPropertyName\)/,
		);
	});
	it('warns (and goes ahead) above the limit Meta’s sources disagree on', () => {
		expect(check('video/mp4', 300 * MB + 1, 'reelVideo').warning).toMatch(
			/is 300 MB: Meta's current docs allow 300 MB for a reel \(older docs 1000 MB\)/,
		);
		expect(check('video/mp4', 100 * MB + 1, 'carouselVideo').warning).toMatch(
			/100 MB for a carousel video/,
		);
	});
	it.each([
		['image/jpeg', 'image'],
		['Video/MP4', 'video'],
		['application/pdf', undefined],
		[undefined, undefined],
	])('kind of %s is %s', (mimeType, kind) => expect(mediaKindOf(mimeType)).toBe(kind));
	it.each([
		['', 0],
		['QQ==', 1],
		['QUI=', 2],
		['QUJD', 3],
		['QUJD\nREVG', 6],
	])('base64 %j decodes to %d bytes', (text, bytes) => expect(base64Bytes(text)).toBe(bytes));
});

describe('readMedia', () => {
	const ctxWith = (binary: Record<string, IBinaryData>, fileSize = 4242) => {
		const metadataReads: string[] = [];
		const ctx = {
			getInputData: () => [{ json: {}, binary }],
			helpers: {
				getBinaryMetadata: async (id: string) => {
					metadataReads.push(id);
					return await Promise.resolve({ fileSize });
				},
			},
		} as unknown as IExecuteFunctions;
		return { ctx, metadataReads };
	};
	const input = (overrides: Partial<MediaInput>): MediaInput => ({
		source: 'binary',
		url: '',
		propertyName: 'data',
		target: 'feedImage',
		urlRef: { name: 'imageUrl', displayName: 'Image URL' },
		propertyRef,
		allowPrivateHosts: false,
		...overrides,
	});
	const stored = {
		id: 'filesystem-v2:x',
		data: 'filesystem-v2',
		mimeType: 'image/jpeg',
		fileName: 'a.jpg',
	};

	it('a URL source is checked as a URL, with the private-host rule', async () => {
		const { ctx } = ctxWith({});
		const local = input({ source: 'url', url: 'http://127.0.0.1:9/a.jpg' });
		await expect(readMedia(ctx, 0, local)).rejects.toThrow(
			/'Image URL' \(imageUrl\) must be a public URL/,
		);
		expect(await readMedia(ctx, 0, { ...local, allowPrivateHosts: true })).toEqual({
			from: 'url',
			url: 'http://127.0.0.1:9/a.jpg',
		});
	});
	it('a stored binary is sized from n8n’s metadata, whatever the item says', async () => {
		const { ctx, metadataReads } = ctxWith({ data: stored as IBinaryData });
		expect(await readMedia(ctx, 0, input({}))).toMatchObject({
			from: 'binary',
			propertyName: 'data',
			bytes: 4242,
			mimeType: 'image/jpeg',
		});
		expect(metadataReads).toEqual(['filesystem-v2:x']);
		const claimed = ctxWith({ data: { ...stored, bytes: 10 } as IBinaryData });
		expect(await readMedia(claimed.ctx, 0, input({}))).toMatchObject({ bytes: 4242 });
		expect(claimed.metadataReads).toEqual(['filesystem-v2:x']);
	});
	it('an in-memory binary is sized from its base64', async () => {
		const { ctx } = ctxWith({
			photo: { data: Buffer.alloc(1234).toString('base64'), mimeType: 'image/jpeg' },
		});
		expect(await readMedia(ctx, 0, input({ propertyName: ' photo ' }))).toMatchObject({
			bytes: 1234,
		});
	});
	it.each([
		['', /'Input Binary Field' \(binaryPropertyName\) is required/],
		['other', /names "other", but the item has no binary data of that name/],
	])('refuses property %j', async (propertyName, message) => {
		const { ctx } = ctxWith({ data: stored as IBinaryData });
		await expect(readMedia(ctx, 0, input({ propertyName }))).rejects.toThrow(message);
	});
});

import type { MediaTarget } from '../../nodes/Instagram/parameters/mediaLimits';
import { judge } from '../../nodes/Instagram/preflight/policy';
import { megabytes, ratioFits, ratioText } from '../../nodes/Instagram/preflight/ratio';
import { carouselRatioHint, describeChecked } from '../../nodes/Instagram/preflight/report';
import { httpProblem } from '../../nodes/Instagram/preflight/status';
import type { CheckedMedia, Observation } from '../../nodes/Instagram/preflight/types';
import { jpegSample, LOGIN_PAGE, mp4Sample, pngSample } from '../sandbox/samples';

const MIB = 1024 * 1024;
const ok = (head: Uint8Array | undefined, contentType: string, size?: number): Observation => ({
	status: 206,
	contentType,
	size: size ?? head?.length,
	head,
});
const jpeg = (width: number, height: number, orientation?: number) =>
	ok(jpegSample(width, height, { orientation }), 'image/jpeg');

describe('judge: definitive problems', () => {
	it.each<[string, Observation, MediaTarget, string, RegExp, RegExp]>([
		[
			'PNG as feed image',
			ok(pngSample(10, 10), 'image/png'),
			'feedImage',
			'format',
			/^is a PNG image; Instagram takes only JPEG for a feed image$/,
			/Convert it to JPEG, e\.g\. with an Edit Image node/,
		],
		[
			'PNG bytes sent as image/jpeg',
			ok(pngSample(10, 10), 'image/jpeg'),
			'storyImage',
			'format',
			/^is a PNG image \(the host calls it image\/jpeg\); Instagram takes only JPEG for a story image$/,
			/Convert it to JPEG/,
		],
		[
			'PNG bytes with a generic type: no "the host calls it"',
			ok(pngSample(10, 10), 'application/octet-stream'),
			'feedImage',
			'format',
			/^is a PNG image; Instagram takes only JPEG for a feed image$/,
			/Convert it to JPEG/,
		],
		[
			'WebP by type only (HEAD)',
			{ status: 200, contentType: 'image/webp' },
			'carouselImage',
			'format',
			/is a WebP image; Instagram takes only JPEG for a carousel image/,
			/Convert it to JPEG/,
		],
		[
			'video given as image',
			ok(mp4Sample(100), 'video/mp4'),
			'feedImage',
			'format',
			/is an MP4 video; Instagram takes only JPEG/,
			/publish videos as a reel/,
		],
		[
			'JPEG given as reel',
			{ status: 200, contentType: 'image/jpeg' },
			'reelVideo',
			'format',
			/is a JPEG image; Instagram takes only MP4 or MOV \(QuickTime\) for a reel/,
			/publish images as a post/,
		],
		[
			'WebM reel',
			{ status: 200, contentType: 'video/webm' },
			'reelVideo',
			'format',
			/is a WebM\/Matroska video/,
			/Convert it to MP4 \(H\.264 video, AAC audio\)/,
		],
		[
			'AVI story video',
			{ status: 200, contentType: 'video/x-msvideo' },
			'storyVideo',
			'format',
			/a video in a format Instagram does not take/,
			/Convert it to MP4/,
		],
		[
			'PDF as image',
			{ status: 200, contentType: 'application/pdf' },
			'feedImage',
			'format',
			/is a PDF document/,
			/Give the URL of a JPEG image/,
		],
		[
			'SVG as image',
			{ status: 200, contentType: 'image/svg+xml' },
			'feedImage',
			'format',
			/an image in a format Instagram does not take/,
			/Convert it to JPEG/,
		],
		[
			'HTML page',
			ok(Buffer.from(LOGIN_PAGE), 'text/html; charset=utf-8'),
			'feedImage',
			'html',
			/^is an HTML page, not an image \(a login or share page\?\)$/,
			/direct link to the file itself/,
		],
		[
			'HTML sent as image/jpeg',
			ok(Buffer.from(LOGIN_PAGE), 'image/jpeg'),
			'feedImage',
			'html',
			/is an HTML page/,
			/direct-download link/,
		],
		[
			'HTML after a redirect',
			{
				...ok(Buffer.from(LOGIN_PAGE), 'text/html'),
				redirectedTo: 'https://login.example.com/sso?next=x',
			},
			'reelVideo',
			'html',
			/^redirects to https:\/\/login\.example\.com\/sso, an HTML page, not a video/,
			/make it public/,
		],
		[
			'JSON answer',
			ok(Buffer.from('{"error":"nope"}'), 'application/json'),
			'feedImage',
			'text',
			/^answered with text \(application\/json\), not an image$/,
			/direct link/,
		],
		[
			'text for a video (HEAD)',
			{ status: 200, contentType: 'text/plain' },
			'storyVideo',
			'text',
			/answered with text \(text\/plain\), not a video/,
			/direct link/,
		],
		[
			'text after a redirect',
			{ status: 200, contentType: 'text/plain', redirectedTo: 'https://x.example.com/y?z' },
			'feedImage',
			'text',
			/answered with text \(text\/plain\) \(after a redirect to https:\/\/x\.example\.com\/y\)/,
			/direct link/,
		],
		[
			'9 MiB image',
			ok(jpegSample(1080, 1080), 'image/jpeg', 9 * MIB),
			'feedImage',
			'size',
			/^is 9\.4 MB; Instagram takes up to 8 MiB for a feed image$/,
			/at most 1440 px wide/,
		],
		[
			'one byte over 8 MiB',
			ok(jpegSample(1080, 1080), 'image/jpeg', 8 * MIB + 1),
			'carouselImage',
			'size',
			/up to 8 MiB for a carousel image/,
			/Edit Image/,
		],
		[
			'story video over 100 MB',
			{ status: 200, contentType: 'video/mp4', size: 100_000_001 },
			'storyVideo',
			'size',
			/is 100\.0 MB; Instagram takes up to 100 MB for a story video/,
			/Compress or shorten the video/,
		],
		[
			'reel over 1 GB',
			{ status: 200, contentType: 'video/quicktime', size: 1_000_000_001 },
			'reelVideo',
			'size',
			/up to 1000 MB for a reel/,
			/Compress/,
		],
		[
			'empty file',
			ok(new Uint8Array(0), 'image/jpeg', 0),
			'feedImage',
			'empty',
			/^is empty \(0 bytes\)$/,
			/no content/,
		],
		[
			'3:1 JPEG',
			jpeg(3000, 1000),
			'feedImage',
			'aspectRatio',
			/^is 3000×1000 px \(3:1\); Instagram takes 4:5 … 1\.91:1 for a feed image$/,
			/^Crop it to 4:5 … 1\.91:1 \(e\.g\. 1080×1350, 1080×1080 or 1080×566\), e\.g\. with an Edit Image node before this one; this image is 3:1\.$/,
		],
		[
			'9:16 JPEG in a carousel',
			jpeg(1080, 1920),
			'carouselImage',
			'aspectRatio',
			/1080×1920 px \(9:16\); Instagram takes 4:5 … 1\.91:1 for a carousel image/,
			/this image is 9:16/,
		],
		['2:3 portrait', jpeg(1000, 1500), 'feedImage', 'aspectRatio', /\(2:3\)/, /this image is 2:3/],
		[
			'3:1 turned by EXIF is 1:3',
			jpeg(3000, 1000, 6),
			'feedImage',
			'aspectRatio',
			/is 1000×3000 px \(1:3\)/,
			/this image is 1:3/,
		],
		[
			'403',
			{ status: 403, contentType: 'text/plain' },
			'feedImage',
			'httpStatus',
			/^answered HTTP 403 Forbidden$/,
			/Make the file public/,
		],
		[
			'401',
			{ status: 401 },
			'reelVideo',
			'httpStatus',
			/^answered HTTP 401 Unauthorized$/,
			/without logging in/,
		],
		[
			'404 after redirect',
			{ status: 404, redirectedTo: 'https://cdn.example.com/b.jpg?sig=1' },
			'feedImage',
			'httpStatus',
			/^answered HTTP 404 Not Found \(after a redirect to https:\/\/cdn\.example\.com\/b\.jpg\)$/,
			/no file at this address/,
		],
		['410', { status: 410 }, 'feedImage', 'httpStatus', /HTTP 410 Gone/, /no file at this address/],
		[
			'500',
			{ status: 500 },
			'feedImage',
			'httpStatus',
			/HTTP 500 Internal Server Error/,
			/media host failed/,
		],
		[
			'503',
			{ status: 503 },
			'storyVideo',
			'httpStatus',
			/HTTP 503 Service Unavailable/,
			/try again later/,
		],
		[
			'418 (no name)',
			{ status: 418 },
			'feedImage',
			'httpStatus',
			/^answered HTTP 418$/,
			/^Use a direct, public link to the file\.$/,
		],
		[
			'400',
			{ status: 400 },
			'feedImage',
			'httpStatus',
			/HTTP 400 Bad Request/,
			/direct, public link/,
		],
		[
			'302 without Location',
			{ status: 302 },
			'feedImage',
			'httpStatus',
			/HTTP 302$/,
			/direct, public link/,
		],
		[
			'416 (empty file)',
			{ status: 416, size: 0 },
			'feedImage',
			'empty',
			/^is empty \(the host answered HTTP 416 to a request for its first bytes\)$/,
			/no content/,
		],
	])('%s', (_, observation, target, code, says, fix) => {
		const verdict = judge(observation, target);
		expect(verdict.problem).toEqual({
			code,
			says: expect.stringMatching(says),
			fix: expect.stringMatching(fix),
		});
		expect(verdict.hints).toEqual([]);
	});
});

describe('judge: what passes', () => {
	it.each<[string, Observation, MediaTarget, Record<string, unknown>]>([
		['4:5 JPEG', jpeg(1080, 1350), 'feedImage', { format: 'jpeg', width: 1080, height: 1350 }],
		['1.91:1 JPEG (1080×566)', jpeg(1080, 566), 'feedImage', { width: 1080, height: 566 }],
		[
			'1080×565 (1.9115 → 1.91 at two decimals)',
			jpeg(1080, 565),
			'carouselImage',
			{ width: 1080, height: 565 },
		],
		['1080×1351 (0.7994 → 0.80)', jpeg(1080, 1351), 'feedImage', { width: 1080, height: 1351 }],
		[
			'9:16 story image (no ratio rule)',
			jpeg(1080, 1920),
			'storyImage',
			{ width: 1080, height: 1920 },
		],
		['3:1 story image', jpeg(3000, 1000), 'storyImage', { width: 3000, height: 1000 }],
		[
			'exactly 8 MiB',
			ok(jpegSample(1080, 1080), 'image/jpeg', 8 * MIB),
			'feedImage',
			{ size: 8 * MIB },
		],
		[
			'JPEG with the header beyond 64 KB',
			ok(jpegSample(3000, 1000, { commentBytes: 70_000 }).subarray(0, 65536), 'image/jpeg', 81_000),
			'feedImage',
			{ format: 'jpeg', size: 81_000 },
		],
		[
			'octet-stream JPEG (bytes decide)',
			ok(jpegSample(1080, 1080), 'application/octet-stream'),
			'feedImage',
			{ format: 'jpeg', width: 1080 },
		],
		['no type, no bytes (HEAD)', { status: 200 }, 'reelVideo', { format: undefined }],
		[
			'download type',
			{ status: 200, contentType: 'application/force-download' },
			'reelVideo',
			{ format: undefined },
		],
		[
			'MP4 by HEAD',
			{ status: 200, contentType: 'video/mp4', size: 2 * MIB },
			'reelVideo',
			{ format: 'mp4', size: 2 * MIB },
		],
		[
			'MOV by bytes',
			ok(mp4Sample(200, 'qt  '), 'application/octet-stream'),
			'storyVideo',
			{ format: 'quicktime' },
		],
		[
			'MP4 by bytes although called text/plain',
			ok(mp4Sample(200), 'text/plain'),
			'carouselVideo',
			{ format: 'mp4' },
		],
		['M4V type', { status: 200, contentType: 'video/x-m4v' }, 'reelVideo', { format: 'mp4' }],
		[
			'exactly 100 MB story video',
			{ status: 200, contentType: 'video/mp4', size: 100_000_000 },
			'storyVideo',
			{ size: 100_000_000 },
		],
		['200 instead of 206', { ...jpeg(1080, 1080), status: 200 }, 'feedImage', { width: 1080 }],
		['299', { ...jpeg(1080, 1080), status: 299 }, 'feedImage', { width: 1080 }],
	])('%s', (_, observation, target, expected) => {
		const verdict = judge(observation, target);
		expect(verdict.problem).toBeUndefined();
		expect(verdict.hints).toEqual([]);
		expect(verdict).toMatchObject(expected);
	});
	it.each([199, 300, 304])('status %d is not a success', (status) => {
		expect(judge({ ...jpeg(1080, 1080), status }, 'feedImage').problem?.code).toBe('httpStatus');
	});
});

describe('judge: hints, not errors', () => {
	it.each<[string, Observation, MediaTarget, RegExp]>([
		[
			'reel above 300 MB',
			{ status: 200, contentType: 'video/mp4', size: 400_000_000 },
			'reelVideo',
			/^is 400\.0 MB: Meta's current docs allow 300 MB for a reel \(older docs 1000 MB\), so Meta may reject it\.$/,
		],
		[
			'carousel video above 100 MB',
			{ status: 200, contentType: 'video/mp4', size: 100_000_001 },
			'carouselVideo',
			/allow 100 MB for a carousel video/,
		],
		[
			'landscape stored, portrait shown (EXIF 6)',
			jpeg(1920, 1080, 6),
			'feedImage',
			/^is stored as 1920×1080 px but shown turned \(EXIF orientation 6\) as 9:16; one of the two is outside 4:5 … 1\.91:1/,
		],
		[
			'portrait 9:16 stored, shown 16:9 (EXIF 8)',
			jpeg(1080, 1920, 8),
			'feedImage',
			/shown turned \(EXIF orientation 8\) as 16:9/,
		],
		[
			'429 to n8n',
			{ status: 429 },
			'feedImage',
			/^answered HTTP 429 to n8n's check, so it could not be checked; Meta may still get it\.$/,
		],
		[
			'408 after redirect',
			{ status: 408, redirectedTo: 'https://a.example.com/b' },
			'reelVideo',
			/^answered HTTP 408 to n8n's check \(after a redirect to https:\/\/a\.example\.com\/b\)/,
		],
	])('%s', (_, observation, target, hint) => {
		const verdict = judge(observation, target);
		expect(verdict.problem).toBeUndefined();
		expect(verdict.hints).toEqual([expect.stringMatching(hint)]);
	});
	it('a binary reel above 300 MB: no second hint (prepareMedia gave it)', () => {
		const observation = {
			status: 200,
			contentType: 'video/mp4',
			size: 400_000_000,
			sizeHintGiven: true,
		};
		expect(judge(observation, 'reelVideo')).toEqual({
			hints: [],
			format: 'mp4',
			size: 400_000_000,
		});
	});
	it('exactly 300 MB reel: no hint', () => {
		expect(
			judge({ status: 200, contentType: 'video/mp4', size: 300_000_000 }, 'reelVideo').hints,
		).toEqual([]);
	});
	it('EXIF orientation 3 (upside down) keeps width and height', () => {
		expect(judge(jpeg(3000, 1000, 3), 'feedImage').problem?.code).toBe('aspectRatio');
		expect(judge(jpeg(1080, 1350, 3), 'feedImage')).toMatchObject({
			width: 1080,
			height: 1350,
			hints: [],
		});
	});
	it('EXIF 5 turns like 6', () => {
		expect(judge(jpeg(1350, 1080, 5), 'feedImage')).toMatchObject({ width: 1080, height: 1350 });
	});
});

describe('httpProblem', () => {
	it.each([200, 206, 204, 299])('%d: nothing', (status) => {
		expect(httpProblem(status, '')).toBeUndefined();
	});
});

describe('ratios and sizes', () => {
	const feed = { min: 0.8, max: 1.91 };
	it.each([
		[1080, 1350, true],
		[1080, 1351, true],
		[1080, 1360, false],
		[1080, 566, true],
		[1080, 565, true],
		[1080, 563, false],
		[1000, 1000, true],
		[3000, 1000, false],
	])('ratioFits(%d, %d) = %s', (width, height, expected) => {
		expect(ratioFits(width, height, feed)).toBe(expected);
	});
	it.each([
		[3000, 1000, '3:1'],
		[1080, 1350, '4:5'],
		[1920, 1080, '16:9'],
		[1080, 1920, '9:16'],
		[2100, 900, '7:3'],
		[2520, 1080, '7:3'],
		[2200, 1000, '11:5'],
		[2100, 100, '21:1'],
		[100, 2100, '1:21'],
		[2200, 100, '22.00:1'],
		[1234, 567, '2.18:1'],
		[1080, 566, '1.91:1'],
		[1000, 2200, '5:11'],
		[1000, 2300, '0.43:1'],
	])('ratioText(%d, %d) = %s', (width, height, expected) => {
		expect(ratioText(width, height)).toBe(expected);
	});
	it.each([
		[0, '1 KB'],
		[400, '1 KB'],
		[1500, '2 KB'],
		[999_499, '999 KB'],
		[999_999, '1000 KB'],
		[1_000_000, '1.0 MB'],
		[9_437_184, '9.4 MB'],
	])('megabytes(%d) = %s', (bytes, expected) => {
		expect(megabytes(bytes)).toBe(expected);
	});
});

const checked = (
	childNumber: number | undefined,
	width?: number,
	height?: number,
	hints: string[] = [],
): CheckedMedia => ({
	media: { from: 'url', url: `https://cdn.example.com/${childNumber}.jpg` },
	target: 'carouselImage',
	subject: `Carousel item ${childNumber}`,
	childNumber,
	where: `https://cdn.example.com/${childNumber}.jpg`,
	verdict: {
		hints,
		format: width ? 'jpeg' : undefined,
		size: width ? 5840 : undefined,
		width,
		height,
	},
});

describe('report', () => {
	it('carousel images with different ratios: a hint naming each and the first', () => {
		expect(
			carouselRatioHint([
				checked(1, 1080, 1350),
				checked(2),
				checked(3, 1080, 1080),
				checked(4, 1080, 1350),
			]),
		).toBe(
			"the carousel's images have different aspect ratios (1: 4:5, 3: 1:1, 4: 4:5); Instagram crops them all to the first one's (4:5). Crop them to one ratio if that matters.",
		);
	});
	it.each([
		['same ratio', [checked(1, 1080, 1350), checked(2, 2160, 2700)]],
		['equal at two decimals', [checked(1, 1080, 1350), checked(2, 1080, 1351)]],
		['one image only', [checked(1, 1080, 1350), checked(2)]],
		['not a carousel', [checked(undefined, 1080, 1350), checked(undefined, 1080, 1080)]],
	])('no ratio hint: %s', (_, entries) => {
		expect(carouselRatioHint(entries)).toBeUndefined();
	});
	it('describes what was checked', () => {
		expect(describeChecked(checked(1, 1080, 1350))).toBe(
			'Carousel item 1 (https://cdn.example.com/1.jpg): a JPEG image, 6 KB, 1080×1350 px (4:5)',
		);
		expect(describeChecked(checked(2))).toBe(
			'Carousel item 2 (https://cdn.example.com/2.jpg): type not known',
		);
		expect(describeChecked(checked(3, undefined, undefined, ['could not be checked: x']))).toBe(
			'Carousel item 3 (https://cdn.example.com/3.jpg): not checked',
		);
	});
});

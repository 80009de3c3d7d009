import { formatOfType, mimeTypeOf, sniffFormat } from '../../nodes/Instagram/preflight/formats';
import { readExifOrientation, readJpegHeader } from '../../nodes/Instagram/preflight/jpeg';
import {
	fileSizeOf,
	headerOf,
	networkReason,
	nonAsciiCharacters,
	parseContentRange,
	redirectTarget,
	shortUrl,
} from '../../nodes/Instagram/preflight/response';
import { jpegSample, mp4Sample, pngSample } from '../sandbox/samples';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => Uint8Array.from(Buffer.from(value, 'latin1'));
const app = (marker: number, payload: number[]) => [
	0xff,
	marker,
	(payload.length + 2) >> 8,
	(payload.length + 2) & 0xff,
	...payload,
];
/** "Exif\0\0" + big-endian TIFF whose IFD0 holds one orientation entry and nothing after it. */
const tightExif = (orientation: number) => [
	0x45,
	0x78,
	0x69,
	0x66,
	0,
	0,
	0x4d,
	0x4d,
	0,
	42,
	0,
	0,
	0,
	8,
	0,
	1,
	0x01,
	0x12,
	0,
	3,
	0,
	0,
	0,
	1,
	0,
	orientation,
];
const sof = (marker: number, height: number, width: number) => [
	0xff,
	marker,
	0,
	11,
	8,
	height >> 8,
	height & 0xff,
	width >> 8,
	width & 0xff,
	1,
	1,
	0x11,
	0,
];

describe('readJpegHeader', () => {
	it.each([
		['1080×1350 sample', jpegSample(1080, 1350), { width: 1080, height: 1350 }],
		['3000×1000 sample', jpegSample(3000, 1000), { width: 3000, height: 1000 }],
		['1×1 sample', jpegSample(1, 1), { width: 1, height: 1 }],
		['65535×2 sample', jpegSample(65535, 2), { width: 65535, height: 2 }],
		[
			'EXIF orientation 6',
			jpegSample(1350, 1080, { orientation: 6 }),
			{ orientation: 6, width: 1350, height: 1080 },
		],
		[
			'SOF beyond the bytes read',
			jpegSample(3000, 1000, { commentBytes: 70_000 }).subarray(0, 65536),
			{},
		],
		['progressive SOF2', bytes(0xff, 0xd8, ...sof(0xc2, 600, 800)), { width: 800, height: 600 }],
		['SOF1 (extended)', bytes(0xff, 0xd8, ...sof(0xc1, 10, 20)), { width: 20, height: 10 }],
		['SOF15', bytes(0xff, 0xd8, ...sof(0xcf, 10, 20)), { width: 20, height: 10 }],
		[
			'fill bytes before a marker',
			bytes(0xff, 0xd8, 0xff, 0xff, 0xff, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'standalone RST and TEM markers skipped',
			bytes(0xff, 0xd8, 0xff, 0xd0, 0xff, 0x01, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'DHT (C4) is not a frame',
			bytes(0xff, 0xd8, 0xff, 0xc4, 0, 2, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'JPG (C8) is not a frame',
			bytes(0xff, 0xd8, 0xff, 0xc8, 0, 2, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'DAC (CC) is not a frame',
			bytes(0xff, 0xd8, 0xff, 0xcc, 0, 2, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		['height 0 (defined by DNL later)', bytes(0xff, 0xd8, ...sof(0xc0, 0, 5)), {}],
		['width 0', bytes(0xff, 0xd8, ...sof(0xc0, 5, 0)), {}],
		['SOF cut short', bytes(0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 4, 0), {}],
		['scan before any frame', bytes(0xff, 0xd8, 0xff, 0xda, 0, 2, ...sof(0xc0, 4, 5)), {}],
		['EOI before any frame', bytes(0xff, 0xd8, 0xff, 0xd9, ...sof(0xc0, 4, 5)), {}],
		['length field cut off', bytes(0xff, 0xd8, 0xff, 0xe0, 0), {}],
		['only SOI and a marker start', bytes(0xff, 0xd8, 0xff), {}],
		[
			'a reserved marker (BF) is skipped, not read as a frame',
			bytes(0xff, 0xd8, 0xff, 0xbf, 0, 7, 8, 0, 9, 0, 9, ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'EOI ends it even when a length-like field follows',
			bytes(0xff, 0xd8, 0xff, 0xd9, 0, 2, ...sof(0xc0, 4, 5)),
			{},
		],
		[
			'a 5-byte SOF (no component list) is enough',
			bytes(0xff, 0xd8, 0xff, 0xc0, 0, 7, 8, 0, 4, 0, 5),
			{ width: 5, height: 4 },
		],
		['a stray last byte after a segment', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x00), {}],
		[
			'orientation in an APP1 segment that ends right after the tag',
			bytes(0xff, 0xd8, ...app(0xe1, tightExif(6)), ...sof(0xc0, 4, 5)),
			{ orientation: 6, width: 5, height: 4 },
		],
		[
			'Exif data in an APP0 segment is not EXIF',
			bytes(0xff, 0xd8, ...app(0xe0, tightExif(6)), ...sof(0xc0, 4, 5)),
			{ width: 5, height: 4 },
		],
		[
			'the first APP1 orientation counts, not a later one',
			bytes(0xff, 0xd8, ...app(0xe1, tightExif(8)), ...app(0xe1, tightExif(3)), ...sof(0xc0, 4, 5)),
			{ orientation: 8, width: 5, height: 4 },
		],
		[
			'an APP1 without orientation, then one with it',
			bytes(
				0xff,
				0xd8,
				...app(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0]),
				...app(0xe1, tightExif(5)),
				...sof(0xc0, 4, 5),
			),
			{ orientation: 5, width: 5, height: 4 },
		],
	])('%s', (_, input, expected) => {
		expect(readJpegHeader(input)).toEqual(expected);
	});
	it.each([
		['PNG', pngSample(4, 4)],
		['empty', bytes()],
		['two bytes', bytes(0xff, 0xd8)],
		['no third 0xFF', bytes(0xff, 0xd8, 0x00, 0xc0)],
		['three bytes, the third not 0xFF', bytes(0xff, 0xd8, 0x00)],
		['starts FF 00 FF', bytes(0xff, 0x00, 0xff, 0xc0, 0, 2)],
		['starts FF D9', bytes(0xff, 0xd9, 0xff)],
		['starts 00 D8', bytes(0x00, 0xd8, 0xff)],
		['garbage between segments', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x12, 0xc0)],
		['segment length below 2', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0)],
	])('not a JPEG header: %s', (_, input) => {
		expect(readJpegHeader(input)).toBeUndefined();
	});
});

describe('readExifOrientation', () => {
	const exif = (order: 'II' | 'MM', entries: Array<[number, number]>, ifd = 8) => {
		const le = order === 'II';
		const u16 = (v: number) => (le ? [v & 0xff, v >> 8] : [v >> 8, v & 0xff]);
		const u32 = (v: number) =>
			le ? [...u16(v & 0xffff), ...u16(v >>> 16)] : [...u16(v >>> 16), ...u16(v & 0xffff)];
		const tiff = [
			...Buffer.from(order),
			...u16(42),
			...u32(ifd),
			...new Array<number>(ifd - 8).fill(0),
			...u16(entries.length),
		];
		for (const [tag, value] of entries)
			tiff.push(...u16(tag), ...u16(3), ...u32(1), ...u16(value), 0, 0);
		return bytes(0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, 0, 0, 0, 0);
	};
	it.each([
		['big-endian', exif('MM', [[0x0112, 6]]), 6],
		['little-endian', exif('II', [[0x0112, 8]]), 8],
		[
			'after other tags',
			exif('II', [
				[0x010f, 1],
				[0x0110, 2],
				[0x0112, 3],
			]),
			3,
		],
		['IFD0 further on', exif('MM', [[0x0112, 5]], 20), 5],
		['value 1', exif('MM', [[0x0112, 1]]), 1],
		['value 0 is invalid', exif('MM', [[0x0112, 0]]), undefined],
		['value 9 is invalid', exif('MM', [[0x0112, 9]]), undefined],
		['no orientation tag', exif('MM', [[0x010f, 6]]), undefined],
		['not Exif', text('JFIF\0\0MM\0*\0\0\0\x08\0\0'), undefined],
		['too short', text('Exif\0\0MM'), undefined],
		['unknown byte order', text('Exif\0\0XX\0*\0\0\0\x08\0\0\0\0'), undefined],
		['IFD offset beyond the segment', exif('MM', [[0x0112, 6]], 8).subarray(0, 16), undefined],
		[
			'a wrong Exif id byte',
			exif('MM', [[0x0112, 6]]).map((b, i) => (i === 3 ? 0x67 : b)),
			undefined,
		],
		['a wrong last id byte', exif('MM', [[0x0112, 6]]).map((b, i) => (i === 5 ? 1 : b)), undefined],
		['byte order IM', exif('MM', [[0x0112, 6]]).map((b, i) => (i === 6 ? 0x49 : b)), undefined],
		['byte order MI', exif('MM', [[0x0112, 6]]).map((b, i) => (i === 7 ? 0x49 : b)), undefined],
		[
			'byte order XX',
			exif('MM', [[0x0112, 6]]).map((b, i) => (i === 6 || i === 7 ? 0x58 : b)),
			undefined,
		],
		['value bytes end the segment', Uint8Array.from(tightExif(7)), 7],
		[
			'an entry after the counted ones is not read',
			Uint8Array.from([
				...exif('MM', [[0x010f, 1]]).subarray(0, 6 + 8 + 2 + 12),
				0x01,
				0x12,
				0,
				3,
				0,
				0,
				0,
				1,
				0,
				6,
				0,
				0,
			]),
			undefined,
		],
		[
			'the value is the first short of the field',
			exif('II', [[0x0112, 6]]).map((b, i, all) => (i === all.length - 5 ? 9 : b)),
			6,
		],
	])('%s', (_, segment, expected) => {
		expect(readExifOrientation(segment)).toBe(expected);
	});
	it('stops at an entry cut off by the segment end', () => {
		const segment = exif('MM', [
			[0x010f, 1],
			[0x0112, 6],
		]);
		expect(readExifOrientation(segment.subarray(0, 6 + 8 + 2 + 12 + 6))).toBeUndefined();
	});
	it('an IFD offset past the end (high bit set) is not read', () => {
		const segment = exif('MM', [[0x0112, 6]]);
		segment[10] = 0x80;
		expect(readExifOrientation(segment)).toBeUndefined();
	});
});

describe('sniffFormat', () => {
	it.each([
		['JPEG', jpegSample(8, 8), 'jpeg'],
		['PNG', pngSample(2, 2), 'png'],
		['GIF', text('GIF89a....'), 'gif'],
		['WebP', text('RIFF\x10\0\0\0WEBPVP8 '), 'webp'],
		['RIFF but AVI', text('RIFF\x10\0\0\0AVI LIST'), undefined],
		['WEBP without RIFF', text('RIFX\x10\0\0\0WEBPVP8 '), undefined],
		['FF D8 00', bytes(0xff, 0xd8, 0x00, 0xff), undefined],
		['00 D8 FF', bytes(0x00, 0xd8, 0xff, 0xff), undefined],
		['FF 00 FF', bytes(0xff, 0x00, 0xff, 0xff), undefined],
		['ftyp box of exactly 12 bytes', text('\0\0\0\x0cftypisom'), 'mp4'],
		['ftyp box of 11 bytes', text('\0\0\0\x0bftypiso'), undefined],
		['text before <html> is not HTML', text('Moved: <html>'), undefined],
		['TIFF little-endian', text('II*\0\x08\0\0\0'), 'tiff'],
		['TIFF big-endian', text('MM\0*\0\0\0\x08'), 'tiff'],
		['WebM', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f), 'webm'],
		['PDF', text('%PDF-1.7\n'), 'pdf'],
		['MP4 (isom)', mp4Sample(100), 'mp4'],
		['MP4 (mp42)', mp4Sample(100, 'mp42'), 'mp4'],
		['MOV (qt brand)', mp4Sample(100, 'qt  '), 'quicktime'],
		['HEIC', mp4Sample(100, 'heic'), 'heic'],
		['HEIF mif1', mp4Sample(100, 'mif1'), 'heic'],
		['AVIF', mp4Sample(100, 'avif'), 'avif'],
		['AVIF sequence', mp4Sample(100, 'avis'), 'avif'],
		['MOV starting with moov', text('\0\0\0\x08moov'), 'quicktime'],
		['MOV starting with wide', text('\0\0\0\x08wide'), 'quicktime'],
		['MOV starting with mdat', text('\0\0\0\x08mdat'), 'quicktime'],
		['ftyp cut before the brand', text('\0\0\0\x18ftypis'), undefined],
		['HTML doctype', text('<!DOCTYPE html><html>'), 'html'],
		[
			'HTML lower case with BOM and blank lines',
			text('\xef\xbb\xbf\n\n  <html lang="en">'),
			'html',
		],
		['HTML head first', text('<head>\n<title>x'), 'html'],
		['HTML body first', text('<body>'), 'html'],
		['XML is not HTML', text('<?xml version="1.0"?><rss>'), undefined],
		['a word starting with html', text('<htmlx>'), undefined],
		['plain text', text('Forbidden'), undefined],
		['empty', bytes(), undefined],
	])('%s', (_, input, expected) => {
		expect(sniffFormat(input)).toBe(expected);
	});
});

describe('Content-Type', () => {
	it.each([
		['image/jpeg', 'jpeg'],
		['IMAGE/JPEG; charset=binary', 'jpeg'],
		['image/jpg', 'jpeg'],
		['image/pjpeg', 'jpeg'],
		['image/png', 'png'],
		['image/webp', 'webp'],
		['image/gif', 'gif'],
		['image/heic', 'heic'],
		['image/heif', 'heic'],
		['image/avif', 'avif'],
		['image/tiff', 'tiff'],
		['image/svg+xml', 'otherImage'],
		['video/mp4', 'mp4'],
		['video/x-m4v', 'mp4'],
		['application/mp4', 'mp4'],
		['video/quicktime', 'quicktime'],
		['video/webm', 'webm'],
		['video/x-matroska', 'webm'],
		['video/x-msvideo', 'otherVideo'],
		['text/html; charset=utf-8', 'html'],
		['application/xhtml+xml', 'html'],
		['application/pdf', 'pdf'],
		['application/json', 'text'],
		['application/xml', 'text'],
		['text/plain', 'text'],
		['application/octet-stream', undefined],
		['binary/octet-stream', undefined],
		['application/force-download', undefined],
		['', undefined],
		[undefined, undefined],
	])('%s → %s', (type, expected) => {
		expect(formatOfType(type)).toBe(expected);
	});
	it('mimeTypeOf drops parameters and case', () => {
		expect(mimeTypeOf(' Video/MP4 ; codecs="avc1"')).toBe('video/mp4');
		expect(mimeTypeOf(undefined)).toBe('');
	});
});

describe('response headers', () => {
	it.each([
		['bytes 0-65535/1234567', { start: 0, end: 65535, total: 1234567 }],
		['Bytes 0-99/100', { start: 0, end: 99, total: 100 }],
		['  bytes 10-20/*  ', { start: 10, end: 20, total: undefined }],
		['bytes */0', { start: 0, end: -1, total: 0 }],
		['bytes */*', undefined],
		['bytes   0-1/2', { start: 0, end: 1, total: 2 }],
		['xbytes 0-1/2', undefined],
		['bytes 0-1/2x', undefined],
		['bytes0-1/2', undefined],
		['bytes 0-99', undefined],
		['items 0-9/10', undefined],
		['', undefined],
		[undefined, undefined],
	])('parseContentRange(%s)', (value, expected) => {
		expect(parseContentRange(value)).toEqual(expected);
	});
	it.each([
		[206, { 'content-range': 'bytes 0-65535/9000000', 'content-length': '65536' }, 9000000],
		[206, { 'Content-Range': 'bytes 0-65535/*' }, undefined],
		[206, {}, undefined],
		[200, { 'content-length': '5840' }, 5840],
		[200, { 'Content-Length': ' 12 ' }, 12],
		[200, { 'content-length': 'lots' }, undefined],
		[200, { 'content-length': '12abc' }, undefined],
		[200, { 'content-length': 'abc12' }, undefined],
		[200, {}, undefined],
		[204, { 'content-length': '0' }, 0],
		[299, { 'content-length': '7' }, 7],
		[300, { 'content-length': '7' }, undefined],
		[199, { 'content-length': '7' }, undefined],
		[416, { 'content-range': 'bytes */0' }, 0],
		[404, { 'content-length': '9' }, undefined],
	])('fileSizeOf(%d, %j) = %s', (status, headers, expected) => {
		expect(fileSizeOf(status, headers)).toBe(expected);
	});
	it('headerOf finds any case, takes the first of a list, skips null', () => {
		expect(headerOf({ 'Content-Type': 'image/jpeg' }, 'content-type')).toBe('image/jpeg');
		expect(headerOf({ location: ['/a', '/b'] }, 'location')).toBe('/a');
		expect(headerOf({ 'content-length': 42 }, 'content-length')).toBe('42');
		expect(headerOf({ location: null }, 'location')).toBeUndefined();
		expect(headerOf({}, 'location')).toBeUndefined();
		expect(headerOf({ 'content-type': 'x', Location: '/b' }, 'location')).toBe('/b');
	});
	it.each([
		[301, 'https://cdn.example.com/b.jpg', 'https://cdn.example.com/b.jpg'],
		[302, '/login?next=1', 'https://host.example.com/login?next=1'],
		[303, 'other.jpg', 'https://host.example.com/media/other.jpg'],
		[307, '//cdn.example.com/c.jpg', 'https://cdn.example.com/c.jpg'],
		[308, 'http://x.example.com/', 'http://x.example.com/'],
		[300, '/a', undefined],
		[304, '/a', undefined],
		[200, '/a', undefined],
		[302, undefined, undefined],
		[302, 'http://[bad', undefined],
	])('redirectTarget(%d, %s)', (status, location, expected) => {
		const headers = location === undefined ? {} : { location };
		expect(redirectTarget(status, headers, 'https://host.example.com/media/a.jpg')).toBe(expected);
	});
});

describe('URLs in messages', () => {
	it.each([
		['https://cdn.example.com/a.jpg?X-Amz-Signature=secret#frag', 'https://cdn.example.com/a.jpg'],
		['http://127.0.0.1:8080/a.jpg', 'http://127.0.0.1:8080/a.jpg'],
		[
			`https://cdn.example.com/${'d/'.repeat(50)}photo.jpg?t=1`,
			`https://cdn.example.com/d/d/d/d/d/d/d/d/d/d/d/d/d/…d/d/d/d/d/d/d/d/d/d/photo.jpg`,
		],
		['not a url?token=1', 'not a url'],
	])('shortUrl(%s)', (url, expected) => {
		const short = shortUrl(url);
		expect(short).toBe(expected);
		expect(short.length).toBeLessThanOrEqual(80);
	});
	it('an 80-character URL stays whole, 81 are shortened', () => {
		const base = 'https://cdn.example.com/';
		const exact = `${base}${'a'.repeat(80 - base.length)}`;
		expect(shortUrl(exact)).toBe(exact);
		expect(shortUrl(`${exact}b`)).toHaveLength(80);
		expect(shortUrl(`${exact}b`)).toContain('…');
	});
	it.each([
		['https://cdn.example.com/caf%C3%A9-%C3%A9t%C3%A9.jpg', ['é']],
		['https://cdn.example.com/%C3%BCn%C3%AFcode.jpg', ['ü', 'ï']],
		['https://cdn.example.com/plain%20name.jpg', []],
		['https://cdn.example.com/bad%E9.jpg', []],
		['https://cdn.example.com/del%7F.jpg', []],
		['https://cdn.example.com/%C2%80.jpg', ['\u0080']],
		['not a url', []],
	])('nonAsciiCharacters(%s)', (url, expected) => {
		expect(nonAsciiCharacters(url)).toEqual(expected);
	});
	it('names an IDN host by its Unicode characters', () => {
		expect(nonAsciiCharacters(new URL('https://bücher.example/a.jpg').href)).toEqual([]);
	});
});

describe('networkReason', () => {
	it.each([
		[{ code: 'ENOTFOUND' }, 'its host name was not found'],
		[{ code: 'EAI_AGAIN' }, 'its host name was not found'],
		[{ code: 'ECONNREFUSED' }, 'the connection was refused'],
		[{ code: 'ECONNABORTED' }, 'it did not answer in time'],
		[{ code: 'ETIMEDOUT' }, 'it did not answer in time'],
		[{ code: 'ECONNRESET' }, 'the connection was reset'],
		[{ code: 'EHOSTUNREACH' }, 'its network is unreachable from n8n'],
		[{ code: 'CERT_HAS_EXPIRED' }, "its TLS certificate was not accepted by n8n's host"],
		[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, "its TLS certificate was not accepted by n8n's host"],
		[{ cause: { code: 'ECONNREFUSED' } }, 'the connection was refused'],
		[{ code: 'EWHATEVER' }, 'the request failed (EWHATEVER)'],
		[{ code: 'E'.repeat(50) }, `the request failed (${'E'.repeat(40)})`],
		[new Error('getaddrinfo ENOTFOUND secret.example.com?token=abc'), 'the request failed'],
		[undefined, 'the request failed'],
	])('%j → %s', (error, expected) => {
		expect(networkReason(error)).toBe(expected);
	});
});

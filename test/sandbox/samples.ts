/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// Sample media for the preflight, generated without dependencies: real file headers, tiny bodies.
import { deflateSync } from 'zlib';

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const u32 = (value: number) => [
	(value >>> 24) & 0xff,
	(value >> 16) & 0xff,
	(value >> 8) & 0xff,
	value & 0xff,
];

function segment(marker: number, payload: number[] | Buffer): Buffer {
	return Buffer.from([0xff, marker, ...u16(payload.length + 2), ...payload]);
}

/** An APP1 "Exif" segment whose IFD0 holds only the orientation tag (big-endian TIFF). */
function exifOrientation(orientation: number): Buffer {
	const tiff = [
		0x4d,
		0x4d,
		0,
		42,
		...u32(8),
		...u16(1),
		...u16(0x0112),
		...u16(3),
		...u32(1),
		...u16(orientation),
		0,
		0,
		...u32(0),
	];
	return segment(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]);
}

export interface JpegOptions {
	/** EXIF orientation (1–8). */
	orientation?: number;
	/** Bytes of COM segments before the frame header (pushes SOF past the first 64 KB). */
	commentBytes?: number;
	/** Pad the file after EOI to this many bytes (decoders ignore trailing data). */
	totalBytes?: number;
}

/**
 * A baseline JPEG of any size that decoders really decode: one grey channel, every 8×8 block a
 * flat mid-grey (DC difference 0, then end-of-block), with one-symbol Huffman tables (2 bits a block).
 */
export function jpegSample(width: number, height: number, options: JpegOptions = {}): Buffer {
	const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
	if (options.orientation) parts.push(exifOrientation(options.orientation));
	for (let left = options.commentBytes ?? 0; left > 0; left -= 65_000) {
		parts.push(segment(0xfe, Buffer.alloc(Math.min(left, 65_000), 0x20)));
	}
	parts.push(segment(0xdb, [0, ...new Array<number>(64).fill(1)]));
	parts.push(segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]));
	const oneSymbol = (tableClass: number) => [
		tableClass << 4,
		1,
		...new Array<number>(15).fill(0),
		0,
	];
	parts.push(segment(0xc4, [...oneSymbol(0), ...oneSymbol(1)]));
	parts.push(segment(0xda, [1, 1, 0x00, 0, 63, 0]));
	const bits = Math.ceil(width / 8) * Math.ceil(height / 8) * 2;
	const scan = Buffer.alloc(Math.ceil(bits / 8));
	// The last byte is padded with 1-bits, as the standard asks.
	if (bits % 8) scan[scan.length - 1] = (1 << (8 - (bits % 8))) - 1;
	parts.push(scan, Buffer.from([0xff, 0xd9]));
	const file = Buffer.concat(parts);
	return options.totalBytes && options.totalBytes > file.length
		? Buffer.concat([file, Buffer.alloc(options.totalBytes - file.length)])
		: file;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	return Buffer.concat([Buffer.from(u32(data.length)), body, Buffer.from(u32(crc32(body)))]);
}

/** A valid greyscale PNG (signature, IHDR, IDAT, IEND). */
export function pngSample(width: number, height: number): Buffer {
	const rows = Buffer.alloc((width + 1) * height);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', Buffer.from([...u32(width), ...u32(height), 8, 0, 0, 0, 0])),
		pngChunk('IDAT', deflateSync(rows)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

function box(type: string, payload: Buffer): Buffer {
	return Buffer.concat([Buffer.from(u32(payload.length + 8)), Buffer.from(type, 'ascii'), payload]);
}

/** An ISO-BMFF file as MP4 starts: a real `ftyp` box (isom, mp41), then `free` and an `mdat` of `totalBytes`. */
export function mp4Sample(totalBytes: number, brand = 'isom'): Buffer {
	const ftyp = box('ftyp', Buffer.from(`${brand}\0\0\x02\0isommp41`, 'latin1'));
	const free = box('free', Buffer.alloc(0));
	const mdat = box('mdat', Buffer.alloc(Math.max(0, totalBytes - ftyp.length - free.length - 8)));
	return Buffer.concat([ftyp, free, mdat]);
}

export const LOGIN_PAGE = `<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><form method="post" action="/login"><input name="user"><input name="password" type="password"></form></body></html>
`;

/** A file format as the preflight tells it, from the first bytes or from the Content-Type. */
export type MediaFormat =
	| 'jpeg'
	| 'png'
	| 'gif'
	| 'webp'
	| 'heic'
	| 'avif'
	| 'tiff'
	| 'mp4'
	| 'quicktime'
	| 'webm'
	| 'html'
	| 'pdf'
	| 'text'
	| 'otherImage'
	| 'otherVideo';

/** What the user reads: "is a PNG image". */
export const FORMAT_LABELS: Record<MediaFormat, string> = {
	jpeg: 'a JPEG image',
	png: 'a PNG image',
	gif: 'a GIF image',
	webp: 'a WebP image',
	heic: 'a HEIC/HEIF image',
	avif: 'an AVIF image',
	tiff: 'a TIFF image',
	mp4: 'an MP4 video',
	quicktime: 'a QuickTime (MOV) video',
	webm: 'a WebM/Matroska video',
	html: 'an HTML page',
	pdf: 'a PDF document',
	text: 'text',
	otherImage: 'an image in a format Instagram does not take',
	otherVideo: 'a video in a format Instagram does not take',
};

const ascii = (bytes: Uint8Array, from: number, to: number) =>
	String.fromCharCode(...bytes.subarray(from, to));

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];
/** Top-level QuickTime atoms a .mov may start with instead of `ftyp`. */
const QUICKTIME_ATOMS = ['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'];

/** Pure: the format the file's first bytes show (magic numbers, ISO-BMFF `ftyp` box), if known. */
export function sniffFormat(bytes: Uint8Array): MediaFormat | undefined {
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
	if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
	if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'tiff';
	if (ascii(bytes, 0, 4) === '\x1a\x45\xdf\xa3') return 'webm';
	if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
	if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
		const brand = ascii(bytes, 8, 12);
		if (brand === 'qt  ') return 'quicktime';
		if (HEIF_BRANDS.includes(brand)) return 'heic';
		if (brand === 'avif' || brand === 'avis') return 'avif';
		return 'mp4';
	}
	if (QUICKTIME_ATOMS.includes(ascii(bytes, 4, 8))) return 'quicktime';
	const text = ascii(bytes, 0, 256)
		.replace(/^(\xef\xbb\xbf|\s)+/, '')
		.toLowerCase();
	if (/^<(!doctype html|html|head|body)[\s>]/.test(text)) return 'html';
	return undefined;
}

const TYPE_FORMATS: Record<string, MediaFormat> = {
	'image/jpeg': 'jpeg',
	'image/jpg': 'jpeg',
	'image/pjpeg': 'jpeg',
	'image/png': 'png',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/heic': 'heic',
	'image/heif': 'heic',
	'image/avif': 'avif',
	'image/tiff': 'tiff',
	'video/mp4': 'mp4',
	'video/x-m4v': 'mp4',
	'application/mp4': 'mp4',
	'video/quicktime': 'quicktime',
	'video/webm': 'webm',
	'video/x-matroska': 'webm',
	'text/html': 'html',
	'application/xhtml+xml': 'html',
	'application/pdf': 'pdf',
	'application/json': 'text',
	'application/xml': 'text',
};

/** Pure: the MIME type of a Content-Type header, lower case, without parameters. */
export function mimeTypeOf(contentType: unknown): string {
	return String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

/**
 * Pure: the format a Content-Type names. Undefined for types that do not say (octet-stream, and
 * download types such as application/force-download that some hosts send for any file).
 */
export function formatOfType(contentType: unknown): MediaFormat | undefined {
	const type = mimeTypeOf(contentType);
	if (type in TYPE_FORMATS) return TYPE_FORMATS[type];
	if (type.startsWith('image/')) return 'otherImage';
	if (type.startsWith('video/')) return 'otherVideo';
	if (type.startsWith('text/')) return 'text';
	return undefined;
}

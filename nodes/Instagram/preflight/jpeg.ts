/** What the first bytes of a JPEG tell: its frame size (SOF marker) and EXIF orientation. */
export interface JpegHeader {
	/** Undefined when the frame header lies beyond the bytes read (large EXIF or ICC blocks). */
	width?: number;
	height?: number;
	/** EXIF orientation 1–8; 5–8 mean the picture is shown turned by 90°. */
	orientation?: number;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM, RST0–7, SOI, EOI. */
function isStandalone(marker: number): boolean {
	return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);
}

/**
 * Pure: reads the JPEG header from the file's first bytes, without decoding any pixels.
 * Returns undefined when the bytes are not a JPEG (no SOI marker) or the header is malformed.
 */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return undefined;
	const header: JpegHeader = {};
	let at = 2;
	while (at + 1 < bytes.length) {
		if (bytes[at] !== 0xff) return undefined;
		const marker = bytes[at + 1];
		// 0xFF may be repeated as fill before a marker.
		if (marker === 0xff) {
			at++;
			continue;
		}
		if (isStandalone(marker)) {
			if (marker === 0xd9) return header;
			at += 2;
			continue;
		}
		if (at + 3 >= bytes.length) return header;
		// A length below 2 points back into the length field, whose bytes are not 0xFF: undefined below.
		const length = (bytes[at + 2] << 8) | bytes[at + 3];
		const segment = bytes.subarray(at + 4, at + 2 + length);
		if (isStartOfFrame(marker)) {
			if (segment.length < 5) return header;
			const height = (segment[1] << 8) | segment[2];
			const width = (segment[3] << 8) | segment[4];
			// A height of 0 is defined later (DNL marker): the size is not in the header.
			return height > 0 && width > 0 ? { ...header, width, height } : header;
		}
		if (marker === 0xda) return header;
		if (marker === 0xe1 && header.orientation === undefined) {
			header.orientation = readExifOrientation(segment);
		}
		at += 2 + length;
	}
	return header;
}

const EXIF_ID = [0x45, 0x78, 0x69, 0x66, 0, 0];
const ORIENTATION_TAG = 0x0112;

/** Pure: the orientation tag of IFD0 in an APP1 "Exif" segment, if it is there. */
export function readExifOrientation(segment: Uint8Array): number | undefined {
	// Bytes past the end read as undefined (0 in arithmetic): a cut-off segment finds no tag.
	if (EXIF_ID.some((byte, index) => segment[index] !== byte)) return undefined;
	const tiff = segment.subarray(6);
	const little = tiff[0] === 0x49 && tiff[1] === 0x49;
	if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return undefined;
	const u16 = (offset: number) =>
		little ? tiff[offset] | (tiff[offset + 1] << 8) : (tiff[offset] << 8) | tiff[offset + 1];
	const u32 = (offset: number) =>
		little
			? (u16(offset) | (u16(offset + 2) << 16)) >>> 0
			: ((u16(offset) << 16) | u16(offset + 2)) >>> 0;
	const ifd = u32(4);
	const count = u16(ifd);
	for (let entry = 0; entry < count; entry++) {
		const offset = ifd + 2 + entry * 12;
		if (u16(offset) === ORIENTATION_TAG) {
			const value = u16(offset + 8);
			return value >= 1 && value <= 8 ? value : undefined;
		}
	}
	return undefined;
}

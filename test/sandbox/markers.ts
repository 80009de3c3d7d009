// Media-URL markers that trigger Meta's fetch/format failures (documented in README.md).
import { PE } from './publish-errors';

const nonAscii = (s: string) => [...s].some((ch) => ch.charCodeAt(0) > 127);

/** `error-NNNNNNN` anywhere in the URL → container ERROR with that subcode. */
export function errorMarker(url: string): number | undefined {
	const m = /error-(\d{7})/.exec(url);
	return m ? Number(m[1]) : undefined;
}

function isFetchable(url: string): boolean {
	try {
		return (
			/^https?:$/.test(new URL(url).protocol) && !nonAscii(url) && !url.includes('unreachable')
		);
	} catch {
		return false;
	}
}

/**
 * Images are fetched synchronously (reference §4.2, §9.18): failures are errors of the create call.
 * Returns the subcode the container will later report as ERROR, if any.
 */
export function checkImageUrl(url: string): number | undefined {
	if (!isFetchable(url)) throw PE.fetchFailed(url);
	if (url.includes('slow-download')) throw PE.downloadTimeout();
	if (url.includes('too-large')) throw PE.imageTooLarge();
	if (url.includes('bad-aspect')) throw PE.aspectRatio();
	const ext = /\.(png|webp|heic|gif)$/i.exec(new URL(url).pathname);
	if (ext) throw PE.imageFormat(ext[1].toLowerCase());
	return errorMarker(url);
}

/** Video failures surface later as container ERROR with the subcode in `status`. */
export function videoErrorSubcode(url: string): number | undefined {
	const marker = errorMarker(url);
	if (marker) return marker;
	if (!isFetchable(url)) return 2207052;
	if (url.includes('bad-format')) return 2207026;
	return undefined;
}

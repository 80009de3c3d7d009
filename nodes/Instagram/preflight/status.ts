import type { Verdict } from './types';

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	410: 'Gone',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** Statuses about n8n's request rather than the file: the host may answer Meta differently. */
const NOT_DEFINITIVE = [408, 429];

/**
 * Pure: what the answer's status says. Success → nothing; 408/429 → a hint (not checked); any
 * other error status → a definitive problem, since Meta would get it too.
 */
export function httpProblem(status: number, via: string): Verdict | undefined {
	if (status >= 200 && status < 300) return undefined;
	const named = `HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
	if (NOT_DEFINITIVE.includes(status)) {
		return {
			hints: [
				`answered ${named} to n8n's check${via}, so it could not be checked; Meta may still get it.`,
			],
		};
	}
	if (status === 416) {
		return {
			hints: [],
			problem: {
				code: 'empty',
				says: `is empty (the host answered ${named} to a request for its first bytes)${via}`,
				fix: 'Check the URL: the file has no content.',
			},
		};
	}
	return {
		hints: [],
		problem: { code: 'httpStatus', says: `answered ${named}${via}`, fix: statusFix(status) },
	};
}

function statusFix(status: number): string {
	if (status === 401 || status === 403)
		return 'Make the file public: Meta downloads it without logging in, cookies or a Referer, and a signed link must still be valid when Meta fetches it.';
	if (status === 404 || status === 410) return 'Check the URL: there is no file at this address.';
	if (status >= 500)
		return 'The media host failed; try again later, or host the file elsewhere (e.g. a CDN or object storage).';
	return 'Use a direct, public link to the file.';
}

const PRIVATE_HOST =
	/^(localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f:]*\]|\[fe[89ab][0-9a-f:]*\])$/i;

/** Pure: whether Meta's servers could not reach this host (loopback, private, link-local, .local). */
export function isPrivateHost(hostname: string): boolean {
	return PRIVATE_HOST.test(hostname);
}

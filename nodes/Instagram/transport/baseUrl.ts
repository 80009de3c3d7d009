/** Hosts that never leave this machine: the sandbox or a local proxy may use plain http there. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Pure: why a Graph base URL must not receive the bearer token, or undefined when it may. Only
 * https, or http on loopback: anything else would send the token in clear text across a network.
 */
export function baseUrlProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid URL';
	}
	if (parsed.username || parsed.password) return 'must not contain a user name or password';
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && LOOPBACK_HOST.test(parsed.hostname)) return undefined;
	if (parsed.protocol === 'http:') {
		return 'uses plain http to a host that is not this machine, which would send the access token unencrypted';
	}
	return 'must start with https://';
}

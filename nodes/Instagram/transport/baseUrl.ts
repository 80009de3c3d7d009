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

/**
 * Pure: why a credential's Base URL could reshape the Graph paths appended to it (a query or
 * fragment swallows them, dot segments or escapes climb out of them), or undefined.
 */
export function baseUrlPathProblem(raw: string): string | undefined {
	const text = raw.trim();
	if (/[?#]/.test(text)) return 'must not contain a query (?) or fragment (#)';
	if (/%|\\|\/\.\.?(\/|$)|\s/.test(text.replace(/^[a-z]+:\/\//i, '')))
		return 'must not contain escapes, backslashes, spaces or . / .. path segments';
	return undefined;
}

/** Pure: why an API Version is not one Meta serves ("v25.0"), or undefined (empty = default). */
export function apiVersionProblem(raw: unknown): string | undefined {
	const text = String(raw ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return text === '' || /^v\d{1,3}\.\d{1,2}$/.test(text)
		? undefined
		: 'must be a Graph API version such as v25.0';
}

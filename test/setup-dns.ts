/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test bootstrap, never shipped */
import dns from 'dns';

/**
 * The tests never touch the network. Their public media URLs use names reserved by RFC 2606 and
 * RFC 6761 (cdn.example.com, *.invalid, *.test), which no resolver knows; the media preflight asks
 * for them like any URL. Here they fail at once with ENOTFOUND, as a resolver's NXDOMAIN would, so
 * the suite is the same offline (where a lookup could otherwise hang until the preflight's timeout).
 */
const RESERVED = /(^|\.)(example|invalid|test)$|\.example\.(com|net|org)$/i;

type LookupCallback = (error: NodeJS.ErrnoException | null, ...rest: unknown[]) => void;
const realLookup = dns.lookup.bind(dns) as (...args: unknown[]) => void;

function reservedLookup(hostname: string, ...rest: unknown[]): void {
	const callback = rest[rest.length - 1] as LookupCallback;
	if (typeof hostname === 'string' && RESERVED.test(hostname.replace(/\.$/, ''))) {
		const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
		error.code = 'ENOTFOUND';
		error.syscall = 'getaddrinfo';
		process.nextTick(() => callback(error));
		return;
	}
	realLookup(hostname, ...rest);
}

(dns as { lookup: unknown }).lookup = reservedLookup;

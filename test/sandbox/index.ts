// Public API of the Graph sandbox. See README.md.
import { handleControl } from './control';
import { TOKENS } from './ids';
import { SandboxServer } from './server';
import type { Endpoint, FaultSpec, Sandbox, SandboxOptions } from './types';

export type * from './types';
export { appsecretProof } from './auth';
export { isLoopbackUrl, META_USER_AGENT } from './media-fetch';

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	if (options.requireAppSecretProof && !options.appSecret) {
		throw new Error('requireAppSecretProof needs appSecret');
	}
	const server: SandboxServer = new SandboxServer(options, async (req, res, rec, raw) =>
		handleControl(sandbox, server, req, res, rec, raw),
	);
	const { state, clock, accounts } = server.core;
	const sandbox: Sandbox = {
		url: '',
		accounts,
		tokens: { ...TOKENS },
		requests: server.requests,
		fetches: server.core.fetcher.records,
		fetchesSettled: () => server.core.fetcher.settled(),
		fault: (f: FaultSpec) => server.faults.add(f),
		setContainerStatus(containerId, status, errorSubcode) {
			const c = state.containers.get(containerId);
			if (!c) throw new Error(`Unknown container ${containerId}`);
			c.forced = {
				code: status,
				subcode: status === 'ERROR' ? (errorSubcode ?? 2207053) : undefined,
			};
		},
		seedPublishes(accountId, count, atMs) {
			state.seedPublishes(accountId, count, atMs ?? clock());
		},
		mediaCount: (accountId?: string) => state.mediaCount(accountId),
		advanceClock: (ms: number) => server.advanceClock(ms),
		now: () => clock(),
		instagramTokens: () => server.core.tokenLifetimes.list(),
		setTokenState: (token, state) => server.core.access.setTokenState(token, state),
		setAccountState: (accountId, state) => server.core.access.setAccountState(accountId, state),
		withoutPublishPermission: (token) => server.core.access.withoutPublishPermission(token),
		calls(endpoint?: Endpoint) {
			if (endpoint === 'control') return [...server.controlRequests];
			return endpoint
				? server.requests.filter((r) => r.endpoint === endpoint)
				: [...server.requests];
		},
		reset: () => server.reset(),
		close: () => server.close(),
	};
	sandbox.url = await server.listen(options.port ?? 0);
	return sandbox;
}
export { startMediaHost } from './media-host';
export type { MediaHost, MediaServed } from './media-host';

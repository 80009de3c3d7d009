/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only tooling, never shipped in dist/ */
// `npm run sandbox`: starts the Graph sandbox on SANDBOX_PORT (default 4567).
import { startMediaHost, startSandbox } from './index';
import { SAMPLES } from './media-host';

async function main(): Promise<void> {
	const port = Number(process.env.SANDBOX_PORT ?? 4567);
	const latencyMs = Number(process.env.SANDBOX_LATENCY_MS ?? 0);
	const quotaTotal = Number(process.env.SANDBOX_QUOTA_TOTAL ?? 100);
	const sb = await startSandbox({ port, latencyMs, quotaTotal });
	const media = await startMediaHost(Number(process.env.SANDBOX_MEDIA_PORT ?? 4568));
	const lines = [
		`Instagram Graph sandbox listening on ${sb.url}`,
		'',
		'Accounts:',
		...sb.accounts.map((a) => `  ${a.id}  @${a.username}  (Page ${a.pageId} "${a.pageName}")`),
		'',
		'Tokens (fake):',
		`  Facebook user token : ${sb.tokens.facebook}`,
		`  Page token          : ${sb.tokens.page}`,
		`  Instagram token     : ${sb.tokens.instagram}`,
		`  Expired FB token    : ${sb.tokens.expired}`,
		'',
		'Point n8n at it: in an "Instagram API" credential, set Access Token to one of the tokens above',
		`and (advanced) Base URL to ${sb.url}; requests then go to ${sb.url}/v25.0/...`,
		'',
		`Control: GET ${sb.url}/__sandbox/requests | GET ${sb.url}/__sandbox/state | POST ${sb.url}/__sandbox/reset`,
		`         POST ${sb.url}/__sandbox/faults {"endpoint":"publish","kind":"http500"}`,
		`Feeds:   ${sb.url}/__sandbox/feeds/news.xml  ${sb.url}/__sandbox/feeds/gallery.xml`,
		'',
		`Sample media for the preflight (loopback media are allowed while the Base URL is this sandbox):`,
		`  ${media.url}{${Object.keys(SAMPLES).join(',')}}`,
		`  ${media.url}/forbidden.jpg (403), /share/photo.jpg (302 to an HTML login page), any other path 404`,
		'',
		'Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping sandbox...`);
		Promise.all([sb.close(), media.close()]).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});

// Graph error bodies and the generic Graph errors (auth, params, throttling) — reference §2, §6.2, §8.
// Publishing (2207xxx) errors live in publish-errors.ts.

export interface ErrorOptions {
	subcode?: number;
	transient?: boolean;
	title?: string;
	userMsg?: string;
	type?: string;
	status?: number;
	headers?: Record<string, string>;
}

export class GraphError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly opts: ErrorOptions = {},
	) {
		super(message);
	}

	get status(): number {
		return this.opts.status ?? 400;
	}
}

export interface GraphErrorBody {
	message: string;
	type: string;
	code: number;
	error_subcode?: number;
	is_transient?: boolean;
	error_user_title?: string;
	error_user_msg?: string;
	fbtrace_id: string;
}

/** `igFlavour`: errors answered to Instagram-login tokens carry `type: IGApiException`. */
export function errorBody(e: GraphError, fbtraceId: string, igFlavour: boolean) {
	const o = e.opts;
	const type = igFlavour ? 'IGApiException' : (o.type ?? 'OAuthException');
	const body: Partial<GraphErrorBody> = { message: e.message, type, code: e.code };
	if (o.subcode !== undefined) body.error_subcode = o.subcode;
	if (o.transient !== undefined) body.is_transient = o.transient;
	if (o.title !== undefined) body.error_user_title = o.title;
	if (o.userMsg !== undefined) body.error_user_msg = o.userMsg;
	body.fbtrace_id = fbtraceId;
	return { error: body as GraphErrorBody };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `Tuesday, 01-Dec-25 06:00:00 PST` (fixed UTC-8). */
function pst(ms: number): string {
	const d = new Date(ms - 8 * 3_600_000);
	const date = `${p2(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${p2(d.getUTCFullYear() % 100)}`;
	const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
	return `${DAYS[d.getUTCDay()]}, ${date} ${time} PST`;
}

function authError(message: string, subcode?: number): GraphError {
	const header = `OAuth "Facebook Platform" "invalid_token" "${message}"`;
	return new GraphError(190, message, { subcode, headers: { 'WWW-Authenticate': header } });
}

const method = (type: string) => ({ type });
const UNSUPPORTED =
	'does not exist, cannot be loaded due to missing permissions, or does not support this operation. ' +
	'Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api';
const BUC_MSG =
	'(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. ' +
	'For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.';
const RETRY = 'An unexpected error has occurred. Please retry your request later.';

export const E = {
	invalidToken: () => authError('Invalid OAuth access token - Cannot parse access token'),
	expiredToken: (now: number) => {
		const expiredAt = pst(Math.floor(now / 3_600_000) * 3_600_000 - 86_400_000);
		const text = `Error validating access token: Session has expired on ${expiredAt}.`;
		return authError(`${text} The current time is ${pst(now)}.`, 463);
	},
	appsecretMissing: () =>
		new GraphError(
			100,
			'API calls from the server require an appsecret_proof argument',
			method('GraphMethodException'),
		),
	appsecretInvalid: () =>
		new GraphError(
			100,
			'Invalid appsecret_proof provided in the API argument',
			method('GraphMethodException'),
		),
	unsupported: (verb: string, id: string) =>
		new GraphError(
			100,
			`Unsupported ${verb.toLowerCase()} request. Object with ID '${id}' ${UNSUPPORTED}`,
			{ subcode: 33, type: 'GraphMethodException' },
		),
	nonexistingField: (field: string, node: string) =>
		new GraphError(
			100,
			`(#100) Tried accessing nonexisting field (${field}) on node type (${node})`,
		),
	missingParam: (name: string) => new GraphError(100, `(#100) The parameter ${name} is required`),
	invalidParam: (message: string) => new GraphError(100, `(#100) ${message}`),
	notAllowed: (name: string) => new GraphError(100, `param ${name} is not allowed`),
	server: () => new GraphError(2, RETRY, { transient: true, status: 500 }),
	internal: (e: unknown) =>
		new GraphError(1, `An unknown error occurred (sandbox: ${String(e)})`, {
			transient: true,
			status: 500,
		}),
	rateLimit: () => new GraphError(80002, BUC_MSG, { subcode: 2446079, transient: true }),
};

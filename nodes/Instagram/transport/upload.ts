import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlProblem } from './baseUrl';
import type { GraphConnection } from './connection';
import type { GraphErrorDetails } from './errorKinds';
import { asNodeError, createGraphApiError, redactDetails } from './errors';
import { requestTimeouts } from './timeouts';

/** The bytes of a video: a stream from n8n's binary store, or a buffer for in-memory binaries. */
export type VideoBytes =
	| Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>
	| Buffer;

export interface VideoUpload {
	/** The `uri` Meta returned when the resumable container was created. */
	uri: string;
	body: VideoBytes;
	bytes: number;
	containerId: string;
	itemIndex: number;
}

/** Meta's own host for video bytes; a local Graph API (sandbox, proxy) serves uploads itself. */
const UPLOAD_HOST = 'rupload.facebook.com';

interface UploadReply {
	success?: boolean;
	message?: string;
	debug_info?: { retriable?: boolean; type?: string; message?: string };
	/** A Graph-style error, e.g. from a proxy or a 5xx in front of the upload host. */
	error?: { message?: string };
}

/**
 * Sends a video's bytes to Meta's resumable-upload host in one POST (offset 0), streamed. It is
 * never repeated here: the container stays unpublished whatever happens, and the error names it.
 */
export async function uploadVideoBytes(
	ctx: IExecuteFunctions,
	connection: GraphConnection,
	upload: VideoUpload,
): Promise<void> {
	checkUploadUri(ctx, connection, upload);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: upload.uri,
		body: upload.body,
		headers: {
			offset: '0',
			file_size: String(upload.bytes),
			'content-type': 'application/octet-stream',
			'content-length': String(upload.bytes),
		},
		// Following redirects would keep every chunk in memory until Meta answers.
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
		timeout: requestTimeouts.uploadMs,
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			connection.credentialType,
			options,
		)) as { statusCode: number; body: unknown };
	} catch (error) {
		if (ctx.getExecutionCancelSignal()?.aborted)
			throw asNodeError(ctx.getNode(), error, upload.itemIndex);
		throw failure(ctx, connection, upload, {
			kind: 'transient',
			noResponse: true,
			metaMessage: `The video upload to container ${upload.containerId} got no answer from Meta (network error or timeout)`,
		});
	}
	const reply = parseReply(response.body);
	const { statusCode } = response;
	if (statusCode >= 200 && statusCode < 300 && reply?.success === true) return;
	const reason = reply?.debug_info
		? `${reply.debug_info.type ?? 'error'}: ${reply.debug_info.message ?? 'no details'}`
		: (reply?.error?.message ?? reply?.message ?? 'no details');
	throw failure(ctx, connection, upload, {
		kind: reply?.debug_info?.retriable || statusCode >= 500 ? 'transient' : 'invalidMedia',
		httpStatus: statusCode,
		metaMessage: `The video upload to container ${upload.containerId} failed (HTTP ${statusCode}): ${reason}`,
	});
}

/** The upload URI comes from Meta's reply; the token goes there only if it is where Meta uploads. */
function checkUploadUri(ctx: IExecuteFunctions, connection: GraphConnection, upload: VideoUpload) {
	const problem = baseUrlProblem(upload.uri);
	const uri = problem ? undefined : new URL(upload.uri);
	const local = new URL(connection.baseUrl).origin;
	if (uri && (uri.hostname === UPLOAD_HOST || uri.origin === local)) return;
	throw failure(ctx, connection, upload, {
		kind: 'unknown',
		metaMessage: `Meta answered with an upload address the node does not send tokens to (${uri?.host ?? 'invalid'})`,
	});
}

function parseReply(body: unknown): UploadReply | undefined {
	const text =
		typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
	if (text === undefined)
		return body && typeof body === 'object' ? (body as UploadReply) : undefined;
	try {
		return JSON.parse(text) as UploadReply;
	} catch {
		return undefined;
	}
}

function failure(
	ctx: IExecuteFunctions,
	connection: GraphConnection,
	upload: VideoUpload,
	details: GraphErrorDetails,
) {
	return createGraphApiError(
		ctx.getNode(),
		redactDetails({ ...details, containerId: upload.containerId }, connection.secrets),
		upload.itemIndex,
	);
}

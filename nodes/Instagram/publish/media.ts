import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';
import type { IBinaryData } from 'n8n-workflow';

import { isPrivateHost } from '../transport/hosts';
import type { GraphParams } from '../transport/graphClient';
import { createGraphApiError } from '../transport/errors';
import { uploadVideoBytes } from '../transport/upload';
import type { VideoBytes } from '../transport/upload';
import type { RunContext } from './runContext';
import type { MediaRef } from './types';

/** What a container needs for one media file: Graph params, and bytes to upload after creating it. */
export interface PreparedMedia {
	params: GraphParams;
	/** Set for resumable uploads: the container is created without a URL, then gets these bytes. */
	upload?: { binary: IBinaryData; bytes: number };
	/** What identifies the media across tries (a signed URL changes every time). */
	fingerprint: unknown;
}

/**
 * How Meta gets a file. A URL: Meta downloads it. Binary video with the access-token credential and
 * Facebook Login: resumable upload, the bytes go straight to Meta. Any other binary: n8n's own
 * signed, expiring URL for it, which Meta downloads from n8n. Runs before any Graph request.
 */
export async function prepareMedia(
	run: RunContext,
	media: MediaRef,
	field: 'image_url' | 'video_url',
	itemIndex: number,
): Promise<PreparedMedia> {
	if (media.from === 'url') return { params: { [field]: media.url }, fingerprint: media.url };
	const fingerprint = {
		binary: media.propertyName,
		bytes: media.bytes,
		mimeType: media.mimeType,
		fileName: media.binary.fileName,
	};
	if (media.warning) run.hint(`Binary "${media.propertyName}" ${media.warning}`);
	const connection = await run.client.connection();
	const resumable =
		field === 'video_url' &&
		connection.loginType === 'facebook' &&
		connection.credentialType === 'instagramApi';
	if (resumable) {
		return {
			params: { upload_type: 'resumable' },
			upload: { binary: media.binary, bytes: media.bytes },
			fingerprint,
		};
	}
	const url = await signedUrl(run, media, itemIndex);
	const host = new URL(url).hostname;
	if (isPrivateHost(host) && !(await graphApiIsLocal(run))) {
		throw new NodeOperationError(
			run.ctx.getNode(),
			`Meta cannot download binary "${media.propertyName}" from n8n: n8n's address for it is ${host}, which is not public [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"Meta's servers download the file from n8n. Set n8n's public URL (the N8N_WEBHOOK_URL environment variable, or the older WEBHOOK_URL) so they can reach it. No request was sent to Instagram.",
			},
		);
	}
	return { params: { [field]: url }, fingerprint };
}

/** Whether the Graph API is on this machine or network (sandbox, proxy): then so is whatever downloads media. */
export async function graphApiIsLocal(run: RunContext): Promise<boolean> {
	return isPrivateHost(new URL((await run.client.connection()).baseUrl).hostname);
}

/** n8n's signed URL for a binary; an in-memory binary is stored first so it can be signed. */
async function signedUrl(
	run: RunContext,
	media: Extract<MediaRef, { from: 'binary' }>,
	itemIndex: number,
) {
	const { helpers } = run.ctx;
	const stored = media.binary.id
		? media.binary
		: await helpers.prepareBinaryData(
				Buffer.from(media.binary.data, BINARY_ENCODING),
				media.binary.fileName,
				media.mimeType,
			);
	try {
		return helpers.createBinarySignedUrl(stored);
	} catch {
		throw new NodeOperationError(
			run.ctx.getNode(),
			`n8n cannot give Meta an address for binary "${media.propertyName}" [item ${itemIndex}]`,
			{
				itemIndex,
				description:
					"n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default), and only stored files get signed URLs. Use the filesystem mode (n8n's default) or the database mode. No request was sent to Instagram.",
			},
		);
	}
}

/** The bytes to upload, streamed from n8n's binary store (never held whole in memory). */
async function videoBytes(run: RunContext, binary: IBinaryData): Promise<VideoBytes> {
	if (binary.id) return await run.ctx.helpers.getBinaryStream(binary.id);
	return Buffer.from(binary.data, BINARY_ENCODING);
}

export interface ContainerUpload {
	containerId: string;
	/** What Meta answered when the resumable container was created. */
	uri: unknown;
	binary: IBinaryData;
	bytes: number;
	itemIndex: number;
}

/** Sends a resumable container's bytes, streamed; one try, the container id in any error. */
export async function uploadToContainer(run: RunContext, upload: ContainerUpload): Promise<void> {
	const { containerId, itemIndex, bytes } = upload;
	if (typeof upload.uri !== 'string' || !upload.uri) {
		throw createGraphApiError(
			run.ctx.getNode(),
			{
				kind: 'unknown',
				containerId,
				metaMessage: 'Meta did not return an upload address for the video',
			},
			itemIndex,
		);
	}
	run.progress(`uploading ${Math.ceil(bytes / 1_000_000)} MB of video to container ${containerId}`);
	await uploadVideoBytes(run.ctx, await run.client.connection(), {
		uri: upload.uri,
		body: await videoBytes(run, upload.binary),
		bytes,
		containerId,
		itemIndex,
	});
}

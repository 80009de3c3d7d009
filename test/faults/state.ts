// The sandbox's state as the soak reads it (GET /__sandbox/state), with each container traced to its item.
import type { RecordedRequest, Sandbox } from '../sandbox';
import { markerOfSize, markerOfText } from './media';

export interface SandboxContainer {
	id: string;
	accountId: string;
	createdAt: number;
	isCarouselItem: boolean;
	caption?: string;
	imageUrl?: string;
	videoUrl?: string;
	resumable: boolean;
	mediaIds: string[];
	status_code: string;
}

export interface SandboxMedia {
	id: string;
	containerId: string;
	isChild: boolean;
}

export interface SandboxSnapshot {
	containers: SandboxContainer[];
	media: SandboxMedia[];
	publishes: Record<string, { timestamps: number[]; quota_usage: number }>;
}

export async function readState(sandbox: Sandbox): Promise<SandboxSnapshot> {
	const response = await fetch(`${sandbox.url}/__sandbox/state`);
	return (await response.json()) as SandboxSnapshot;
}

/** Container id → the item marker: caption, typed URL, signed-URL binary, or the size of its upload. */
export function markersOf(
	state: SandboxSnapshot,
	requests: RecordedRequest[],
): Map<string, string> {
	const uploadSize = new Map<string, string>();
	for (const request of requests)
		if (request.endpoint === 'upload' && request.containerId)
			uploadSize.set(request.containerId, request.headers.file_size);
	const markers = new Map<string, string>();
	for (const c of state.containers) {
		const marker =
			markerOfText(c.caption) ??
			markerOfText(c.imageUrl) ??
			markerOfText(c.videoUrl) ??
			markerOfSize(uploadSize.get(c.id));
		if (marker) markers.set(c.id, marker);
	}
	return markers;
}

/** The item marker a createContainer request names (caption or media URL), if it names one. */
export function markerOfRequest(request: RecordedRequest): string | undefined {
	const { caption, image_url: image, video_url: video } = request.body;
	return markerOfText(caption) ?? markerOfText(image) ?? markerOfText(video);
}

/** Containers whose id reached the node: created with a 200 that was not lost or held back. */
export function deliveredContainers(
	requests: RecordedRequest[],
): Array<{ id: string; seq: number }> {
	return requests
		.filter(
			(r) =>
				r.endpoint === 'createContainer' &&
				r.status === 200 &&
				r.fault !== 'dropAfterCommit' &&
				r.fault !== 'slowResponse',
		)
		.map((r) => ({ id: String((r.response as { id?: unknown }).id), seq: r.seq }));
}

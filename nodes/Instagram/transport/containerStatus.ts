import type { GraphClient } from './graphClient';

/** Container lifecycle states from the IG Container reference. */
export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export interface ContainerStatus {
	id: string;
	status_code: ContainerStatusCode;
	status?: string;
}

/** The reply to creating a container, publishing it or posting a comment. */
export interface IdResponse {
	id: string;
}

/** One status read of a container, no waiting; a failure names the container (the user can resume it). */
export async function readContainerStatus(
	client: GraphClient,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus> {
	return await client.request<ContainerStatus>({
		method: 'GET',
		path: [containerId],
		qs: { fields: 'id,status_code,status' },
		itemIndex,
		errorContext: { containerId },
	});
}

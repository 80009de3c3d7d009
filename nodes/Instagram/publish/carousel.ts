import { graphDetailsOf } from '../transport/errors';
import { createContainer, mapWithLimit, MAX_PARALLEL_CHILD_REQUESTS } from './containers';
import type { BuiltContainer, WaitTiming } from './pipeline';
import type { RunContext } from './runContext';
import type { ContainerSpec } from './types';
import { waitForProcessing } from './wait';

export interface CarouselChild extends ContainerSpec {
	isVideo: boolean;
	childIndex: number;
}

export interface CarouselRequest {
	accountId: string;
	itemIndex: number;
	children: CarouselChild[];
	/** The parent's own params (caption, location…); `children` is added here. */
	parentParams: ContainerSpec['params'];
}

/**
 * Children created in parallel → video children waited for → CAROUSEL parent. Images are usually
 * ready at once; if Meta says the parent's children are not ready, every child is waited for and
 * the parent is created once more.
 */
export async function buildCarousel(
	run: RunContext,
	request: CarouselRequest,
	timing: WaitTiming,
): Promise<BuiltContainer> {
	const { accountId, itemIndex, children } = request;
	const waitFor = async (specs: CarouselChild[], ids: string[]) =>
		await mapWithLimit(
			specs,
			MAX_PARALLEL_CHILD_REQUESTS,
			async (spec, index) =>
				await waitForProcessing(run, {
					containerId: ids[index],
					...timing,
					itemIndex,
					label: spec.label,
					childIndex: spec.childIndex,
					url: spec.url,
				}),
		);
	const ids = await mapWithLimit(
		children,
		MAX_PARALLEL_CHILD_REQUESTS,
		async (spec) => await createContainer(run, accountId, spec, itemIndex),
	);
	const videos = children.filter((spec) => spec.isVideo);
	await waitFor(
		videos,
		ids.filter((_, index) => children[index].isVideo),
	);
	const parent: ContainerSpec = {
		params: { ...request.parentParams, children: ids.join(',') },
		label: 'Carousel',
	};
	const containerId = await createContainer(run, accountId, parent, itemIndex).catch(
		async (error: unknown) => {
			if (graphDetailsOf(error)?.kind !== 'notReady') return await Promise.reject(error);
			await waitFor(children, ids);
			return await createContainer(run, accountId, parent, itemIndex);
		},
	);
	return { containerId, children: ids };
}

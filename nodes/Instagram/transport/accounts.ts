import type { INode } from 'n8n-workflow';

import { asNodeError, graphDetailsOf } from './errors';
import type { GraphClient } from './graphClient';

/** An Instagram professional account reachable through a Facebook Page. */
export interface PageAccount {
	id: string;
	username?: string;
	pageId: string;
	pageName?: string;
}

interface PageNode {
	id: string;
	name?: string;
	instagram_business_account?: { id?: string; username?: string };
}

interface Paged<T> {
	data?: T[];
	paging?: { cursors?: { after?: string }; next?: string };
}

const PAGE_FIELDS = 'id,name,instagram_business_account{id,username}';
const PAGE_SIZE = 100;
/** Enough for 2,000 Pages per edge; a bound so a looping cursor can never hang the editor. */
const MAX_PAGES_PER_EDGE = 20;

/** Every item of a paged edge, following Meta's `after` cursor (never its `next` URL). */
async function readAll<T>(client: GraphClient, path: string[], fields: string): Promise<T[]> {
	const items: T[] = [];
	let after: string | undefined;
	for (let page = 0; page < MAX_PAGES_PER_EDGE; page++) {
		const answer = await client.request<Paged<T>>({
			method: 'GET',
			path,
			qs: { fields, limit: PAGE_SIZE, after },
		});
		items.push(...(answer.data ?? []));
		after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
		if (!after) break;
	}
	return items;
}

function kindOf(error: unknown): string | undefined {
	return graphDetailsOf(error)?.kind;
}

/** The user's own Pages, or, for a Page token (no `accounts` edge), that Page itself. */
async function ownPages(client: GraphClient, node: INode): Promise<PageNode[]> {
	try {
		return await readAll<PageNode>(client, ['me', 'accounts'], PAGE_FIELDS);
	} catch (error) {
		if (kindOf(error) !== 'invalidRequest') throw asNodeError(node, error);
		return [
			await client.request<PageNode>({ method: 'GET', path: ['me'], qs: { fields: PAGE_FIELDS } }),
		];
	}
}

/** Pages reachable only through Business Manager: owned and client Pages of every business. */
async function businessPages(client: GraphClient, node: INode): Promise<PageNode[]> {
	let businesses: Array<{ id: string }>;
	try {
		businesses = await readAll<{ id: string }>(client, ['me', 'businesses'], 'id,name');
	} catch (error) {
		// Without business_management (or for a Page token) there is simply nothing more to list.
		if (kindOf(error) === 'permission' || kindOf(error) === 'invalidRequest') return [];
		throw asNodeError(node, error);
	}
	const edges = businesses.flatMap((business) =>
		['owned_pages', 'client_pages'].map(
			async (edge) => await readAll<PageNode>(client, [business.id, edge], PAGE_FIELDS),
		),
	);
	return (await Promise.all(edges)).flat();
}

/**
 * Facebook Login: the Instagram accounts of the user's Pages and of the Pages of their businesses
 * (`/me/accounts`, `/me/businesses` → `owned_pages` / `client_pages`), every page of each, each
 * account once.
 */
export async function listPageAccounts(client: GraphClient, node: INode): Promise<PageAccount[]> {
	const own = await ownPages(client, node);
	const viaBusinesses = await businessPages(client, node);
	const seen = new Set<string>();
	const accounts: PageAccount[] = [];
	for (const page of [...own, ...viaBusinesses]) {
		const id = page.instagram_business_account?.id;
		if (!id || seen.has(id)) continue;
		seen.add(id);
		accounts.push({
			id,
			username: page.instagram_business_account?.username,
			pageId: page.id,
			pageName: page.name,
		});
	}
	return accounts;
}

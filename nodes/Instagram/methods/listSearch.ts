import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { createGraphClient } from '../transport/graphClient';
import type { AuthenticationMethod } from '../transport/connection';

interface PagesResponse {
	data?: Array<{
		id: string;
		name?: string;
		instagram_business_account?: { id: string; username?: string; name?: string };
	}>;
	paging?: { cursors?: { after?: string }; next?: string };
}

interface InstagramMeResponse {
	user_id?: string;
	username?: string;
	name?: string;
}

/** Lists the Instagram professional accounts the credential can publish to. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as AuthenticationMethod;
	const client = createGraphClient(this, authentication);
	const connection = await client.connection();
	let results: INodeListSearchItems[];
	let nextToken: string | undefined;
	if (connection.loginType === 'instagram') {
		const me = await client.request<InstagramMeResponse>({
			method: 'GET',
			path: ['me'],
			qs: { fields: 'user_id,username,name' },
		});
		results = me.user_id ? [{ name: `@${me.username ?? me.user_id}`, value: me.user_id }] : [];
	} else {
		const pages = await client.request<PagesResponse>({
			method: 'GET',
			path: ['me', 'accounts'],
			qs: {
				fields: 'id,name,instagram_business_account{id,username,name}',
				limit: 100,
				after: paginationToken,
			},
		});
		results = (pages.data ?? [])
			.filter((page) => page.instagram_business_account?.id)
			.map((page) => {
				const account = page.instagram_business_account as { id: string; username?: string };
				return {
					name: `@${account.username ?? account.id} (${page.name ?? page.id})`,
					value: account.id,
				};
			});
		nextToken = pages.paging?.next ? pages.paging.cursors?.after : undefined;
	}
	const needle = filter?.toLowerCase();
	return {
		results: needle
			? results.filter((result) => result.name.toLowerCase().includes(needle))
			: results,
		paginationToken: nextToken,
	};
}

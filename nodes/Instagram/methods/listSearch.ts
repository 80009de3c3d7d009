import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { listPageAccounts } from '../transport/accounts';
import type { AuthenticationMethod } from '../transport/connection';
import { createGraphClient } from '../transport/graphClient';

interface InstagramMeResponse {
	user_id?: string;
	username?: string;
}

/**
 * Lists the Instagram professional accounts the credential can publish to, as
 * `@username (Page name)`: for Facebook Login those of the user's Pages and of their businesses'
 * owned and client Pages; for Instagram Login the token's own account. The search text matches
 * the username, the Page name or the ID.
 */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as AuthenticationMethod;
	const client = createGraphClient(this, authentication);
	const connection = await client.connection();
	let results: INodeListSearchItems[];
	if (connection.loginType === 'instagram') {
		const me = await client.request<InstagramMeResponse>({
			method: 'GET',
			path: ['me'],
			qs: { fields: 'user_id,username' },
		});
		results = me.user_id ? [{ name: `@${me.username ?? me.user_id}`, value: me.user_id }] : [];
	} else {
		results = (await listPageAccounts(client, this.getNode())).map((account) => ({
			name: `@${account.username ?? account.id} (${account.pageName ?? account.pageId})`,
			value: account.id,
		}));
	}
	const needle = filter?.trim().toLowerCase();
	return {
		results: needle
			? results.filter(
					(result) =>
						result.name.toLowerCase().includes(needle) || String(result.value).includes(needle),
				)
			: results,
	};
}

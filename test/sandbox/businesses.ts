// Business Manager listing (reference §3): `GET /me/businesses`, `GET /{business}/owned_pages` and
// `GET /{business}/client_pages`, paged like every Graph edge. Pages reached this way are listed only
// (the Facebook user token cannot publish to them in the sandbox); one owned Page repeats a Page of
// `/me/accounts`, and some client Pages have no Instagram account.
import { NODE_TYPE, paginate, type Ctx, type Target } from './context';
import { E } from './errors';
import { project, type FieldGetter, type FieldSpec } from './fields';
import type { SandboxAccount } from './types';

export interface BusinessPage {
	id: string;
	name: string;
	instagram?: { id: string; username: string; name: string };
}

export interface Business {
	id: string;
	name: string;
	owned: BusinessPage[];
	client: BusinessPage[];
}

/** More than one page of 100: listing them needs the `after` cursor. */
export const CLIENT_PAGE_COUNT = 130;

export function seedBusinesses(accounts: SandboxAccount[]): Business[] {
	const first = accounts[0];
	const client: BusinessPage[] = [];
	for (let n = 1; n <= CLIENT_PAGE_COUNT; n++) {
		const nn = String(n).padStart(3, '0');
		const page: BusinessPage = { id: `104000000001${nn}`, name: `Client ${nn}` };
		// Every fifth client Page has no Instagram account linked.
		if (n % 5 !== 0)
			page.instagram = {
				id: `17841400000001${nn}`,
				username: `client_${nn}`,
				name: `Client ${nn}`,
			};
		client.push(page);
	}
	client[2] = { ...client[2], name: 'Corner Cafe' };
	return [
		{
			id: '2010000000000001',
			name: 'Sandbox Agency',
			owned: [
				{
					id: first.pageId,
					name: first.pageName,
					instagram: { id: first.id, username: first.username, name: first.name },
				},
				{
					id: '104000000000003',
					name: 'Agency Studio',
					instagram: { id: '17841400000000003', username: 'agency_studio', name: 'Agency Studio' },
				},
			],
			client,
		},
	];
}

/** The business endpoints' targets, or undefined for any other path. */
export function classifyBusiness(
	businesses: Business[],
	id: string,
	edge: string | undefined,
	rest: string[],
): Target | undefined {
	if (rest.length > 0) return undefined;
	if (id === 'me' && edge === 'businesses')
		return { endpoint: 'businesses', node: 'fbUser', id, edge };
	if (businesses.some((b) => b.id === id) && (edge === 'owned_pages' || edge === 'client_pages'))
		return { endpoint: 'businessPages', node: 'unknown', id, edge };
	return undefined;
}

function igGetters(ig: NonNullable<BusinessPage['instagram']>): Record<string, FieldGetter> {
	return { id: () => ig.id, username: () => ig.username, name: () => ig.name };
}

function pageGetters(page: BusinessPage): Record<string, FieldGetter> {
	return {
		id: () => page.id,
		name: () => page.name,
		instagram_business_account: (sub: FieldSpec[] | undefined) =>
			page.instagram ? project(sub, igGetters(page.instagram), NODE_TYPE.igUser) : undefined,
	};
}

export function readBusinesses(ctx: Ctx, businesses: Business[]): unknown {
	if (ctx.identity.kind !== 'facebook') throw E.unsupported(ctx.method, ctx.target.id);
	const { target } = ctx;
	if (target.endpoint === 'businesses') {
		const items = businesses.map((b) =>
			project(ctx.fields, { id: () => b.id, name: () => b.name }, 'Business', ['name', 'id']),
		);
		return paginate(ctx, items, (b) => String(b.id));
	}
	const business = businesses.find((b) => b.id === target.id) as Business;
	const pages = target.edge === 'owned_pages' ? business.owned : business.client;
	const items = pages.map((p) =>
		project(ctx.fields, pageGetters(p), NODE_TYPE.page, ['name', 'id']),
	);
	return paginate(ctx, items, (p) => String(p.id));
}

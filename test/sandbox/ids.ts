// Seed data (accounts, tokens) and id generators. All values are obviously fake.
import { randomBytes } from 'crypto';

import type { SandboxAccount, SandboxTokens } from './types';

export const TOKENS: SandboxTokens = {
	facebook: 'EAASandboxUserToken0001DummyZBZAqN7xLm2Pz7Rt4Vw8Yb3Nc6Hd1Jf5Gs0KvTq9ZCZBZDZD',
	page: 'EAASandboxPageToken0001DummyZBZAhR3kWq8Tn5Xy2Lb7Mc4Vd9Fg6Js1Pz0QeZCZBZDZD',
	instagram: 'IGAASandboxInstagramToken0001DummyBZAZDvK8mQ2xT7nR4wL9pY3cH6jF1sD5gZD',
	expired: 'EAASandboxExpiredToken0001DummyZBZAtY6uI3oP8aS2dF7gH4jK9lZ1xC5vB0nZCZBZDZD',
};

/** Token of the second account's Page (returned by `/me/accounts`). */
export const PAGE2_TOKEN = 'EAASandboxPageToken0002DummyZBZAmN4bV7cX1zL8kJ5hG2fD9sA6pO3iUZCZBZDZD';

export const FB_USER = { id: '10160000000000001', name: 'Sandbox Tester' };

export function seedAccounts(): SandboxAccount[] {
	return [
		{
			id: '17841400000000001',
			username: 'sandbox_brand',
			pageId: '104000000000001',
			pageName: 'Sandbox Brand',
			name: 'Sandbox Brand',
			appScopedId: '26000000000000001',
			pageToken: TOKENS.page,
		},
		{
			id: '17841400000000002',
			username: 'sandbox_shop',
			pageId: '104000000000002',
			pageName: 'Sandbox Shop',
			name: 'Sandbox Shop',
			appScopedId: '26000000000000002',
			pageToken: PAGE2_TOKEN,
		},
	];
}

/** Monotonic numeric-string ids; never reused within one sandbox, even across reset(). */
export class IdFactory {
	private n = 0;

	private next(prefix: string): string {
		this.n += 1;
		return prefix + String(40_000_000_000_000 + this.n * 7_919_003);
	}

	container(): string {
		return this.next('1789');
	}

	media(): string {
		return this.next('1792');
	}

	comment(): string {
		return this.next('1786');
	}
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 11-char Instagram-style shortcode derived from a media id. */
export function shortcodeFor(mediaId: string): string {
	const base = BigInt(64);
	let n = BigInt(mediaId);
	let out = '';
	while (n > BigInt(0)) {
		out = B64[Number(n % base)] + out;
		n /= base;
	}
	return ('D' + out.padStart(10, 'A')).slice(0, 11);
}

/** Opaque base64-ish trace id, like `A6LJylpZRKw2xKLFsAP-cJh`. */
export function traceId(): string {
	return 'A' + randomBytes(16).toString('base64url').slice(0, 22);
}

/** `YYYY-MM-DDTHH:MM:SS+0000`. */
export function graphTimestamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19) + '+0000';
}

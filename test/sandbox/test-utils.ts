// Shared helpers of the sandbox's own tests.
import axios, { type AxiosInstance } from 'axios';

import { startSandbox, type Sandbox, type SandboxOptions } from './index';

export const IG = '17841400000000001';
export const IG2 = '17841400000000002';
export const JPG = 'https://cdn.example.com/a.jpg';
export const MP4 = 'https://cdn.example.com/clip.mp4';
export const T0 = Date.parse('2026-03-01T12:00:00Z');

export function client(sb: Sandbox, token = sb.tokens.facebook): AxiosInstance {
	return axios.create({
		baseURL: `${sb.url}/v25.0`,
		headers: { Authorization: `Bearer ${token}` },
		validateStatus: () => true,
	});
}

/** Sandboxes on a controllable clock, closed after each test. */
export function sandboxes() {
	const opened: Sandbox[] = [];
	const h = {
		now: T0,
		async open(o: SandboxOptions = {}) {
			const sb = await startSandbox({ now: () => h.now, ...o });
			opened.push(sb);
			return { sb, api: client(sb) };
		},
	};
	beforeEach(() => {
		h.now = T0;
	});
	afterEach(async () => {
		await Promise.all(opened.splice(0).map((s) => s.close()));
	});
	return h;
}

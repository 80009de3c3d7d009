/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only tooling, never shipped in dist/ */
// A plain HTTP host for one JPEG, standing in for the image host an HTTP Request node downloads from.
import { randomBytes } from 'crypto';
import { createServer, type Server } from 'http';

/** A baseline JPEG header (SOI, JFIF APP0, SOF0 with the given size) and random entropy-coded bytes, then EOI. */
export function jpeg(width: number, height: number, payload: number): Buffer {
	const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
	const size = [height >> 8, height & 255, width >> 8, width & 255];
	const sof0 = Buffer.from([0xff, 0xc0, 0, 11, 8, ...size, 1, 1, 0x11, 0]);
	const soi = Buffer.from([0xff, 0xd8]);
	return Buffer.concat([soi, app0, sof0, randomBytes(payload), Buffer.from([0xff, 0xd9])]);
}

export interface ImageHost {
	url: string;
	downloads: number;
	close(): Promise<void>;
}

export async function serveImage(image: Buffer): Promise<ImageHost> {
	const host = { url: '', downloads: 0, close: async () => {} };
	const server: Server = createServer((req, res) => {
		host.downloads++;
		res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': image.length });
		res.end(req.method === 'HEAD' ? undefined : image);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	host.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/photo.jpg`;
	host.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return host;
}

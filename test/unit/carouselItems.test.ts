import { parseCarouselItems } from '../../nodes/Instagram/parameters/carouselItems';

describe('carousel items from binary data', () => {
	const jsonRef = { name: 'itemsJson', displayName: 'Items (JSON)' };
	const listRef = { name: 'items', displayName: 'Items' };

	it('reads JSON entries naming a binary property, with or without a type, mixed with URLs', () => {
		expect(
			parseCarouselItems(
				'[{"binaryPropertyName":" photo ","altText":"A cat"},{"type":"VIDEO","binaryPropertyName":"clip"},"https://x.com/3.jpg"]',
				jsonRef,
			),
		).toEqual([
			{ binaryPropertyName: 'photo', altText: 'A cat' },
			{ type: 'video', binaryPropertyName: 'clip' },
			{ type: 'image', url: 'https://x.com/3.jpg' },
		]);
	});

	it('reads the fixed list by its source: binary uses the field, url ignores it', () => {
		expect(
			parseCarouselItems(
				[
					{ type: 'image', source: 'binary', binaryPropertyName: 'image1', url: '' },
					{ type: 'video', source: 'url', binaryPropertyName: 'data', url: 'https://x.com/2.mp4' },
					{ type: 'image', url: 'https://x.com/3.jpg' },
				],
				listRef,
			),
		).toEqual([
			{ type: 'image', binaryPropertyName: 'image1' },
			{ type: 'video', url: 'https://x.com/2.mp4' },
			{ type: 'image', url: 'https://x.com/3.jpg' },
		]);
	});

	it.each([
		[
			[{ binaryPropertyName: 'a', url: 'https://x.com/1.jpg' }, 'https://x.com/2.jpg'],
			/#1.*both a url and a binaryPropertyName/,
		],
		[
			[{ binaryPropertyName: '  ' }, 'https://x.com/2.jpg'],
			/'Items \(JSON\) #1 Input Binary Field' \(itemsJson\[0\]\) is required/,
		],
		[[{ binaryPropertyName: 7 }, 'https://x.com/2.jpg'], /#1 Input Binary Field.*is required/],
		[['https://x.com/1.jpg', { type: 'gif', binaryPropertyName: 'a' }], /#2.*unknown type "gif"/],
		[
			['https://x.com/1.jpg', { type: 'video', binaryPropertyName: 'a', altText: 'no' }],
			/#2.*alt text/,
		],
	])('rejects %j', (input, message) => {
		expect(() => parseCarouselItems(input, jsonRef)).toThrow(message);
	});

	it('refuses loopback URLs unless the Graph API is local', () => {
		const urls = ['https://x.com/1.jpg', 'http://127.0.0.1:9/2.jpg'];
		expect(() => parseCarouselItems(urls, jsonRef)).toThrow(/#2 URL.*must be a public URL/);
		expect(parseCarouselItems(urls, jsonRef, { allowPrivateHosts: true })[1]).toEqual({
			type: 'image',
			url: 'http://127.0.0.1:9/2.jpg',
		});
	});
});

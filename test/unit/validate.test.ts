import { inferMediaType, parseCarouselItems } from '../../nodes/Instagram/parameters/carouselItems';
import { parseCollaborators, parseUserTags } from '../../nodes/Instagram/parameters/tags';
import {
	checkAltText,
	checkCaption,
	checkGraphId,
	checkInteger,
	checkMediaUrl,
	InvalidParameterError,
} from '../../nodes/Instagram/parameters/validate';

const ref = { name: 'imageUrl', displayName: 'Image URL' };

describe('checkMediaUrl', () => {
	it.each([
		['https://cdn.example.com/a.jpg', 'https://cdn.example.com/a.jpg'],
		['  http://cdn.example.com/a.jpg ', 'http://cdn.example.com/a.jpg'],
		[
			'https://cdn.example.com/ünïcode photo.jpg',
			'https://cdn.example.com/%C3%BCn%C3%AFcode%20photo.jpg',
		],
	])('accepts %s', (input, expected) => {
		expect(checkMediaUrl(input, ref)).toBe(expected);
	});
	it.each([
		['', /is required/],
		[undefined, /is required/],
		['not a url', /is not a valid URL/],
		['ftp://cdn.example.com/a.jpg', /must be an http\(s\) URL/],
		['file:///etc/passwd', /must be an http\(s\) URL/],
		['http://localhost:8080/a.jpg', /must be a public URL/],
		['http://127.0.0.1/a.jpg', /must be a public URL/],
		['http://192.168.1.20/a.jpg', /must be a public URL/],
		['http://10.0.0.5/a.jpg', /must be a public URL/],
		['http://172.20.1.1/a.jpg', /must be a public URL/],
		['http://[::1]/a.jpg', /must be a public URL/],
		['http://nas.local/a.jpg', /must be a public URL/],
		['https://user:pw@cdn.example.com/a.jpg', /user name or password/],
		['https://cdn.exаmple.com/a.jpg', /non-ASCII characters in its host name/],
		['https://bücher.example/a.jpg', /non-ASCII characters in its host name/],
	])('rejects %s', (input, message) => {
		expect(() => checkMediaUrl(input, ref)).toThrow(message);
	});
	it('names the parameter', () => {
		expect(() => checkMediaUrl('', ref)).toThrow("'Image URL' (imageUrl) is required");
	});
});

describe('checkCaption', () => {
	const caption = { name: 'caption', displayName: 'Caption' };
	it('accepts Meta limits exactly', () => {
		expect(checkCaption('a'.repeat(2200), caption)).toHaveLength(2200);
		expect(
			checkCaption(Array.from({ length: 30 }, (_, i) => `#tag${i}`).join(' '), caption),
		).toBeDefined();
		expect(
			checkCaption(Array.from({ length: 20 }, (_, i) => `@user${i}`).join(' '), caption),
		).toBeDefined();
		expect(checkCaption('', caption)).toBeUndefined();
	});
	it.each([
		['a'.repeat(2201), /2201 characters long; Instagram allows 2200/],
		[Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '), /31 hashtags/],
		[Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' '), /21 @-mentions/],
	])('rejects over-limit captions', (input, message) => {
		expect(() => checkCaption(input, caption)).toThrow(message);
	});
	it('does not count e-mail addresses or URL fragments', () => {
		const text = `${Array.from({ length: 20 }, (_, i) => `@user${i}`).join(' ')} mail me: a@example.com https://x.com/#anchor`;
		expect(checkCaption(text, caption)).toBe(text);
	});
});

describe('other checks', () => {
	it('alt text ≤ 1000', () => {
		expect(checkAltText('a'.repeat(1000), ref)).toHaveLength(1000);
		expect(() => checkAltText('a'.repeat(1001), ref)).toThrow(/1001 characters/);
	});
	it('graph ids are numeric', () => {
		expect(checkGraphId('17841400000000001', ref)).toBe('17841400000000001');
		expect(checkGraphId('me', ref, { allowMe: true })).toBe('me');
		for (const bad of ['me', '123/../x', '1789?fields=x', 'abc', ''])
			expect(() => checkGraphId(bad, ref)).toThrow(InvalidParameterError);
	});
	it('integers in bounds, 0 allowed', () => {
		expect(checkInteger(0, ref, 0, 10)).toBe(0);
		expect(() => checkInteger(-1, ref, 0, 10)).toThrow(/from 0 to 10/);
		expect(() => checkInteger(1.5, ref, 0, 10)).toThrow(InvalidParameterError);
	});
});

describe('tags and collaborators', () => {
	const tagsRef = { name: 'additionalFields.userTags', displayName: 'User Tags' };
	it('requires positions on images, omits them on video', () => {
		expect(parseUserTags([{ username: '@jane.doe', x: 0.1, y: 0.9 }], tagsRef, 'required')).toEqual(
			[{ username: 'jane.doe', x: 0.1, y: 0.9 }],
		);
		expect(() => parseUserTags([{ username: 'jane' }], tagsRef, 'required')).toThrow(
			/needs x and y/,
		);
		expect(parseUserTags([{ username: 'jane', x: 0.5, y: 0.5 }], tagsRef, 'omit')).toEqual([
			{ username: 'jane' },
		]);
		expect(parseUserTags('[{"username":"jane"}]', tagsRef, 'optional')).toEqual([
			{ username: 'jane' },
		]);
		expect(parseUserTags([], tagsRef, 'required')).toBeUndefined();
	});
	it('rejects bad tags', () => {
		expect(() => parseUserTags([{ username: 'jane', x: 1.2, y: 0 }], tagsRef, 'required')).toThrow(
			/outside 0–1/,
		);
		expect(() => parseUserTags([{ username: 'not valid!' }], tagsRef, 'optional')).toThrow(
			/invalid Instagram username/,
		);
		expect(() => parseUserTags('{oops', tagsRef, 'optional')).toThrow(/not valid JSON/);
		expect(() =>
			parseUserTags(
				Array.from({ length: 21 }, (_, i) => ({ username: `u${i}` })),
				tagsRef,
				'optional',
			),
		).toThrow(/21 tags/);
	});
	it('collaborators: strips @, splits on commas, max 5', () => {
		expect(parseCollaborators('@brand, jane.doe', ref)).toEqual(['brand', 'jane.doe']);
		expect(parseCollaborators('', ref)).toBeUndefined();
		expect(() => parseCollaborators('a,b,c,d,e,f', ref)).toThrow(/6 usernames/);
	});
});

describe('carousel items', () => {
	const itemsRef = { name: 'itemsJson', displayName: 'Items (JSON)' };
	it.each([
		['https://x.com/a.JPG?w=1', 'image'],
		['https://x.com/a.jpeg', 'image'],
		['https://x.com/a.mp4', 'video'],
		['https://x.com/a.mov#t', 'video'],
		['https://x.com/a.png', undefined],
		['https://x.com/a', undefined],
	])('infers %s → %s', (url, type) => {
		expect(inferMediaType(url)).toBe(type);
	});
	it('accepts URL strings and objects, from JSON text or arrays', () => {
		const items = parseCarouselItems(
			'["https://x.com/1.jpg", {"type":"video","url":"https://x.com/2"}, {"url":"https://x.com/3.jpg","altText":"A cat"}]',
			itemsRef,
		);
		expect(items).toEqual([
			{ type: 'image', url: 'https://x.com/1.jpg' },
			{ type: 'video', url: 'https://x.com/2' },
			{ type: 'image', url: 'https://x.com/3.jpg', altText: 'A cat' },
		]);
	});
	it.each([
		[['https://x.com/1.jpg'], /has 1 item\(s\); a carousel needs 2 to 10/],
		[Array.from({ length: 11 }, (_, i) => `https://x.com/${i}.jpg`), /has 11 item\(s\)/],
		[['https://x.com/1.jpg', 'https://x.com/2'], /Items \(JSON\) #2.*has no type/],
		[['https://x.com/1.jpg', { type: 'gif', url: 'https://x.com/2.gif' }], /unknown type "gif"/],
		[
			['https://x.com/1.jpg', { type: 'video', url: 'https://x.com/2.mp4', altText: 'no' }],
			/alt text/,
		],
		[['https://x.com/1.jpg', 'http://localhost/2.jpg'], /#2 URL.*must be a public URL/],
		['not json', /not valid JSON/],
		[{ url: 'x' }, /must be a list/],
	])('rejects %j', (input, message) => {
		expect(() => parseCarouselItems(input, itemsRef)).toThrow(message);
	});
});

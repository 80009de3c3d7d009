import type { IDataObject } from 'n8n-workflow';

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
};

/** XML/HTML character references (what xml2js and rss-parser's `entities.decode` undo). */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, ref: string) => {
		if (ref[0] === '#') {
			const code =
				ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : match;
		}
		return ENTITIES[ref.toLowerCase()] ?? match;
	});
}

/** Element text: CDATA kept verbatim, everything else entity-decoded, as xml2js does. */
function elementText(raw: string): string {
	return raw
		.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
		.map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
		.join('')
		.trim();
}

function attributes(raw: string): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [, name, value] of raw.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g))
		result[name] = decodeEntities(value);
	for (const [, name, value] of raw.matchAll(/([\w:-]+)\s*=\s*'([^']*)'/g))
		result[name] = decodeEntities(value);
	return result;
}

const escapeTag = (tag: string) => tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** rss-parser's `contentSnippet`: tags stripped, entities decoded, trimmed. */
const snippet = (html: string) => decodeEntities(html.replace(/<(?:.|\n)*?>/gm, '')).trim();

/**
 * Pure: the items of an RSS 2.0 document in the shape n8n's RSS Read node outputs (rss-parser's
 * `items`): creator, title, link, pubDate, dc:creator, content:encoded(+Snippet), enclosure
 * `{ url, length, type }`, content/contentSnippet (from description, else content:encoded),
 * guid, categories, isoDate. Absent fields are left out, as rss-parser does.
 */
export function parseRss(xml: string): IDataObject[] {
	return [...xml.matchAll(/<item\b[^>]*>([\s\S]*?)<\/item>/g)].map(([, body]) => {
		const text = (tag: string) => {
			const match = new RegExp(
				`<${escapeTag(tag)}(?:\\s[^>]*)?>([\\s\\S]*?)</${escapeTag(tag)}>`,
			).exec(body);
			return match ? elementText(match[1]) : undefined;
		};
		const item: IDataObject = {};
		const set = (key: string, value: IDataObject[string] | undefined) => {
			if (value !== undefined) item[key] = value;
		};
		set('creator', text('dc:creator') ?? text('author'));
		set('title', text('title'));
		set('link', text('link'));
		set('pubDate', text('pubDate'));
		set('author', text('author'));
		set('dc:creator', text('dc:creator'));
		const encoded = text('content:encoded');
		set('content:encoded', encoded);
		set('content:encodedSnippet', encoded === undefined ? undefined : snippet(encoded));
		const enclosure = /<enclosure\b([^>]*?)\/?>/.exec(body)?.[1];
		if (enclosure) item.enclosure = attributes(enclosure);
		const content = text('description') ?? encoded;
		set('content', content);
		set('contentSnippet', content === undefined ? undefined : snippet(content));
		set('guid', text('guid'));
		const categories = [...body.matchAll(/<category\b[^>]*>([\s\S]*?)<\/category>/g)].map(
			([, raw]) => elementText(raw),
		);
		if (categories.length) item.categories = categories;
		const date = item.pubDate;
		if (typeof date === 'string' && !Number.isNaN(Date.parse(date)))
			item.isoDate = new Date(date).toISOString();
		return item;
	});
}

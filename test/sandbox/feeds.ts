// RSS 2.0 fixtures for the example workflows (`/__sandbox/feeds/news.xml`, `gallery.xml`).

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function channel(title: string, link: string, items: string[]): string {
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
		'<channel>',
		`<title>${esc(title)}</title>`,
		`<link>${link}</link>`,
		`<description>${esc(title)} (Graph sandbox fixture)</description>`,
		'<language>en-us</language>',
		'<lastBuildDate>Tue, 03 Mar 2026 09:00:00 +0000</lastBuildDate>',
		...items,
		'</channel>',
		'</rss>',
		'',
	].join('\n');
}

const NEWS = [
	{ title: 'Spring collection lands in stores', day: '01', length: 245_760 },
	{ title: 'Behind the scenes: our studio', day: '02', length: 198_412 },
	{ title: 'Five tips for summer styling', day: '03', length: 311_054 },
];

export function newsFeed(base: string): string {
	const items = NEWS.map((n, i) => {
		const k = i + 1;
		const link = `https://news.example.com/articles/${k}`;
		return [
			'<item>',
			`<guid isPermaLink="false">sandbox-news-${k}</guid>`,
			`<title>${esc(n.title)}</title>`,
			`<link>${link}</link>`,
			`<description>${esc(`${n.title}. Read more at ${link} #sandbox #news`)}</description>`,
			`<pubDate>${['Sun', 'Mon', 'Tue'][i]}, ${n.day} Mar 2026 08:00:00 +0000</pubDate>`,
			`<enclosure url="https://cdn.example.com/news/${k}.jpg" type="image/jpeg" length="${n.length}"/>`,
			'</item>',
		].join('\n');
	});
	return channel('Sandbox News', `${base}/__sandbox/feeds/news.xml`, items);
}

export function galleryFeed(base: string): string {
	const items = [1, 2].map((k) => {
		const imgs = [1, 2, 3].map(
			(j) => `<img src="https://cdn.example.com/gallery/${k}-${j}.jpg" alt="Photo ${j}">`,
		);
		const html = `<p>Gallery ${k}: three new photos.</p>${imgs.join('')}`;
		return [
			'<item>',
			`<guid isPermaLink="false">sandbox-gallery-${k}</guid>`,
			`<title>Gallery ${k}</title>`,
			`<link>https://gallery.example.com/albums/${k}</link>`,
			`<description>${esc(html)}</description>`,
			`<content:encoded><![CDATA[${html}]]></content:encoded>`,
			`<pubDate>${k === 1 ? 'Mon, 02' : 'Tue, 03'} Mar 2026 10:00:00 +0000</pubDate>`,
			'</item>',
		].join('\n');
	});
	return channel('Sandbox Gallery', `${base}/__sandbox/feeds/gallery.xml`, items);
}

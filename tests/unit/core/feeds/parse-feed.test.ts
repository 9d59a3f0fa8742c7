import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotAFeed, parseFeedDocument } from '../../../../functions/core/feeds/parse-feed';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url));
const parse = (name: string, contentType?: string, base = 'http://127.0.0.1:8080/feeds/x') =>
  parseFeedDocument(fixture(name), contentType, base);

/** The `publishedAt` an RSS feed of one item per date gives each of `dates`. */
function datesRead(dates: readonly string[]): (string | undefined)[] {
  const items = dates.map((d, i) => `<item><title>t${i}</title><link>https://x.example/${i}</link><pubDate>${d}</pubDate></item>`).join('');
  const doc = Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>D</title>${items}</channel></rss>`);
  return parseFeedDocument(doc, 'application/rss+xml', 'https://x.example/rss').items.map((i) => i.publishedAt);
}

/** What `read` gives with the process in Tokyo's time zone (nine hours from UTC): a date must not depend on the host's. */
function inTokyo<T>(read: () => T): T {
  const zone = process.env.TZ;
  process.env.TZ = 'Asia/Tokyo';
  try {
    return read();
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
}

describe('parseFeedDocument: RSS 2.0 with the usual mess', () => {
  const feed = parse('rss2-mess.xml');
  const [bout, markets, undated, oddDate, repeated, noLink] = feed.items;

  it('reads the format, the title and every item in order', () => {
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Example Wire');
    expect(feed.items).toHaveLength(6);
  });

  it('turns CDATA and HTML in titles and descriptions into clean text without scripts or styles', () => {
    expect(bout?.title).toBe('Lawyers for Viktor Bout seek release');
    expect(bout?.text).toBe(
      'Lawyers for Viktor Bout said on Tuesday & Wednesday that he could be traded.\nSecond paragraph — with entities “quoted”.',
    );
    expect(bout?.text).not.toMatch(/alert|color|<|&amp;|&nbsp;/);
  });

  it("resolves a relative link against the channel's link", () => {
    expect(bout?.link).toBe('https://news.example.com/world/bout-lawyers?utm_source=rss');
  });

  it('prefers content:encoded over the description and marks it as full content', () => {
    expect(markets?.text).toBe('Markets\nStocks rose on Wednesday as investors cheered earnings.\nDow up\nFTSE flat');
    expect(markets?.hasFullContent).toBe(true);
    expect(bout?.hasFullContent).toBe(false);
  });

  it('reads RFC 822 dates as UTC ISO and leaves missing or unreadable dates out', () => {
    expect(bout?.publishedAt).toBe('2022-08-02T14:30:00.000Z');
    expect(markets?.publishedAt).toBe('2022-08-03T09:00:00.000Z');
    expect(undated?.publishedAt).toBeUndefined();
    expect(oddDate?.publishedAt).toBeUndefined();
  });

  it('leaves out a date whose day its month does not have, rather than rolling it into the next month', () => {
    const dates = [
      'Thu, 31 Feb 2022 14:30:00 GMT',
      'Tue, 29 Feb 2022 10:00:00 GMT',
      'Sat, 29 Feb 2020 10:00:00 GMT',
      '2022-02-30T10:00:00Z',
      '2024-02-29T10:00:00Z',
      'Mon, 1 Aug 22 10:00:00 GMT',
    ];

    const read = datesRead(dates);

    expect(read).toEqual([
      undefined,
      undefined,
      '2020-02-29T10:00:00.000Z',
      undefined,
      '2024-02-29T10:00:00.000Z',
      '2022-08-01T10:00:00.000Z',
    ]);
  });

  it('reads dotted dates day first, leaves out the forms it would have to guess, and reads a time without a zone as UTC on any host', () => {
    const dates = [
      '08.12.2022 18:30 +0300',
      '08.12.2022',
      '08/12/2022',
      '0',
      'Dec 2022',
      'Thu, 08 Dec 2022 18:30:00',
      '2022-12-08T10:00:00',
      'December 8, 2022 10:00',
    ];
    const read = inTokyo(() => datesRead(dates));

    expect(read).toEqual([
      '2022-12-08T15:30:00.000Z',
      '2022-12-08T00:00:00.000Z',
      undefined,
      undefined,
      undefined,
      '2022-12-08T18:30:00.000Z',
      '2022-12-08T10:00:00.000Z',
      '2022-12-08T10:00:00.000Z',
    ]);
  });

  it('keeps the zones and forms real feeds write: an offset before a comment, RFC 850, year-first slashes, MSK, fractions, a day alone', () => {
    const read = inTokyo(() =>
      datesRead([
        'Thu, 08 Dec 2022 18:30:00 +0300 (MSK)',
        'Thu Dec 08 2022 18:30:00 GMT+0300 (Moscow Standard Time)',
        'Thursday, 08-Dec-22 18:30:00 GMT',
        '2022/12/08 10:00 +0300',
        'Thu, 08 Dec 2022 18:30:00 MSK',
        '08.12.2022 18:30:00.000 +0300',
        '08 Dec 2022',
        'Feb 31, 2022 10:00',
      ]),
    );

    expect(read).toEqual([
      '2022-12-08T15:30:00.000Z',
      '2022-12-08T15:30:00.000Z',
      '2022-12-08T18:30:00.000Z',
      '2022-12-08T07:00:00.000Z',
      '2022-12-08T15:30:00.000Z',
      '2022-12-08T15:30:00.000Z',
      '2022-12-08T00:00:00.000Z',
      undefined,
    ]);
  });

  it("reads an item's own language: JSON Feed 1.1's and an Atom entry's xml:lang, beside the feed's", () => {
    const json = Buffer.from(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        language: 'en-US',
        items: [
          { id: '1', url: 'https://x.example/1', content_text: 'Bonjour', language: 'fr' },
          { id: '2', url: 'https://x.example/2', content_text: 'Hello' },
        ],
      }),
    );
    const atom = Buffer.from(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>T</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
  <entry xml:lang="ru"><id>urn:1</id><title>Бут</title><updated>2024-01-01T00:00:00Z</updated><link href="https://x.example/ru"/></entry>
</feed>`);

    const fromJson = parseFeedDocument(json, 'application/feed+json', 'https://x.example/feed.json');
    const fromAtom = parseFeedDocument(atom, 'application/atom+xml', 'https://x.example/atom');

    expect(fromJson.language).toBe('en-US');
    expect(fromJson.items.map((i) => i.language)).toEqual(['fr', undefined]);
    expect(fromAtom.items[0]?.language).toBe('ru');
  });

  it("takes an Atom entry's HTML page as its link: never an enclosure, and an HTML alternate before a PDF", () => {
    const entry = (id: string, links: string) =>
      `<entry><id>urn:${id}</id><title>${id}</title><updated>2024-01-01T00:00:00Z</updated>${links}</entry>`;
    const atom = Buffer.from(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
${entry('episode', '<link rel="enclosure" type="audio/mpeg" href="https://x.example/e.mp3"/>')}
${entry('report', '<link rel="alternate" type="application/pdf" href="https://x.example/r.pdf"/><link rel="alternate" type="text/html" href="https://x.example/r.html"/>')}
${entry('plain', '<link rel="related" href="https://x.example/other"/><link href="https://x.example/p"/>')}
</feed>`);

    const links = parseFeedDocument(atom, 'application/atom+xml', 'https://x.example/atom').items.map((i) => i.link);

    expect(links).toEqual([undefined, 'https://x.example/r.html', 'https://x.example/p']);
  });

  it("resolves an Atom entry's relative link against xml:base (the feed's, then the entry's own), and reads the feed's xml:lang", () => {
    const atom = Buffer.from(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://news.example.org/atom/base/">
  <title>T</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated><link href="https://news.example.org/"/>
  <entry><id>urn:1</id><title>a</title><updated>2024-01-01T00:00:00Z</updated><link href="entries/one.html"/></entry>
  <entry xml:base="https://news.example.org/other/"><id>urn:2</id><title>b</title><updated>2024-01-01T00:00:00Z</updated><link href="x/two.html"/></entry>
</feed>`);

    const feed = parseFeedDocument(atom, 'application/atom+xml', 'https://news.example.org/feed.xml');

    expect(feed.items.map((i) => i.link)).toEqual([
      'https://news.example.org/atom/base/entries/one.html',
      'https://news.example.org/other/x/two.html',
    ]);
    expect(feed.language).toBe('en');
  });

  it("reads an RSS 1.0 feed's language from its dc:language", () => {
    const rdf = Buffer.from(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>T</title><link>https://x.example/</link><description>d</description><dc:language>ru</dc:language></channel>
  <item rdf:about="https://x.example/1"><title>a</title><link>https://x.example/1</link></item>
</rdf:RDF>`);

    expect(parseFeedDocument(rdf, 'application/rdf+xml', 'https://x.example/rss').language).toBe('ru');
  });

  it('keeps a guid when there is one, and a link-less item by its guid and dc:date', () => {
    expect(bout?.guid).toBe('wire-1001');
    expect(undated?.guid).toBeUndefined();
    expect(noLink?.link).toBeUndefined();
    expect(noLink?.guid).toBe('wire-no-link-7');
    expect(noLink?.publishedAt).toBe('2022-08-04T10:00:00.000Z');
    expect(repeated?.link).toBe(markets?.link);
  });
});

describe('parseFeedDocument: the other formats', () => {
  it('reads RSS 1.0 (RDF) with dc:date in any offset', () => {
    const feed = parse('rss1.rdf');
    expect(feed.format).toBe('rdf');
    expect(feed.items.map((i) => i.link)).toEqual(['https://rdf.example.org/a', 'https://rdf.example.org/b']);
    expect(feed.items[0]?.publishedAt).toBe('2022-07-28T06:15:00.000Z');
    expect(feed.items[1]?.text).toBe('Sunny & warm.');
  });

  it('reads Atom 1.0: html and xhtml text constructs, the alternate link resolved, content over summary', () => {
    const feed = parse('atom.xml');
    expect(feed.format).toBe('atom');
    const [first, second] = feed.items;
    expect(first?.title).toBe('Bout swap rumours');
    expect(first?.link).toBe('https://atom.example.net/blog/posts/bout-swap');
    expect(first?.text).toBe('Reports say Viktor Bout could be swapped for Brittney Griner.');
    expect(first?.publishedAt).toBe('2022-08-05T17:00:00.000Z');
    expect(second?.title).toBe('An XHTML title');
    expect(second?.text).toBe('Body in XHTML.');
  });

  it('reads JSON Feed 1.1: content_html, content_text, relative url, external_url', () => {
    const feed = parse('feed.json', 'application/feed+json');
    expect(feed.format).toBe('json');
    const [first, second, third] = feed.items;
    expect(first?.text).toBe('Viktor Bout returns.');
    expect(first?.publishedAt).toBe('2022-12-08T12:00:00.000Z');
    expect(second?.link).toBe('https://json.example.com/2022/plain');
    expect(second?.text).toBe('A plain text item without a title.');
    expect(third?.link).toBe('https://elsewhere.example.org/x');
    expect(third?.hasFullContent).toBe(false);
  });
});

describe('parseFeedDocument: text the format says is text', () => {
  const atom = (entry: string) =>
    parseFeedDocument(
      Buffer.from(
        `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>f</id><updated>2024-01-01T00:00:00Z</updated><entry><id>e</id><updated>2024-01-01T00:00:00Z</updated>${entry}</entry></feed>`,
      ),
      'application/atom+xml',
      'https://x.example/atom',
    ).items[0];

  it('keeps every word of an Atom title, summary and content marked type="text", angle brackets and all', () => {
    const item = atom(
      '<title type="text">Viktor Bout: why x &lt;y and y&gt; z &lt;matters&gt;</title><content type="text">a &lt;script&gt;code&lt;/script&gt; b</content>',
    );
    const summary = atom('<title type="text">T</title><summary type="text">s &lt;b&gt;bold&lt;/b&gt;</summary>');

    expect(item?.title).toBe('Viktor Bout: why x <y and y> z <matters>');
    expect(item?.text).toBe('a <script>code</script> b');
    expect(summary?.text).toBe('s <b>bold</b>');
  });

  it('still reads HTML out of an Atom text with no type, and out of type="html"', () => {
    const item = atom(
      '<title>No type &lt;b&gt;bold&lt;/b&gt;</title><content type="html">&lt;p&gt;hi&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</content>',
    );

    expect(item?.title).toBe('No type bold');
    expect(item?.text).toBe('hi');
  });

  it("keeps a JSON Feed item's title and summary as written (plain text by its spec)", () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'F',
      items: [{ id: '1', title: 'Viktor Bout <b>bold</b> a<b', summary: 'x <y> z' }],
    };
    const [item] = parseFeedDocument(Buffer.from(JSON.stringify(doc)), 'application/feed+json', 'https://x.example/f.json').items;

    expect(item?.title).toBe('Viktor Bout <b>bold</b> a<b');
    expect(item?.text).toBe('x <y> z');
  });
});

describe('parseFeedDocument: encodings', () => {
  const title = 'Виктор Бут вернулся в Москву';

  it('decodes the encoding declared in the XML prolog (windows-1251)', () => {
    expect(parse('rss-windows-1251.xml').items[0]?.title).toBe(title);
  });

  it('decodes the charset of the Content-Type header (KOI8-R, no prolog encoding)', () => {
    expect(parse('rss-koi8r-header.xml', 'application/rss+xml; charset=KOI8-R').items[0]?.title).toBe(title);
  });

  it('reads a UTF-8 document that starts with a byte order mark', () => {
    const feed = parse('rss-bom.xml');
    expect(feed.items[0]?.title).toBe(title);
    expect(feed.items[0]?.text).toBe('Обмен заключёнными состоялся в Абу-Даби.');
  });
});

describe('parseFeedDocument: not a feed', () => {
  it('refuses an HTML page with NotAFeed', () => {
    expect(() => parse('not-a-feed.html', 'text/html')).toThrow(NotAFeed);
  });

  it('refuses broken JSON with NotAFeed', () => {
    expect(() => parseFeedDocument(Buffer.from('{"version": '), 'application/json', 'http://x.test/')).toThrow(NotAFeed);
  });
});

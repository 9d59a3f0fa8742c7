import { describe, expect, it } from 'vitest';
import { opmlFeeds } from '../../../../functions/core/feeds/opml';

const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline type="rss" text="Wire" title="Example Wire" xmlUrl="https://news.example.com/rss"/>
    <outline type="rss" text="Atom Observer" xmlUrl="https://atom.example.net/feed"/>
  </outline>
  <outline type="rss" text="Wire again" xmlUrl="https://news.example.com/rss"/>
  <outline text="A folder without feeds"/>
</body></opml>`;

describe('opmlFeeds', () => {
  it('lists every feed URL once, folders flattened, with its title as source', () => {
    expect(opmlFeeds(opml)).toEqual([
      { url: 'https://news.example.com/rss', source: 'Example Wire' },
      { url: 'https://atom.example.net/feed', source: 'Atom Observer' },
    ]);
  });

  it('refuses a document that is not OPML', () => {
    expect(() => opmlFeeds('<html><body>nope</body></html>')).toThrow(/not an OPML document/);
  });

  describe('says what is wrong with a file it cannot read, and where', () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n<head><title>Feeds</title></head>\n<body>\n';
    const wire = '<outline text="Wire" xmlUrl="https://news.example.com/rss"/>\n';
    const problem = (text: string) => {
      try {
        opmlFeeds(text);
      } catch (error) {
        expect(error).toBeInstanceOf(SyntaxError);
        return (error as Error).message;
      }
      throw new Error('the file was read');
    };

    it('a file cut short inside a tag: the line and column of its last line', () => {
      expect(problem(`${head}${wire}<outline text="Observer" xml`)).toBe(
        "not well-formed XML at line 6, column 26 (on its last line: the file is cut short?): boolean attribute 'xml' is not allowed.",
      );
    });

    it('a file cut short after a whole element, which would otherwise be read as if it ended there', () => {
      expect(problem(`${head}${wire}`)).toBe('not well-formed XML: the file ends (line 5) with <opml>, <body> still open: cut short?');
    });

    it('a tag closed out of order, at its place', () => {
      expect(problem(`${head}<outline text="Wire" xmlUrl="https://news.example.com/rss">\n</body>\n</opml>\n`)).toMatch(
        /^not well-formed XML at line 6, column \d+: Expected closing tag 'outline' \(opened in line 5, col \d+\) instead of closing tag 'body'\.$/,
      );
    });

    it('a file that is not XML at all', () => {
      expect(problem('https://news.example.com/rss\nhttps://atom.example.net/feed\n')).toBe(
        "not well-formed XML at line 1, column 1: char 'h' is not expected. (not an XML file: an OPML file starts with <?xml or <opml>)",
      );
    });

    it('XML of another kind, by its root element', () => {
      expect(problem('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>')).toBe(
        'not an OPML document: its root element is <rss>, not <opml>',
      );
    });

    it('an OPML file without <body>, with no outline, or with outlines none of which has an xmlUrl', () => {
      expect(problem('<opml version="2.0"><head><title>Feeds</title></head></opml>')).toBe(
        'not an OPML document: <opml> has no <body> element (where the feeds are listed, as <outline> elements)',
      );
      expect(problem(`${head}</body>\n</opml>\n`)).toBe('no feed to import: <body> holds no <outline> element');
      expect(
        problem(`${head}<outline text="News"><outline text="Wire" htmlUrl="https://news.example.com/"/></outline>\n</body>\n</opml>\n`),
      ).toBe(
        `no feed to import: none of its 2 <outline> elements has an xmlUrl attribute (a feed's address; the first that is no folder: "Wire")`,
      );
    });
  });
});

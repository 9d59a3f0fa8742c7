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
});

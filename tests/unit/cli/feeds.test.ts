import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFeedId, feedRequest, pollLine, readOpml } from '../../../functions/cli/commands/feeds';
import { UsageError } from '../../../functions/cli/support/cli-errors';

describe('feeds add: request from options', () => {
  it('maps --source, --every and --full-text to the API body', () => {
    expect(feedRequest('https://x.test/rss', { source: 'X', every: '30', fullText: true })).toEqual({
      url: 'https://x.test/rss',
      source: 'X',
      everyMinutes: 30,
      fullText: true,
    });
  });

  it.each([
    ['ftp://x.test/rss', {}, /^<url>: /],
    ['https://x.test/rss', { every: '2' }, /^--every: must be at least 5/],
    ['https://x.test/rss', { every: 'often' }, /^--every: /],
    ['https://x.test/rss', { every: '0x10' }, /^--every: must be a whole number of minutes from 5 to 1440/],
    ['https://x.test/rss', { every: '' }, /^--every: must be a whole number of minutes from 5 to 1440/],
    ['https://x.test/rss', { every: '1e1' }, /^--every: must be a whole number of minutes from 5 to 1440/],
    ['https://x.test/rss', { source: ' ' }, /^--source: must not be empty: leave source out/],
    ['https://x.test/rss', { every: '10.0' }, /^--every: must be a whole number of minutes from 5 to 1440/],
  ])('refuses %s %j with a usage error naming the option', (url, options, message) => {
    expect(() => feedRequest(url, options)).toThrow(UsageError);
    expect(() => feedRequest(url, options)).toThrow(message);
  });
});

describe('feeds import: reading the OPML file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-opml-'));

  it('lists the feeds of an OPML file', () => {
    const file = join(dir, 'ok.opml');
    writeFileSync(file, '<opml version="2.0"><head/><body><outline text="A" xmlUrl="https://a.test/rss"/></body></opml>');
    expect(readOpml(file)).toEqual([{ url: 'https://a.test/rss', source: 'A' }]);
  });

  it('reads the encoding an OPML file declares, and refuses one read as UTF-8 that is not, naming its line', () => {
    const outline = '<opml version="2.0"><head/><body>\n<outline text="Caf\xe9 News" xmlUrl="https://a.test/rss"/></body></opml>';
    const declared = join(dir, 'latin1.opml');
    writeFileSync(declared, Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${outline}`, 'latin1'));
    const undeclared = join(dir, 'undeclared.opml');
    writeFileSync(undeclared, Buffer.from(outline, 'latin1'));

    expect(readOpml(declared)).toEqual([{ url: 'https://a.test/rss', source: 'Café News' }]);
    expect(() => readOpml(undeclared)).toThrow(/undeclared\.opml:2: not UTF-8 text/);
  });

  it('names the file when it is missing, not OPML, or lists no feed', () => {
    const empty = join(dir, 'empty.opml');
    writeFileSync(empty, '<opml version="2.0"><head/><body><outline text="folder"/></body></opml>');
    const html = join(dir, 'page.opml');
    writeFileSync(html, '<html><body>hi</body></html>');
    expect(() => readOpml(join(dir, 'missing.opml'))).toThrow(/missing\.opml: no such file$/);
    expect(() => readOpml(html)).toThrow(/page\.opml: not an OPML document/);
    expect(() => readOpml(empty)).toThrow(/empty\.opml: no feed to import: none of its 1 <outline> element has an xmlUrl attribute/);
  });
});

describe('feeds poll: one line per feed', () => {
  it('says what each feed gave', () => {
    const base = { id: 'feed_1', url: 'https://x.test/rss', items: 0, new: 0, duplicates: 0, rejected: 0 };
    expect(pollLine({ ...base, status: 'ok', items: 3, new: 2, duplicates: 1 })).toBe(
      'feed_1 https://x.test/rss — 3 items: 2 new, 1 seen before, 0 skipped',
    );
    expect(pollLine({ ...base, status: 'ok', items: 200, new: 200, left: 50 })).toBe(
      'feed_1 https://x.test/rss — 200 items: 200 new, 0 seen before, 0 skipped, 50 left for the next poll',
    );
    expect(pollLine({ ...base, status: 'not_modified' })).toBe('feed_1 https://x.test/rss — unchanged');
    const refused = [{ item: 'https://x.test/a\u001b[2J', reason: 'body: Required' }];
    expect(pollLine({ ...base, status: 'ok', items: 1, rejected: 1, refused })).toBe(
      'feed_1 https://x.test/rss — 1 item: 0 new, 0 seen before, 1 skipped\n  skipped https://x.test/a\\u001b[2J: body: Required',
    );
    expect(pollLine({ ...base, status: 'error', error: 'HTTP 429' })).toBe('feed_1 https://x.test/rss — error: HTTP 429');
  });
});

describe('feeds remove: the id', () => {
  it('refuses an id that is not a feed id before sending anything (exit 2 naming <id>)', () => {
    expect(() => checkFeedId('bogus')).toThrow(UsageError);
    expect(() => checkFeedId('bogus')).toThrow(/<id>: is not a feed id/);
    expect(checkFeedId('feed_0123456789abcdef0123')).toBe('feed_0123456789abcdef0123');
  });
});

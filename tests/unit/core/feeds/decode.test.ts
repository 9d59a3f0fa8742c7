import { describe, expect, it } from 'vitest';
import { decodeFeedBody, decodePageBody } from '../../../../functions/core/feeds/decode';

/** Russian letters in windows-1251 (А–я are 0xC0–0xFF there, ё 0xB8), ASCII as it is. */
function windows1251(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === 'ё' ? 0xb8 : c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x410 + 0xc0 : c.charCodeAt(0))));
}

describe('decodePageBody: the encoding of an article page', () => {
  const text = 'Виктор Бут вернулся в Москву';

  it('reads the charset a page declares only in its <meta>, in either form', () => {
    const short = windows1251(`<html><head><meta charset="windows-1251"><title>x</title></head><body>${text}</body></html>`);
    const equiv = windows1251(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>${text}</body></html>`,
    );

    expect(decodePageBody(short, 'text/html')).toContain(text);
    expect(decodePageBody(equiv, undefined)).toContain(text);
  });

  it('lets the Content-Type charset win over the <meta>, and reads UTF-8 when neither says', () => {
    const utf8Page = Buffer.from(`<html><head><meta charset="windows-1251"></head><body>${text}</body></html>`);

    expect(decodePageBody(utf8Page, 'text/html; charset=utf-8')).toContain(text);
    expect(decodePageBody(Buffer.from(`<p>${text}</p>`), 'text/html')).toContain(text);
  });
});

describe('decodeFeedBody: a Content-Type charset that disagrees with the feed', () => {
  const title = 'Виктор Бут вернулся в Москву';

  it("reads a windows-1251 feed served as charset=utf-8 by its prolog's word (its bytes are no UTF-8)", () => {
    const feed = windows1251(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>${title}</title></channel></rss>`);

    expect(decodeFeedBody(feed, 'text/xml; charset=UTF-8')).toContain(title);
  });

  it('reads a UTF-8 feed served as charset=windows-1251 as UTF-8 when its prolog says so and its bytes are UTF-8', () => {
    const feed = Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss><channel><title>${title}</title></channel></rss>`);

    expect(decodeFeedBody(feed, 'application/rss+xml; charset=windows-1251')).toContain(title);
  });

  it('keeps the header the judge when the bytes fit it (RFC 7303)', () => {
    const feed = windows1251(`<?xml version="1.0" encoding="utf-8"?><rss><channel><title>${title}</title></channel></rss>`);

    expect(decodeFeedBody(feed, 'text/xml; charset=windows-1251')).toContain(title);
  });

  it('keeps a UTF-8 feed UTF-8 though one character in it is cut and its prolog is out of date', () => {
    const whole = Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>${title}</title><description>`);
    const cut = Buffer.from('Бут').subarray(0, 5);
    const feed = Buffer.concat([whole, cut, Buffer.from('</description></channel></rss>')]);

    expect(decodeFeedBody(feed, 'text/xml; charset=utf-8')).toContain(title);
  });
});

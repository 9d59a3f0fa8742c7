import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import { articleListing, decodeCursor, encodeCursor, mergeNewestFirst, parseArticleQuery } from '../../../functions/core/article-query';
import { parseAlertQuery } from '../../../functions/core/alerts/alert-query';
import { ValidationFailed } from '../../../functions/core/errors';

describe('parseArticleQuery', () => {
  it('reads person, since and limit, defaulting limit to 20', () => {
    expect(parseArticleQuery({ person: 'viktor-bout', since: '2024-01-01' }, 'articles')).toEqual({
      kind: 'person',
      id: 'viktor-bout',
      since: '2024-01-01T00:00:00.000Z',
      limit: 20,
    });
  });

  it.each([{}, { person: 'a', topic: 'b' }])('needs exactly one of person or topic (%j)', (params) => {
    expect(() => parseArticleQuery(params, 'articles')).toThrow($ZodError);
  });

  it.each([
    ['0', 'must be a whole number from 1 to 100'],
    ['101', 'must be a whole number from 1 to 100'],
    ['2.5', 'must be a whole number from 1 to 100'],
    ['ten', 'must be a number'],
    ['0x10', 'must be a whole number from 1 to 100'],
    ['1e1', 'must be a whole number from 1 to 100'],
    ['+5', 'must be a whole number from 1 to 100'],
    [' 5', 'must be a whole number from 1 to 100'],
    ['5,10', 'give one limit: it was given more than once'],
  ])('refuses limit=%s saying it %s', (limit, message) => {
    expect(() => parseArticleQuery({ topic: 'prisoner-exchange', limit }, 'articles')).toThrow($ZodError);
    expect(() => parseArticleQuery({ topic: 'prisoner-exchange', limit }, 'articles')).toThrow(message);
  });

  it('names a limit too large to be exact once, not once per broken rule', () => {
    let issues: unknown[] = [];
    try {
      parseArticleQuery({ topic: 'prisoner-exchange', limit: '99999999999999999999' }, 'articles');
    } catch (error) {
      issues = (error as $ZodError).issues;
    }

    expect(issues).toEqual([expect.objectContaining({ path: ['limit'], message: 'must be a whole number from 1 to 100' })]);
  });

  it('reads a limit written in decimal digits, a leading zero included', () => {
    expect(parseArticleQuery({ topic: 'prisoner-exchange', limit: '100' }, 'articles').limit).toBe(100);
    expect(parseArticleQuery({ topic: 'prisoner-exchange', limit: '05' }, 'articles').limit).toBe(5);
    expect(parseArticleQuery({ topic: 'prisoner-exchange', limit: '0100' }, 'articles').limit).toBe(100);
    expect(parseArticleQuery({ topic: 'prisoner-exchange', limit: '0005' }, 'articles').limit).toBe(5);
  });

  it('tells a person given twice (joined with a comma on the way) to give one id, not that it is a bad slug', () => {
    const parse = () => parseArticleQuery({ person: 'viktor-bout,konstantin-yaroshenko' }, 'articles');

    expect(parse).toThrow('give one id: a listing takes one person or topic, not several');
    expect(parse).not.toThrow('must be a lowercase slug');
  });

  it('reads since= whose offset + arrived as a space (a + typed in a URL) as that offset, in the listings and in GET /alerts', () => {
    // `since=2012-06-15T12:27:00+03:00` typed into a URL: the + is decoded as a space.
    const utc = '2012-06-15T09:27:00.000Z';

    expect(parseArticleQuery({ person: 'viktor-bout', since: '2012-06-15T12:27:00 03:00' }, 'articles').since).toBe(utc);
    expect(parseAlertQuery({ since: '2012-06-15T12:27:00 03:00' }).since).toBe(utc);
    expect(parseArticleQuery({ person: 'viktor-bout', since: '2012-06-15T12:27:00+03:00' }, 'articles').since).toBe(utc);
    // A space between date and time (RFC 3339 allows it) is that separator, not an offset's sign.
    expect(parseArticleQuery({ person: 'viktor-bout', since: '2012-06-15 12:27:00' }, 'articles').since).toBe('2012-06-15T12:27:00.000Z');
    // The other forms publishedAt takes, as a URL delivers them: a raw + decoded as a space, a comma fraction.
    for (const since of [
      '2012-06-15T12:27:00 0300',
      '2012-06-15T12:27:00 03',
      '2012-06-15 12:27:00 03:00',
      '2012-06-15T12:27:00,000 03:00',
    ])
      expect(parseArticleQuery({ person: 'viktor-bout', since }, 'articles').since, since).toBe(utc);
    expect(() => parseArticleQuery({ person: 'viktor-bout', since: '2012-06-15,2012-06-16' }, 'articles')).toThrow('given more than once');
    expect(() => parseArticleQuery({ person: 'viktor-bout', since: 'yesterday' }, 'articles')).toThrow(
      'must be an ISO-8601 date or date-time',
    );
  });

  it.each([
    ['since', { since: '2024-01-01,2025-01-01' }],
    [
      'cursor',
      {
        cursor: `${encodeCursor('2024-01-01T00:00:00.000Z#a', 'articles topic t')},${encodeCursor('2024-01-01T00:00:00.000Z#b', 'articles topic t')}`,
      },
    ],
  ])('tells a %s given twice (joined with a comma) to give one, in the listings and in GET /alerts', (name, params) => {
    const message = `give one ${name}: it was given more than once`;

    expect(() => parseArticleQuery({ person: 'viktor-bout', ...params }, 'articles')).toThrow(message);
    expect(() => parseAlertQuery(params)).toThrow(message);
  });

  it('tells test=true given twice to give one, not that it is neither true nor false', () => {
    expect(() => parseAlertQuery({ test: 'true,true' })).toThrow('give one test: it was given more than once');
    expect(() => parseAlertQuery({ test: 'yes' })).toThrow('must be true or false');
    expect(parseAlertQuery({ test: 'true' }).includeTest).toBe(true);
  });

  it('names an empty cursor (cursor= for the first page) as empty, with what to do, not as "Too small"', () => {
    const hint = 'must not be empty: leave cursor out for the first page';

    expect(() => parseArticleQuery({ person: 'viktor-bout', cursor: '' }, 'articles')).toThrow(hint);
    expect(() => parseAlertQuery({ cursor: '' })).toThrow(hint);
  });

  it('turns a cursor back into the sort key it came from', () => {
    const sk = '2024-01-01T00:00:00.000Z#abc';
    expect(parseArticleQuery({ topic: 't', cursor: encodeCursor(sk, 'articles topic t') }, 'articles').before).toBe(sk);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => decodeCursor('garbage', 'articles topic t')).toThrow(ValidationFailed);
  });

  it('refuses a cursor with characters added that base64url does not have, which the decoder would skip', () => {
    const cursor = encodeCursor('2024-01-01T00:00:00.000Z#abc', 'articles topic t');

    for (const edited of [`${cursor}!!`, `${cursor}\u0000`, `${cursor.slice(0, 4)}~~${cursor.slice(4)}`, `${cursor}\u202e`, `${cursor}=`])
      expect(() => decodeCursor(edited, 'articles topic t')).toThrow(/cursor: not a cursor returned by this API/);
    expect(decodeCursor(cursor, 'articles topic t')).toBe('2024-01-01T00:00:00.000Z#abc');
  });

  it('refuses, naming cursor, a cursor whose sort key was edited to something no listing holds', () => {
    const edited = (k: unknown) => encodeCursor(k as string, 'articles topic t');

    for (const key of ['x', '', null, 42, '2024-01-01T00:00:00.000Z', '#abc'])
      expect(() => decodeCursor(edited(key), 'articles topic t')).toThrow(/cursor: not a cursor returned by this API/);
    expect(decodeCursor(edited('2024-01-01#a#b'), 'articles topic t')).toBe('2024-01-01#a#b');
  });

  it("refuses, naming cursor, another listing's cursor: another route, another person or topic", () => {
    const sk = '2024-01-01T00:00:00.000Z#abc';
    const fromArticles = encodeCursor(sk, articleListing('articles', { kind: 'person', id: 'viktor-bout' }));
    const refusedBy = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as ValidationFailed).details;
      }
      return undefined;
    };

    const details = [
      refusedBy(() => parseArticleQuery({ person: 'viktor-bout', cursor: fromArticles }, 'stories')),
      refusedBy(() => parseArticleQuery({ person: 'paul-whelan', cursor: fromArticles }, 'articles')),
      refusedBy(() => parseArticleQuery({ topic: 'viktor-bout', cursor: fromArticles }, 'articles')),
      refusedBy(() => parseAlertQuery({ person: 'viktor-bout', cursor: fromArticles })),
    ];

    expect(details).toEqual(
      Array.from({ length: 4 }, () => [{ path: 'cursor', message: 'belongs to another listing (another route, person or topic)' }]),
    );
    expect(parseArticleQuery({ person: 'viktor-bout', cursor: fromArticles, limit: '5' }, 'articles').before).toBe(sk);
  });

  it('refuses a cursor that names no listing (made by hand, or by a version before cursors named theirs): it could be any listing', () => {
    const sk = '2024-01-01T00:00:00.000Z#abc';
    const untagged = Buffer.from(JSON.stringify({ k: sk }), 'utf8').toString('base64url');

    expect(() => parseArticleQuery({ topic: 't', cursor: untagged }, 'stories')).toThrow(/cursor: not a cursor returned by this API/);
  });
});

describe('mergeNewestFirst', () => {
  it('merges shards newest first and keeps the limit', () => {
    expect(mergeNewestFirst([['2024-03#a', '2024-01#b'], ['2024-02#c']], 2)).toEqual(['2024-03#a', '2024-02#c']);
  });
});

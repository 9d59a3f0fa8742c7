import './support/env';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { tagIndexItems } from '../../../functions/adapters/article-repository';
import { RESPONSE_BUDGET_BYTES } from '../../../functions/app/response-budget';
import { encodeCursor } from '../../../functions/core/article-query';
import { jsonBytes } from '../../../functions/core/json-bytes';
import type { StoredArticle } from '../../../functions/core/stored-article';
import { handler } from '../../../functions/handlers/api';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
/** Long articles, each near the largest body ingest accepts (1 MiB): a default page of them would pass Lambda's 6 MB. */
const LONG_ARTICLES = 9;
const LONG_BODY_CHARS = 1_000_000;

function store(id: string, publishedAt: string, people = ['viktor-bout']): StoredArticle {
  const article: StoredArticle = {
    id,
    body: `About ${id}`,
    publishedAt,
    ingestedAt: publishedAt,
    matched: true,
    people,
    topics: [],
    personNames: {},
    tags: { people: people.map((p) => ({ id: p, mentions: [{ field: 'body', start: 0, end: 5, text: 'About' }] })), topics: [] },
  };
  table.put({ pk: `ART#${id}`, sk: 'A', kind: 'article', ...article });
  for (const item of tagIndexItems(article)) table.put(item);
  return article;
}

const list = (query: Record<string, string>) => handler(httpEvent('GET /articles', { query }), context);

beforeEach(() => table.reset());

describe('GET /articles/{id}', () => {
  it('returns the stored article with its tags and evidence, without storage keys', async () => {
    const article = store('a1', '2026-01-01T00:00:00.000Z');

    const response = await handler(httpEvent('GET /articles/{id}', { id: 'a1' }), context);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(article);
  });

  it('marks the answer JSON that no browser may read as HTML: article text is as clients sent it', async () => {
    store('a1', '2026-01-01T00:00:00.000Z');

    const found = await handler(httpEvent('GET /articles/{id}', { id: 'a1' }), context);
    const missing = await handler(httpEvent('GET /articles/{id}', { id: 'nope' }), context);

    for (const response of [found, missing]) {
      expect(response.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'x-newswatch': '1',
      });
    }
  });

  it('answers 500, not a 400 blaming the request, when the stored article is malformed', async () => {
    const { tags: _tags, ...untagged } = store('a1', '2026-01-01T00:00:00.000Z');
    table.put({ pk: 'ART#a1', sk: 'A', kind: 'article', ...untagged });

    const response = await handler(httpEvent('GET /articles/{id}', { id: 'a1' }), context);

    expect(response.statusCode).toBe(500);
    expect(bodyOf(response).error.code).toBe('internal_error');
  });

  it('finds an article by the id its client sent with spaces around it, trimmed as POST /articles stored it', async () => {
    const article = store('a1', '2026-01-01T00:00:00.000Z');

    const response = await handler(httpEvent('GET /articles/{id}', { id: '  a1 ' }), context);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(article);
  });

  it('answers 404 not_found for an unknown id', async () => {
    const response = await handler(httpEvent('GET /articles/{id}', { id: 'nope' }), context);

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response).error.code).toBe('not_found');
  });
});

describe('GET /articles?person|topic', () => {
  it('returns a person’s articles newest first across all shards', async () => {
    for (let day = 1; day <= 9; day++) store(`a${day}`, `2026-01-0${day}T00:00:00.000Z`);
    store('other', '2026-01-05T00:00:00.000Z', ['sergei-ryabkov']);

    const response = await list({ person: 'viktor-bout' });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).items.map((a: StoredArticle) => a.id)).toEqual(['a9', 'a8', 'a7', 'a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
    expect(bodyOf(response).nextCursor).toBeUndefined();
    expect(table.ddb).toHaveReceivedCommandTimes(QueryCommand, 4);
    expect(table.ddb).toReceiveCommandWith(QueryCommand, { ScanIndexForward: false, Limit: 22 });
  });

  it('answers 400 naming a __proto__ query parameter, as any other unknown one', async () => {
    const response = await list(
      Object.fromEntries([
        ['person', 'viktor-bout'],
        ['__proto__', '1'],
      ]),
    );

    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(bodyOf(response).error)).toContain('__proto__');
  });

  it('pages with an opaque cursor until every article was seen once', async () => {
    for (let day = 1; day <= 5; day++) store(`a${day}`, `2026-01-0${day}T00:00:00.000Z`);

    const first = bodyOf(await list({ person: 'viktor-bout', limit: '2' }));
    const second = bodyOf(await list({ person: 'viktor-bout', limit: '2', cursor: first.nextCursor }));
    const third = bodyOf(await list({ person: 'viktor-bout', limit: '2', cursor: second.nextCursor }));

    const ids = [first, second, third].flatMap((page) => page.items.map((a: StoredArticle) => a.id));
    expect(ids).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('gives no nextCursor on the page that ends the list exactly, with or without since', async () => {
    for (let day = 1; day <= 3; day++) store(`a${day}`, `2026-01-0${day}T00:00:00.000Z`);
    const since = '2026-01-01T12:00:00.000Z';

    const whole = bodyOf(await list({ person: 'viktor-bout', limit: '3' }));
    const first = bodyOf(await list({ person: 'viktor-bout', limit: '1', since }));
    const last = bodyOf(await list({ person: 'viktor-bout', limit: '1', since, cursor: first.nextCursor }));

    expect(whole.items).toHaveLength(3);
    expect(whole.nextCursor).toBeUndefined();
    expect(first.items.map((a: StoredArticle) => a.id)).toEqual(['a3']);
    expect(last.items.map((a: StoredArticle) => a.id)).toEqual(['a2']);
    expect(last.nextCursor).toBeUndefined();
  });

  it('answers an empty last page, not a 400, when since moved past the cursor between pages', async () => {
    for (let day = 1; day <= 3; day++) store(`a${day}`, `2026-01-0${day}T00:00:00.000Z`);
    const first = bodyOf(await list({ person: 'viktor-bout', limit: '2' }));
    const queriesBefore = table.ddb.commandCalls(QueryCommand).length;

    const response = await list({ person: 'viktor-bout', limit: '2', since: '2026-01-03T00:00:00.000Z', cursor: first.nextCursor });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ items: [] });
    // No key range from since to the cursor is asked for: DynamoDB refuses one whose start is after its end.
    expect(table.ddb.commandCalls(QueryCommand).length).toBe(queriesBefore);
  });

  it('lists an article published exactly at since (since is inclusive), and none before it', async () => {
    for (let day = 1; day <= 3; day++) store(`a${day}`, `2026-01-0${day}T00:00:00.000Z`);

    const page = bodyOf(await list({ person: 'viktor-bout', since: '2026-01-02T00:00:00Z' }));

    expect(page.items.map((a: StoredArticle) => a.id)).toEqual(['a3', 'a2']);
  });

  it('stops each page of long articles under the response budget; the cursor reaches every article once', async () => {
    for (let day = 1; day <= LONG_ARTICLES; day++) {
      const article = store(`long${day}`, `2026-01-0${day}T00:00:00.000Z`);
      table.put({ pk: `ART#${article.id}`, sk: 'A', kind: 'article', ...article, body: 'x'.repeat(LONG_BODY_CHARS) });
    }
    // An index entry whose article is gone, inside a cut page: it must neither stop the walk nor repeat it.
    store('gone', '2026-01-05T12:00:00.000Z');
    table.items.delete('ART#gone\u0000A');

    const pages: StoredArticle[][] = [];
    let cursor: string | undefined;
    do {
      const page = bodyOf(await list({ person: 'viktor-bout', ...(cursor && { cursor }) }));
      expect(jsonBytes(page.items)).toBeLessThanOrEqual(RESPONSE_BUDGET_BYTES);
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length <= LONG_ARTICLES);

    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat().map((a) => a.id)).toEqual(Array.from({ length: LONG_ARTICLES }, (_, i) => `long${LONG_ARTICLES - i}`));
  });

  it('passes since and the cursor position to every shard query as sort-key bounds', async () => {
    const cursor = encodeCursor('2026-02-01T00:00:00.000Z#x', 'articles topic prisoner-exchange');

    await list({ topic: 'prisoner-exchange', since: '2026-01-01', cursor });

    expect(table.ddb).toReceiveCommandWith(QueryCommand, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :since AND :before',
      ExpressionAttributeValues: {
        ':pk': 'TAG#topic#prisoner-exchange#0',
        ':since': '2026-01-01T00:00:00.000Z',
        ':before': '2026-02-01T00:00:00.000Z#x',
      },
    });
  });

  it('skips index entries whose article was never stored (a crash between the writes)', async () => {
    store('a1', '2026-01-01T00:00:00.000Z');
    table.items.delete('ART#a1\u0000A');

    const response = await list({ person: 'viktor-bout' });

    expect(bodyOf(response).items).toEqual([]);
    expect(table.ddb).toHaveReceivedCommand(BatchGetCommand);
  });

  it.each([
    [{}, 'person'],
    [{ person: 'a', topic: 'b' }, 'person'],
    [{ person: 'viktor-bout', limit: '500' }, 'limit'],
    [{ person: 'viktor-bout', since: 'last week' }, 'since'],
    [{ person: 'viktor-bout', cursor: 'forged' }, 'cursor'],
    [{ person: 'viktor-bout', colour: 'red' }, 'colour'],
  ])('answers 400 naming the parameter for %j', async (query, field) => {
    const response = await list(query as Record<string, string>);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

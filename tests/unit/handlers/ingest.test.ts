import './support/env';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { putWatchlistEntry } from '../../../functions/adapters/watchlist-repository';
import { taggerBuilds } from '../../../functions/app/tagging';
import { MAX_URL_LENGTH } from '../../../functions/core/article';
import { handler } from '../../../functions/handlers/ingest';
import { logger, metrics } from '../../../functions/handlers/observability';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const sns = mockClient(SNSClient);
const seed = {
  id: 'seed-1',
  title: 'Moscow wants Viktor Bout home',
  body: 'Russia is negotiating with Washington to bring Viktor Bout home.',
  url: 'https://example.com/bout',
  publishedAt: '2022-06-15T12:27:00Z',
};

const post = (body: unknown, extra: Parameters<typeof httpEvent>[1] = {}) =>
  handler(httpEvent('POST /articles', { body, ...extra }), context);

/** The table calls about articles and their index, in order, e.g. "Put ART#a" ("-" marks a delete request). */
function articleCalls(): string[] {
  return table.ddb.calls().flatMap((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: Record<string, any> };
    const name = command.constructor.name.replace(/Command$/, '');
    const input = command.input;
    const pks: string[] = [input.Item?.pk ?? input.Key?.pk].filter(Boolean);
    for (const requests of Object.values(input.RequestItems ?? {}) as any[]) {
      for (const r of Array.isArray(requests) ? requests : []) pks.push(r.PutRequest ? r.PutRequest.Item.pk : `-${r.DeleteRequest.Key.pk}`);
    }
    const about = pks.filter((pk) => /^-?(ART|TAG)#/.test(pk)).map((pk) => pk.replace(/#[0-3]$/, ''));
    return about.length > 0 ? [`${name} ${about.join(',')}`] : [];
  });
}

// The handler caches the watchlist for WATCHLIST_TTL_SECONDS: each test starts an hour later, so it
// starts with an expired cache and reads the (fresh, empty) table, like a new Lambda would.
let clock = Date.parse('2030-01-01T00:00:00Z');
/** Lets the watchlist re-check and the tagger rebuild that a request started in the background finish. */
const backgroundWork = () => new Promise((resolve) => setTimeout(resolve, 50));
/** Resolves when the next tagger build has finished (a background rebuild takes as long as it takes). */
const nextTaggerBuild = () =>
  new Promise<void>((resolve) => {
    const listener = () => {
      taggerBuilds.unsubscribe(listener);
      resolve();
    };
    taggerBuilds.subscribe(listener);
  });
beforeEach(() => {
  table.reset();
  sns.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 3_600_000;
  vi.setSystemTime(clock);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('POST /articles (one article)', () => {
  it('stores a new article with its tags and answers 201 with the matched ids', async () => {
    const response = await post(seed);

    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toMatchObject({ id: 'seed-1', duplicate: false, people: ['viktor-bout'] });
    const stored = table.get('ART#seed-1', 'A');
    expect(stored).toMatchObject({ kind: 'article', matched: true, people: ['viktor-bout'], publishedAt: '2022-06-15T12:27:00.000Z' });
    expect(stored?.tags.people[0].mentions).toContainEqual(expect.objectContaining({ field: 'body', text: 'Viktor Bout' }));
  });

  it('writes a new article without reading it first: tag index, then the conditional put', async () => {
    await post(seed);

    expect(articleCalls()).toEqual(['Put TAG#person#viktor-bout', 'Put ART#seed-1']);
    for (const pk of ['ART#seed-1', expect.stringMatching(/^TAG#person#viktor-bout#[0-3]$/)]) {
      expect(table.ddb).toReceiveCommandWith(PutCommand, {
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: expect.objectContaining({ pk }),
      });
    }
    expect(table.ddb).not.toReceiveCommandWith(GetCommand, { Key: { pk: 'ART#seed-1', sk: 'A' } });
    const indexKeys = [...table.items.values()].filter((i) => i.kind === 'tag').map((i) => i.pk);
    expect(indexKeys).toEqual([expect.stringMatching(/^TAG#person#viktor-bout#[0-3]$/)]);
  });

  it('stores a test article for one day, without tag index entries, so no person or topic list shows it', async () => {
    const response = await post({ ...seed, id: 'smoke-1', test: true });

    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toMatchObject({ people: ['viktor-bout'] });
    expect(articleCalls()).toEqual(['Put ART#smoke-1']);
    expect(table.get('ART#smoke-1', 'A')).toMatchObject({ test: true, matched: true, expiresAt: Math.floor(clock / 1000) + 86_400 });
  });

  it('files a test article into no story, not even the one its text belongs to', async () => {
    const real = bodyOf(await post(seed));
    const storyBefore = table.get(`STORY#${real.storyId}`, 'S');

    const test = bodyOf(await post({ ...seed, id: 'smoke-2', url: 'https://example.com/smoke-2', test: true }));

    expect(test.storyId).toMatch(/^st_/);
    expect(test.storyId).not.toBe(real.storyId);
    expect(table.get(`STORY#${real.storyId}`, 'S')).toEqual(storyBefore);
    const testStoryItems = [...table.items.values()].filter(
      (i) => String(i.pk).includes(test.storyId) || String(i.sk).includes(test.storyId),
    );
    expect(testStoryItems).toEqual([]);
  });

  it('writes an article that matches nothing with the conditional put alone', async () => {
    await post({ id: 'quiet', body: 'Nothing to see here.' });

    expect(articleCalls()).toEqual(['Put ART#quiet']);
  });

  it('does not write a second time when the same article is posted twice', async () => {
    await post(seed);
    const first = structuredClone(table.get('ART#seed-1', 'A'));
    vi.setSystemTime(clock + 1_000);
    table.ddb.resetHistory();

    const again = await post(seed);

    expect(again.statusCode).toBe(200);
    expect(bodyOf(again)).toEqual({
      id: 'seed-1',
      duplicate: true,
      people: ['viktor-bout'],
      topics: expect.any(Array),
      storyId: expect.stringMatching(/^st_/),
    });
    expect(table.get('ART#seed-1', 'A')).toEqual(first);
    // The attempt is the index entry's conditional put and the article's, both refused (the stored ones stay); then one read.
    expect(articleCalls()).toEqual(['Put TAG#person#viktor-bout', 'Put ART#seed-1', 'Get ART#seed-1']);
    expect(table.ddb).toReceiveCommandWith(GetCommand, { Key: { pk: 'ART#seed-1', sk: 'A' }, ConsistentRead: true });
  });

  it('answers a conflict from the stored article and removes index entries only the losing attempt wrote', async () => {
    const stored = {
      id: 'seed-1',
      body: 'Stored before Viktor Bout was on the watchlist.',
      publishedAt: '2022-06-15T12:27:00.000Z',
      ingestedAt: '2022-06-15T12:30:00.000Z',
    };
    table.put({
      pk: 'ART#seed-1',
      sk: 'A',
      kind: 'article',
      ...stored,
      matched: false,
      people: [],
      topics: [],
      personNames: {},
      tags: { people: [], topics: [] },
    });

    const response = await post(seed);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual({ id: 'seed-1', duplicate: true, people: [], topics: [] });
    expect(articleCalls()).toEqual([
      'Put TAG#person#viktor-bout',
      'Put ART#seed-1',
      'Get ART#seed-1',
      'BatchWrite -TAG#person#viktor-bout',
    ]);
    expect([...table.items.values()].filter((i) => i.kind === 'tag')).toEqual([]);
    expect(table.get('ART#seed-1', 'A')).toMatchObject({ ingestedAt: stored.ingestedAt, matched: false });
  });

  it('leaves a re-sent article in one digest hour and listed once in its story, even without publishedAt', async () => {
    const { publishedAt: _none, ...undated } = seed;
    await post(undated);
    vi.setSystemTime(clock + 2 * 3_600_000);

    const again = await post(undated);

    expect(bodyOf(again)).toMatchObject({ duplicate: true });
    const items = [...table.items.values()];
    expect(items.filter((i) => i.kind === 'match')).toHaveLength(1);
    expect(items.filter((i) => i.kind === 'story-member' && i.id === 'seed-1')).toHaveLength(1);
  });

  it('stores one article when the same new article is posted twice at once', async () => {
    const [a, b] = await Promise.all([post(seed), post(seed)]);

    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(bodyOf(a).people).toEqual(bodyOf(b).people);
    expect(table.ddb.commandCalls(GetCommand, { Key: { pk: 'ART#seed-1', sk: 'A' } })).toHaveLength(1);
  });

  it('never publishes to SNS: alerts come from the table stream only', async () => {
    await post(seed);
    await post(seed);
    await post({ articles: [seed, { id: 'other', body: 'Viktor Bout again.' }] });

    expect(sns).not.toHaveReceivedAnyCommand();
  });

  it('gives an article without id the same id when re-sent through a tracking link', async () => {
    const first = bodyOf(await post({ body: seed.body, url: 'https://example.com/bout?utm_source=x' }));
    const second = bodyOf(await post({ body: seed.body, url: 'https://EXAMPLE.com/bout#top' }));

    expect(second).toMatchObject({ id: first.id, duplicate: true });
  });

  it('completes the write when re-sent after a crash between the index and the article', async () => {
    table.ddb.on(PutCommand, { Item: { pk: 'ART#seed-1' } }).rejectsOnce(new Error('connection reset'));
    const crashed = await post(seed);
    expect(crashed.statusCode).toBe(500);
    table.reset();

    const retried = await post(seed);

    expect(retried.statusCode).toBe(201);
    expect(table.get('ART#seed-1', 'A')).toBeDefined();
  });

  it('answers 503 story_not_counted when only the story write failed, and 200 duplicate with the same storyId to the re-send', async () => {
    const isStory = (item: Record<string, any>) => String(item.pk).startsWith('STORY#') && item.sk === 'S';
    table.failNextPut(isStory, () => new Error('secret internal detail'));

    const failed = await post(seed);
    const resent = await post(seed);

    expect([failed.statusCode, resent.statusCode]).toEqual([503, 200]);
    expect(bodyOf(failed).error.code).toBe('story_not_counted');
    expect(failed.body).not.toContain('secret internal detail');
    expect(bodyOf(resent)).toMatchObject({ duplicate: true, storyId: table.get('ART#seed-1', 'A')!.storyId });
  });

  it('answers 500 with a generic message and never echoes the internal error', async () => {
    table.ddb.on(PutCommand).rejects(new Error('secret internal detail'));

    const response = await post(seed);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(bodyOf(response).error.code).toBe('internal_error');
  });

  it('answers 413 article_too_large naming body, without repeating the id, and stores nothing', async () => {
    const id = '<img src=x onerror=alert(1)>';
    const response = await post({ id, body: 'lorem ipsum '.repeat(40_000) });

    expect(response.statusCode).toBe(413);
    expect(bodyOf(response).error).toMatchObject({ code: 'article_too_large', details: [{ path: 'body' }] });
    expect(response.body).not.toContain(id);
    expect(articleCalls()).toEqual([]);
  });

  it('stores an article that matches nothing as unmatched (the stream filter skips it)', async () => {
    const response = await post({ id: 'quiet', body: 'Nothing to see here.' });

    expect(bodyOf(response)).toMatchObject({ duplicate: false, people: [], topics: [] });
    expect(table.get('ART#quiet', 'A')).toMatchObject({ matched: false });
  });

  it('accepts a base64-encoded body', async () => {
    const response = await post(seed, { base64: true });

    expect(response.statusCode).toBe(201);
  });

  it('counts ingested articles, duplicates and mentions', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');

    await post(seed);
    await post(seed);

    const names = addMetric.mock.calls.map(([name, , value]) => `${name}=${value}`);
    expect(names).toEqual(expect.arrayContaining(['ArticlesIngested=1', 'Duplicates=1']));
    expect(names.some((n) => /^Mentions=[1-9]/.test(n))).toBe(true);
  });
});

describe('metrics', () => {
  it('records a ColdStart metric for the dashboard', async () => {
    const captureColdStart = vi.spyOn(metrics, 'captureColdStartMetric');

    await post(seed);

    expect(captureColdStart).toHaveBeenCalledWith(context.functionName);
  });
});

describe('logging', () => {
  it('never logs the article body, even when a request fails', async () => {
    const logged: unknown[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    table.ddb.on(PutCommand).rejects(new Error('throttled'));

    await post({ ...seed, body: 'A confidential body about Viktor Bout.' });
    await post({ body: 'Another confidential body.', author: 'x' });

    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged, (_k, v) => (v instanceof Error ? v.message : v))).not.toMatch(/confidential/);
  });
  it('stores an article whose body holds one 300,000-character word (a pasted blob), not a 500', async () => {
    const response = await post({ ...seed, id: 'blob-1', body: `${seed.body} ${'x'.repeat(300_000)}` });

    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toMatchObject({ id: 'blob-1', people: ['viktor-bout'] });
  });
});

describe('POST /articles: bad input', () => {
  it('answers 400 invalid_json for malformed JSON', async () => {
    const response = await handler(httpEvent('POST /articles', { rawBody: '{"body": "x",' }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.code).toBe('invalid_json');
  });

  it('reads a body that starts with a UTF-8 byte order mark (which JSON parsers may ignore), as the CLI reads such a file', async () => {
    const response = await handler(
      httpEvent('POST /articles', { rawBody: `\uFEFF${JSON.stringify({ id: 'bom-1', body: 'Viktor Bout' })}` }),
      context,
    );

    expect(response.statusCode).toBe(201);
    expect(bodyOf(response)).toMatchObject({ id: 'bom-1', people: ['viktor-bout'] });
  });

  it('refuses a compressed body with 415, naming content-encoding, instead of calling it bad JSON', async () => {
    const gzipped = gzipSync(JSON.stringify({ id: 'gz-1', body: 'Viktor Bout' })).toString('latin1');
    const response = await handler(httpEvent('POST /articles', { rawBody: gzipped, headers: { 'content-encoding': 'gzip' } }), context);

    expect(response.statusCode).toBe(415);
    expect(bodyOf(response).error).toMatchObject({ code: 'unsupported_content_encoding', details: [{ path: 'content-encoding' }] });
    expect(table.ddb.calls()).toHaveLength(0);
  });

  it('reads a body whose content-encoding is identity', async () => {
    const response = await handler(
      httpEvent('POST /articles', { body: { id: 'identity-1', body: 'Viktor Bout' }, headers: { 'content-encoding': 'identity' } }),
      context,
    );

    expect(response.statusCode).toBe(201);
  });

  it('answers 400 for an empty body', async () => {
    const response = await handler(httpEvent('POST /articles'), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.code).toBe('invalid_json');
  });

  it('names each wrongly typed field', async () => {
    const response = await post({ body: 42, title: ['x'] });

    expect(response.statusCode).toBe(400);
    expect(
      bodyOf(response)
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['body', 'title']);
  });

  it('names an unknown field', async () => {
    const response = await post({ body: 'x', author: 'someone' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'author', message: 'unknown field' }]);
  });

  it('refuses a body of only whitespace with a 400 naming body, storing nothing', async () => {
    const response = await post({ id: 'blank', body: '   \n\t' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'body', message: 'must not be only whitespace' }]);
    expect(table.ddb).not.toHaveReceivedCommand(PutCommand);
  });

  it('refuses a language of only whitespace with a 400 naming language, storing nothing (it would be listed on its story)', async () => {
    const response = await post({ id: 'blank-language', body: 'Viktor Bout', language: ' \t ' });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'language', message: expect.stringContaining('must not be only whitespace') }]);
    expect(table.ddb).not.toHaveReceivedCommand(PutCommand);
  });

  it('stores an article whose source is empty or only whitespace as one without a source (no story lists it)', async () => {
    for (const [id, source] of [
      ['blank-source', ''],
      ['space-source', ' \t '],
    ]) {
      const response = await post({ id, body: 'Viktor Bout', source });

      expect(response.statusCode).toBe(201);
      const stored = [...table.items.values()].find((i) => i.pk === `ART#${id}` && i.sk === 'A');
      expect(stored).toBeDefined();
      expect(stored).not.toHaveProperty('source');
    }
  });

  it('refuses an id of "." or ".." (after the trim) with a 400 naming id: no URL path could fetch it', async () => {
    for (const id of ['.', ' .. ']) {
      const response = await post({ id, body: 'Viktor Bout' });

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response).error.details).toEqual([{ path: 'id', message: expect.stringContaining('must not be "." or ".."') }]);
    }
    expect(table.ddb).not.toHaveReceivedCommand(PutCommand);
  });

  it('refuses a url too long for the alert to carry, naming url', async () => {
    const response = await post({ body: 'Viktor Bout', url: `https://example.com/${'a'.repeat(200_000)}` });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'url', message: `must be at most ${MAX_URL_LENGTH} characters` }]);
  });

  it('refuses a body over the size limit with 413 before parsing it', async () => {
    const response = await handler(httpEvent('POST /articles', { rawBody: `{"body":"${'x'.repeat(1024 * 1024)}"}` }), context);

    expect(response.statusCode).toBe(413);
    expect(bodyOf(response).error.code).toBe('payload_too_large');
    expect(table.ddb.calls()).toHaveLength(0);
  });
});

describe('POST /articles (batch)', () => {
  it('stores the good items and reports the bad one by index and field', async () => {
    const response = await post({ articles: [seed, { body: 7 }, { id: 'b', body: 'Viktor Bout again.' }] });

    expect(response.statusCode).toBe(200);
    const { results } = bodyOf(response);
    expect(results.map((r: { index: number; status: number }) => [r.index, r.status])).toEqual([
      [0, 201],
      [1, 400],
      [2, 201],
    ]);
    expect(results[1].error.details[0].path).toBe('body');
    expect(table.get('ART#b', 'A')).toBeDefined();
  });

  it('reports an item whose body is only whitespace as a 400 naming body, and stores the others', async () => {
    const response = await post({ articles: [seed, { id: 'blank', body: ' \r\n ' }] });

    const { results } = bodyOf(response);
    expect(results[0]).toMatchObject({ index: 0, status: 201 });
    expect(results[1]).toMatchObject({
      index: 1,
      status: 400,
      error: { details: [{ path: 'body', message: 'must not be only whitespace' }] },
    });
    expect(table.get('ART#blank', 'A')).toBeUndefined();
  });

  it('reports an item already stored as 200 duplicate', async () => {
    await post(seed);

    const { results } = bodyOf(await post({ articles: [seed] }));

    expect(results[0]).toMatchObject({ index: 0, status: 200, duplicate: true, id: 'seed-1' });
  });

  it('refuses more than 100 articles, naming the field', async () => {
    const articles = Array.from({ length: 101 }, (_, i) => ({ id: `a${i}`, body: 'x' }));

    const response = await post({ articles });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details[0].path).toBe('articles');
    expect(table.ddb).not.toHaveReceivedCommand(PutCommand);
  });

  it('refuses an empty batch, naming the field (a batch holds 1 to 100 articles)', async () => {
    const response = await post({ articles: [] });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details[0]).toMatchObject({ path: 'articles', message: 'must hold at least one article' });
    expect(table.ddb).not.toHaveReceivedCommand(PutCommand);
  });
});

describe('watchlist use during ingest', () => {
  it('seeds the default watchlist on first use', async () => {
    await post(seed);

    expect(table.get('WATCHLIST', 'META')).toBeDefined();
    expect(table.get('WATCHLIST', 'PERSON#viktor-bout')).toBeDefined();
  });

  it('re-checks the watchlist once per TTL, without making a request wait, and applies an edit after it', async () => {
    const direct = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch-test' };
    const freed = (id: string) => post({ id, body: 'Brittney Griner was freed.' }).then((r) => bodyOf(r).people);
    await post({ id: 'warm', body: 'Viktor Bout.' });
    await backgroundWork();
    const fullReads = () => table.ddb.commandCalls(QueryCommand).length;
    const readsBefore = fullReads();

    await putWatchlistEntry(direct, 'person', { id: 'brittney-griner', name: 'Brittney Griner' });
    const withinTtl = await freed('g1');
    vi.setSystemTime(clock + 31_000);
    const rebuilt = nextTaggerBuild();
    const whileRechecking = await freed('g2');
    await rebuilt;
    const afterRecheck = await freed('g3');

    expect(withinTtl).toEqual([]);
    expect(whileRechecking).toEqual([]);
    expect(afterRecheck).toEqual(['brittney-griner']);
    expect(fullReads()).toBe(readsBefore + 1);
  });

  it('applies an edit to the first article after a quiet spell, checking before it answers', async () => {
    const direct = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch-test' };
    await post({ id: 'warm', body: 'Viktor Bout.' });
    await backgroundWork();

    await putWatchlistEntry(direct, 'person', { id: 'brittney-griner', name: 'Brittney Griner' });
    vi.setSystemTime(clock + 10 * 60_000);
    const first = bodyOf(await post({ id: 'quiet', body: 'Brittney Griner was freed.' }));

    expect(first.people).toEqual(['brittney-griner']);
  });

  it('answers 201 with the article tagged when the change counter is damaged, and logs the damage', async () => {
    await post({ id: 'warm', body: 'Viktor Bout.' });
    await backgroundWork();
    table.put({ pk: 'WATCHLIST', sk: 'META', kind: 'watchlist-meta', revision: 'seven' });
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    vi.setSystemTime(clock + 61_000); // past twice the TTL: the counter is checked before the answer
    const checked = await post({ id: 'after-damage', body: 'Viktor Bout was freed.' });
    vi.setSystemTime(clock + 11 * 60_000); // past the full-reload interval: the whole watchlist is read
    const reloaded = await post({ id: 'much-later', body: 'Viktor Bout was freed again.' });

    for (const response of [checked, reloaded]) {
      expect(response.statusCode).toBe(201);
      expect(bodyOf(response).people).toEqual(['viktor-bout']);
    }
    expect(warn).toHaveBeenCalledWith('A stored record does not parse; it was left out', {
      record: 'watchlist META item WATCHLIST META',
      problems: expect.stringMatching(/^revision: /),
    });
  });

  it('reads only the change counter, not the whole watchlist, when nothing changed', async () => {
    await post({ id: 'warm', body: 'Viktor Bout.' });
    await backgroundWork();
    const fullReads = () => table.ddb.commandCalls(QueryCommand).length;
    const readsBefore = fullReads();

    vi.setSystemTime(clock + 31_000);
    await post({ id: 'later', body: 'Viktor Bout.' });
    await backgroundWork();

    expect(fullReads()).toBe(readsBefore);
    expect(table.ddb).toReceiveCommandWith(GetCommand, { Key: { pk: 'WATCHLIST', sk: 'META' } });
  });
});

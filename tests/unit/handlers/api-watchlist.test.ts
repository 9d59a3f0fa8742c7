import './support/env';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultWatchlist } from '../../../functions/core/watchlist';
import { handler } from '../../../functions/handlers/api';
import { logger, metrics } from '../../../functions/handlers/observability';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const call = (routeKey: string, options: Parameters<typeof httpEvent>[1] = {}) => handler(httpEvent(routeKey, options), context);

beforeEach(() => table.reset());

describe('GET /watchlist', () => {
  it('seeds and returns the default watchlist on first use', async () => {
    const response = await call('GET /watchlist');

    expect(response.statusCode).toBe(200);
    expect(
      bodyOf(response)
        .people.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual(defaultWatchlist.people.map((p) => p.id).sort());
    expect(bodyOf(response).topics).toEqual(defaultWatchlist.topics);
    expect(table.get('WATCHLIST', 'META')).toBeDefined();
  });

  it('leaves out an entry that does not parse, and logs and counts it', async () => {
    await call('GET /watchlist');
    table.put({ pk: 'WATCHLIST', sk: 'PERSON#ghost', kind: 'person', entry: { id: 'ghost' } });
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const addMetric = vi.spyOn(metrics, 'addMetric');

    const response = await call('GET /watchlist');

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).people.map((p: { id: string }) => p.id)).not.toContain('ghost');
    expect(warn).toHaveBeenCalledWith('A stored record does not parse; it was left out', {
      record: 'watchlist entry PERSON#ghost',
      problems: expect.stringContaining('name'),
    });
    expect(addMetric).toHaveBeenCalledWith('StoredRecordsSkipped', 'Count', 1);
  });

  it('keeps a stored person whose surname is not part of its name (saved before surnames were checked)', async () => {
    await call('GET /watchlist');
    const entry = { id: 'trevor-reed', name: 'Trevor Reed', surname: 'Whelan' };
    table.put({ pk: 'WATCHLIST', sk: 'PERSON#trevor-reed', kind: 'person', entry });

    const response = await call('GET /watchlist');

    expect(bodyOf(response).people).toContainEqual(entry);
  });

  it('keeps a stored person and topic whose texts hold a control character (saved before those were refused)', async () => {
    await call('GET /watchlist');
    const person = { id: 'dan-obrien', name: 'Dan O\u0092Brien' };
    const topic = { id: 'sanctions', name: 'Sanctions\u0007', terms: { S: ['sanction*'] }, rules: [{ all: ['S'], weight: 0.6 }] };
    table.put({ pk: 'WATCHLIST', sk: 'PERSON#dan-obrien', kind: 'person', entry: person });
    table.put({ pk: 'WATCHLIST', sk: 'TOPIC#sanctions', kind: 'topic', entry: topic });

    const response = await call('GET /watchlist');
    const refused = await call('PUT /watchlist/topics/{id}', { id: 'sanctions', body: { ...topic, id: undefined } });

    expect(bodyOf(response).people).toContainEqual(person);
    expect(bodyOf(response).topics).toContainEqual(topic);
    expect(refused.statusCode).toBe(400);
    expect(bodyOf(refused).error.details).toEqual([
      { path: 'name', message: 'must not contain control characters (other than tabs and line breaks) or lone surrogates' },
    ]);
  });

  it('does not bring back a default person the user deleted', async () => {
    await call('GET /watchlist');
    await call('DELETE /watchlist/people/{id}', { id: 'viktor-bout' });

    const response = await call('GET /watchlist');

    expect(bodyOf(response).people.map((p: { id: string }) => p.id)).not.toContain('viktor-bout');
  });
});

describe('PUT /watchlist/people/{id}', () => {
  it('creates a person with 201, then replaces it with 200, visible at once', async () => {
    const created = await call('PUT /watchlist/people/{id}', {
      id: 'brittney-griner',
      body: { name: 'Brittney Griner', aliases: ['Бриттни Гринер'] },
    });
    const replaced = await call('PUT /watchlist/people/{id}', {
      id: 'brittney-griner',
      body: { id: 'brittney-griner', name: 'Brittney Yevette Griner' },
    });

    expect(created.statusCode).toBe(201);
    expect(bodyOf(created)).toEqual({ id: 'brittney-griner', name: 'Brittney Griner', aliases: ['Бриттни Гринер'] });
    expect(replaced.statusCode).toBe(200);
    const list = bodyOf(await call('GET /watchlist'));
    expect(list.people).toContainEqual({ id: 'brittney-griner', name: 'Brittney Yevette Griner' });
  });

  it('answers 400 when the body id differs from the path, quoting neither id', async () => {
    const response = await call('PUT /watchlist/people/{id}', { id: 'brittney-griner', body: { id: 'someone-else', name: 'X' } });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'id', message: 'must match the id in the path' }]);
    expect(response.body).not.toContain('someone-else');
    expect(response.body).not.toContain('brittney-griner');
  });

  it('answers 400 naming an empty name and an unknown field', async () => {
    const response = await call('PUT /watchlist/people/{id}', { id: 'x-y', body: { name: ' ', nickname: 'z' } });

    expect(response.statusCode).toBe(400);
    expect([...new Set(bodyOf(response).error.details.map((d: { path: string }) => d.path))].sort()).toEqual(['name', 'nickname']);
  });

  it('answers 400 naming a terminal escape in a name beside an unknown field, and in a topic beside a missing field', async () => {
    const person = await call('PUT /watchlist/people/{id}', { id: 'x-y', body: { name: 'Evil \u001b[2JName', nickname: 'z' } });
    const topic = await call('PUT /watchlist/topics/{id}', { id: 'x-y', body: { name: 'Topic\u001b[2J', terms: { S: ['sanction*'] } } });

    expect(
      bodyOf(person)
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['name', 'nickname']);
    expect(bodyOf(topic).error.details).toContainEqual({
      path: 'name',
      message: 'must not contain control characters (other than tabs and line breaks) or lone surrogates',
    });
    expect(bodyOf(topic).error.details.map((d: { path: string }) => d.path)).toContain('rules');
  });

  it('answers 400 naming a name or alias with a terminal escape, a NUL or a lone surrogate, and takes one with a tab', async () => {
    const escaped = await call('PUT /watchlist/people/{id}', {
      id: 'x-y',
      body: { name: 'Evil \u001b[2JName', aliases: ['Li Ming\u0000'] },
    });
    const surrogate = await call('PUT /watchlist/people/{id}', { id: 'x-y', body: { name: 'ab\ud800c' } });
    const tabbed = await call('PUT /watchlist/people/{id}', { id: 'x-y', body: { name: 'Viktor\tBout' } });

    expect(escaped.statusCode).toBe(400);
    expect(bodyOf(escaped).error.details).toEqual([
      { path: 'name', message: 'must not contain control characters (other than tabs and line breaks) or lone surrogates' },
      { path: 'aliases.0', message: 'must not contain control characters (other than tabs and line breaks) or lone surrogates' },
    ]);
    expect(bodyOf(surrogate).error.details.map((d: { path: string }) => d.path)).toEqual(['name']);
    expect(tabbed.statusCode).toBe(201);
  });

  it('answers 400, not a stack overflow, for an alias list nested 10,000 deep, and names a control character found that deep', async () => {
    const nested = (inner: string) => `${'['.repeat(10_000)}${JSON.stringify(inner)}${']'.repeat(10_000)}`;
    const plain = await call('PUT /watchlist/people/{id}', { id: 'x-y', rawBody: `{"name":"X Y","aliases":${nested('Z')}}` });
    const escaped = await call('PUT /watchlist/topics/{id}', { id: 'x-y', rawBody: `{"name":"T","rules":${nested('\u001b[2J')}}` });

    expect(plain.statusCode).toBe(400);
    expect(bodyOf(plain).error.details.map((d: { path: string }) => d.path)).toEqual(['aliases.0']);
    expect(escaped.statusCode).toBe(400);
    expect(bodyOf(escaped).error.details).toContainEqual({
      path: `rules${'.0'.repeat(10_000)}`,
      message: 'must not contain control characters (other than tabs and line breaks) or lone surrogates',
    });
  });

  it('answers 400 naming surname when it is not part of name, and takes one that is', async () => {
    const refused = await call('PUT /watchlist/people/{id}', { id: 'trevor-reed', body: { name: 'Trevor Reed', surname: 'Whelan' } });
    const taken = await call('PUT /watchlist/people/{id}', {
      id: 'kara-murza',
      body: { name: 'Vladimir Kara-Murza', surname: 'kara-murza' },
    });

    expect(refused.statusCode).toBe(400);
    expect(bodyOf(refused).error.details).toEqual([
      { path: 'surname', message: 'must be a word or words of name (the part of it that is the surname)' },
    ]);
    expect(taken.statusCode).toBe(201);
  });

  it('answers 400 for a path id that is not a slug', async () => {
    const response = await call('PUT /watchlist/people/{id}', { id: 'Not A Slug', body: { name: 'X' } });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details[0].path).toBe('id');
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    const response = await call('PUT /watchlist/people/{id}', { id: 'x', rawBody: '{name:' });

    expect(bodyOf(response).error.code).toBe('invalid_json');
  });
});

describe('the cost of an edit', () => {
  it('reads only the change counter before a PUT or DELETE once the watchlist is seeded, never the whole watchlist', async () => {
    await call('GET /watchlist');
    table.ddb.resetHistory();

    await call('PUT /watchlist/people/{id}', { id: 'brittney-griner', body: { name: 'Brittney Griner' } });
    await call('DELETE /watchlist/people/{id}', { id: 'brittney-griner' });

    expect(table.ddb.commandCalls(QueryCommand)).toHaveLength(0);
    expect(table.ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: 'WATCHLIST', sk: 'META' },
      { pk: 'WATCHLIST', sk: 'META' },
    ]);
    expect(table.get('WATCHLIST', 'META')?.revision).toBe(2);
  });

  it('seeds the default watchlist before the first edit, so the edit is kept beside the defaults', async () => {
    await call('PUT /watchlist/people/{id}', { id: 'brittney-griner', body: { name: 'Brittney Griner' } });

    const ids = bodyOf(await call('GET /watchlist')).people.map((p: { id: string }) => p.id);

    expect(ids.sort()).toEqual([...defaultWatchlist.people.map((p) => p.id), 'brittney-griner'].sort());
  });
});

describe('exclude phrases through PUT /watchlist', () => {
  it("stores a person's exclude phrases and a built-in topic's, and returns them", async () => {
    await call('PUT /watchlist/people/{id}', { id: 'trevor-reed', body: { name: 'Trevor Reed', exclude: ['Lou Reed', 'Reed College'] } });
    await call('PUT /watchlist/topics/{id}', { id: 'prisoner-exchange', body: { exclude: ['fantasy football'] } });

    const watchlist = bodyOf(await call('GET /watchlist'));

    expect(watchlist.people).toContainEqual({ id: 'trevor-reed', name: 'Trevor Reed', exclude: ['Lou Reed', 'Reed College'] });
    expect(watchlist.topics).toContainEqual({ id: 'prisoner-exchange', exclude: ['fantasy football'] });
  });

  it('answers 400 naming exclude when it is not a list of phrases', async () => {
    const response = await call('PUT /watchlist/people/{id}', { id: 'trevor-reed', body: { name: 'Trevor Reed', exclude: 'Lou Reed' } });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details[0].path).toBe('exclude');
  });
});

describe('topics and deletes', () => {
  it('adds a built-in topic by id alone', async () => {
    await call('DELETE /watchlist/topics/{id}', { id: 'prisoner-exchange' });

    const response = await call('PUT /watchlist/topics/{id}', { id: 'prisoner-exchange', body: {} });

    expect(response.statusCode).toBe(201);
    expect(bodyOf(await call('GET /watchlist')).topics).toContainEqual({ id: 'prisoner-exchange' });
  });

  it('deletes with 204 and answers 404 for an id that is not there', async () => {
    const deleted = await call('DELETE /watchlist/people/{id}', { id: 'sergei-ryabkov' });
    const missing = await call('DELETE /watchlist/people/{id}', { id: 'sergei-ryabkov' });

    expect(deleted.statusCode).toBe(204);
    expect(missing.statusCode).toBe(404);
    expect(bodyOf(missing).error.code).toBe('not_found');
  });
});

describe('routing', () => {
  it('answers 404 for a route the api Lambda does not serve', async () => {
    const response = await call('GET /nothing');

    expect(response.statusCode).toBe(404);
  });
});

import './support/env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { articleItem } from '../../../functions/adapters/article-repository';
import { keys } from '../../../functions/adapters/table-keys';
import { OwedAlertItem } from '../../../functions/core/alerts/owed-alert';
import type { StoredArticle } from '../../../functions/core/stored-article';
import { handler } from '../../../functions/handlers/alert-sweeper';
import { logger, metrics } from '../../../functions/handlers/observability';
import { boutArticle } from './support/bout-article';
import { context } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);

const MINUTE = 60_000;
const body = 'Viktor Bout could come home in a swap.';

function article(id: string, ingestedAgoMs: number): StoredArticle {
  return boutArticle(id, body, { ingestedAt: new Date(Date.now() - ingestedAgoMs).toISOString() });
}

/** An article stored with its owed-alert item, as ingest leaves it, and no stream record ever delivered. */
function stored(a: StoredArticle): void {
  table.put(articleItem(a));
  table.put({ ...keys.alertDue(a.id, a.ingestedAt), kind: 'alert-due', articleId: a.id });
}

const STORY = 'st_000000000000000000000001';
/** The kind of every message published, in order ('story' for story alerts, else 'article'). */
const publishedKinds = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.MessageAttributes?.kind?.StringValue ?? 'article');
const owed = () => [...table.items.values()].filter((i) => String(i.pk).startsWith('ALERTDUE#'));
const parked = () => [...table.items.values()].filter((i) => i.pk === 'ALERTPARKED');
const sweep = () => handler({}, context);

/**
 * An owed-alert item for `articleId` that does not parse (its articleId is a number), owed long enough
 * for the sweeper to take it (ingested at `ingestedAt`, else 6 minutes ago); `extra` fields are stored
 * with it. Returns its key.
 */
function putMalformedDue(articleId: string, extra: Record<string, unknown> = {}, ingestedAt = article(articleId, 6 * MINUTE).ingestedAt) {
  const key = keys.alertDue(articleId, ingestedAt);
  table.put({ ...key, kind: 'alert-due', articleId: 42, ...extra });
  return key;
}

/** No owed item left in the shards, and exactly these parked (by the key they had when owed). */
function expectParkedOnly(...dueKeys: ReturnType<typeof keys.alertDue>[]): void {
  expect(owed()).toEqual([]);
  expect(parked().map((i) => i.due)).toEqual(dueKeys);
}

beforeEach(() => {
  table.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({});
});

describe('completeness sweeper', () => {
  it('publishes the alert of an article whose stream record was lost, once, and settles what was owed', async () => {
    stored(article('lost', 5 * MINUTE));

    const report = await sweep();
    await sweep();

    expect(report).toMatchObject({ found: 1, published: 1 });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(table.get('ALERT#lost', 'A')).toMatchObject({ status: 'published' });
    expect(owed()).toEqual([]);
  });

  it('leaves an alert owed for less than a few minutes to the stream', async () => {
    stored(article('fresh', 10_000));

    const report = await sweep();

    expect(report.found).toBe(0);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(owed()).toHaveLength(1);
  });

  it('does not publish again an alert that was published but not yet settled', async () => {
    stored(article('done', 5 * MINUTE));
    table.put({ pk: 'ALERT#done', sk: 'A', status: 'published', token: 't' });

    const report = await sweep();

    expect(report).toMatchObject({ found: 1, 'already-published': 1 });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(owed()).toEqual([]);
  });

  it('takes over the claim of a publisher that died between claim and publish once its lease ran out', async () => {
    stored(article('crashed', 5 * MINUTE));
    table.put({ pk: 'ALERT#crashed', sk: 'A', status: 'publishing', token: 'dead', claimedAt: Date.now() - 2 * MINUTE });

    const report = await sweep();

    expect(report.published).toBe(1);
    expect(table.get('ALERT#crashed', 'A')).toMatchObject({ status: 'published' });
  });

  it('keeps an alert owed while SNS fails, and publishes it on a later run', async () => {
    stored(article('outage', 5 * MINUTE));
    sns.on(PublishCommand).rejectsOnce(new Error('SNS down')).resolves({ MessageId: 'm-2' });

    const first = await sweep();
    const second = await sweep();

    expect(first).toMatchObject({ found: 1, failed: 1 });
    expect(second).toMatchObject({ found: 1, published: 1 });
    expect(owed()).toEqual([]);
  });

  it('sends the story alert of a re-driven article once, beside its article alert', async () => {
    stored({ ...article('redriven', 5 * MINUTE), storyId: STORY });

    await sweep();
    await sweep();

    expect(publishedKinds()).toEqual(['article', 'story']);
    expect(table.get('ALERT#story.redriven', 'A')).toMatchObject({ status: 'published' });
    expect(owed()).toEqual([]);
  });

  it('sends the story alert still owed when the article alert had already gone out', async () => {
    stored({ ...article('half-sent', 5 * MINUTE), storyId: STORY });
    table.put({ pk: 'ALERT#half-sent', sk: 'A', status: 'published', token: 't' });

    const report = await sweep();

    expect(report).toMatchObject({ found: 1, 'story-published': 1, overdue: 1 });
    expect(publishedKinds()).toEqual(['story']);
    expect(owed()).toEqual([]);
  });

  it('keeps the alert owed while its story alert fails, and sends the story alert alone on a later run', async () => {
    stored({ ...article('story-outage', 5 * MINUTE), storyId: STORY });
    sns.on(PublishCommand).resolvesOnce({ MessageId: 'm-a' }).rejectsOnce(new Error('SNS down')).resolves({ MessageId: 'm-s' });

    const first = await sweep();
    expect(owed()).toHaveLength(1);
    const second = await sweep();

    expect(first).toMatchObject({ found: 1, failed: 1 });
    expect(second).toMatchObject({ found: 1, 'story-published': 1, overdue: 1 });
    expect(publishedKinds()).toEqual(['article', 'story', 'story']);
    expect(table.get('ALERT#story.story-outage', 'A')).toMatchObject({ status: 'published' });
    expect(owed()).toEqual([]);
  });

  it("settles a re-sent article's owed item without counting it overdue when its alerts had gone out", async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    // A re-send writes an owed item at its own ingest time before it learns the article is stored.
    const first = article('resent', 10 * MINUTE);
    table.put(articleItem(first));
    table.put({ pk: 'ALERT#resent', sk: 'A', status: 'published', token: 't' });
    table.put({ ...keys.alertDue(first.id, new Date(Date.now() - 5 * MINUTE).toISOString()), kind: 'alert-due', articleId: first.id });

    const report = await sweep();

    expect(report).toMatchObject({ found: 1, 'already-published': 1, overdue: 0 });
    expect(addMetric).toHaveBeenCalledWith('AlertsOverdue', 'Count', 0);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(owed()).toEqual([]);
  });

  it("settles a late re-send's owed item without publishing, once the first alert's marker may have expired", async () => {
    const DAY = 24 * 60 * MINUTE;
    // Stored and alerted 8 days ago: its marker (kept 7 days) has expired; a re-send today wrote a new owed item.
    const first = article('resent-late', 8 * DAY);
    table.put(articleItem(first));
    table.put({ ...keys.alertDue(first.id, new Date(Date.now() - 5 * MINUTE).toISOString()), kind: 'alert-due', articleId: first.id });

    const report = await sweep();

    expect(report).toMatchObject({ found: 1, resent: 1, published: 0, overdue: 0 });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(owed()).toEqual([]);
  });

  it("still re-drives an article's own owed item, however old, and a re-send's while the marker can tell", async () => {
    const DAY = 24 * 60 * MINUTE;
    // The article's own owed item (its alert never left): published whatever its age.
    stored(article('own-old', 8 * DAY));
    // A re-send's owed item two days after the first post, whose alert never left: the re-send makes it due at once.
    const recent = article('resent-recent', 2 * DAY);
    table.put(articleItem(recent));
    table.put({ ...keys.alertDue(recent.id, new Date(Date.now() - 5 * MINUTE).toISOString()), kind: 'alert-due', articleId: recent.id });

    const report = await sweep();

    expect(report).toMatchObject({ found: 2, published: 2 });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
  });

  it('does not count as overdue an owed item whose article was never stored, and drops it after an hour', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    // Ingest wrote the owed item, then failed before the article's put: the client got no 2xx, no alert is owed.
    const recent = article('unstored', 5 * MINUTE);
    const old = article('abandoned', 61 * MINUTE);
    for (const a of [recent, old]) table.put({ ...keys.alertDue(a.id, a.ingestedAt), kind: 'alert-due', articleId: a.id });

    const report = await sweep();

    expect(report).toMatchObject({ found: 2, unstored: 1, orphaned: 1, overdue: 0 });
    expect(addMetric).toHaveBeenCalledWith('AlertsOverdue', 'Count', 0);
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    expect(owed().map((i) => i.articleId)).toEqual(['unstored']);
  });

  it('re-drives the other owed alerts past a malformed owed item, parks that one, and counts it overdue', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    stored(article('lost', 5 * MINUTE));
    const key = putMalformedDue('damaged');

    const report = await sweep();

    expect(report).toMatchObject({ found: 2, published: 1, malformed: 1, overdue: 2 });
    expect(addMetric).toHaveBeenCalledWith('AlertsOverdue', 'Count', 2);
    expect(publishedKinds()).toEqual(['article']);
    expect(parked().map((i) => i.due)).toEqual([key]);
    expect(error).toHaveBeenCalledWith(
      'An owed alert item is malformed; it was moved to the ALERTPARKED partition and is not reported again',
      expect.objectContaining({ key, problem: expect.stringContaining('articleId') }),
    );
  });

  it('reports a malformed owed item on one sweep only, and parks it out of the shards with what is wrong', async () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    error.mockClear();
    const key = putMalformedDue('damaged');

    const first = await sweep();
    const later = [await sweep(), await sweep()];

    expect(first).toMatchObject({ found: 1, malformed: 1, overdue: 1 });
    for (const report of later) expect(report).toMatchObject({ found: 0, malformed: 0, overdue: 0 });
    expect(error).toHaveBeenCalledTimes(1);
    expect(owed()).toEqual([]);
    expect(table.get('ALERTPARKED', `${key.pk}#${key.sk}`)).toMatchObject({
      due: key,
      original: JSON.stringify({ ...key, kind: 'alert-due', articleId: 42 }),
      parkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      parkedProblem: expect.stringContaining('articleId'),
      expiresAt: expect.any(Number),
    });
  });

  it('reads no parked item again: later sweeps query only owed items', async () => {
    putMalformedDue('parked');
    await sweep();
    table.ddb.resetHistory();

    await sweep();
    await sweep();

    const read = await Promise.all(table.ddb.commandCalls(QueryCommand).map((c) => c.returnValue as Promise<{ Items: unknown[] }>));
    expect(read.flatMap((out) => out.Items)).toEqual([]);
    expect(table.ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':pk'])).not.toContain(
      'ALERTPARKED',
    );
    expect(table.ddb.commandCalls(PutCommand)).toEqual([]);
  });

  it('moves every kind of owed item the sweep cannot parse out of the shards, reporting each once', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const at = article('shapes', 6 * MINUTE).ingestedAt;
    // The parking deletes an item only while it is still malformed, a condition that repeats OwedAlertItem's check.
    const malformed = [
      { ...keys.alertDue('no-id', at), kind: 'alert-due' },
      { ...keys.alertDue('number', at), kind: 'alert-due', articleId: 42 },
      { ...keys.alertDue('empty', at), kind: 'alert-due', articleId: '' },
      { ...keys.alertDue('list', at), kind: 'alert-due', articleId: ['list'] },
      { ...keys.alertDue('mine', at), kind: 'alert-due', articleId: 'someone-else' },
      { pk: keys.alertDue('open', at).pk, sk: `${at}#`, kind: 'alert-due', articleId: 'open' },
    ];
    for (const item of malformed) {
      expect(OwedAlertItem.safeParse(item).success, String(item.sk)).toBe(false);
      table.put(item);
    }

    const first = await sweep();
    const second = await sweep();

    expect([first.malformed, second.malformed]).toEqual([malformed.length, 0]);
    expect(owed()).toEqual([]);
    expect(parked().map((i) => i.due)).toEqual(expect.arrayContaining(malformed.map(({ pk, sk }) => ({ pk, sk }))));
  });

  it('reports a malformed owed item once when two sweeps find it at the same time', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    putMalformedDue('raced');

    const reports = await Promise.all([sweep(), sweep()]);

    expect(reports.map((r) => r.malformed).sort()).toEqual([0, 1]);
    expect(parked()).toHaveLength(1);
  });

  it('reports a malformed owed item whose sweep crashed between writing the parked copy and deleting it', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const key = putMalformedDue('half-moved');
    // What the crashed sweep left: its copy, written first, and the owed item it never deleted or reported.
    table.put({ ...keys.parkedDue(key), kind: 'alert-parked', due: key });

    const report = await sweep();

    expect(report).toMatchObject({ found: 1, malformed: 1, overdue: 1 });
    expectParkedOnly(key);
  });

  it('moves an item parked in place by an earlier version out of the shards without reporting it again', async () => {
    const key = putMalformedDue('old-parked', { parkedAt: '2026-01-01T00:00:00.000Z', parkedProblem: 'articleId: …' });

    const report = await sweep();

    expect(report).toMatchObject({ found: 0, malformed: 0, overdue: 0 });
    expectParkedOnly(key);
  });

  it('re-drives a parked owed item once an operator puts it back fixed', async () => {
    const a = article('fixed', 6 * MINUTE);
    table.put(articleItem(a));
    const key = putMalformedDue(a.id, {}, a.ingestedAt);
    await sweep();

    // The operator's fix (docs/operations.md): the owed item back under its key, the parked copy removed.
    table.put({ ...key, kind: 'alert-due', articleId: a.id });
    table.items.delete(`ALERTPARKED\u0000${key.pk}#${key.sk}`);
    const report = await sweep();

    expect(report).toMatchObject({ found: 1, published: 1, malformed: 0, overdue: 1 });
    expect(publishedKinds()).toEqual(['article']);
    expect(owed()).toEqual([]);
  });

  it('counts what it found and what it re-drove, for the alarm', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    stored(article('lost', 5 * MINUTE));

    await sweep();

    expect(addMetric).toHaveBeenCalledWith('AlertsOverdue', 'Count', 1);
    expect(addMetric).toHaveBeenCalledWith('AlertsRedriven', 'Count', 1);
  });
});

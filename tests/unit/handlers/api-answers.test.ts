import './support/env';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { articleAlertSent, logSent } from '../../../functions/app/alert-log';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import * as answers from '../../../functions/core/api-answers';
import { handler as api } from '../../../functions/handlers/api';
import { handler as ingest } from '../../../functions/handlers/ingest';
import { metrics } from '../../../functions/handlers/observability';
import { boutArticle } from './support/bout-article';
import { TOPIC } from './support/env';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';
import { storedFeed } from './support/stored-feed';

/**
 * What the handlers really answer parses with the schema the CLI checks it with (core/api-answers.ts):
 * the handlers take their answer types from those schemas, and this is the same check at run time, over
 * every answer a CLI command reads.
 */
const table = fakeTable();
const sns = mockClient(SNSClient);

const call = async (routeKey: string, body?: unknown, id?: string) => {
  const event = httpEvent(routeKey, { ...(body !== undefined && { body }), ...(id && { id }) });
  const response = await (routeKey === 'POST /articles' ? ingest : api)(event, context);
  expect(response.statusCode).toBeLessThan(300);
  return bodyOf(response);
};

/** The issues of `body` against `schema` (none: it parses), so a failure names the field. */
const problems = (schema: { safeParse(body: unknown): { error?: { issues: unknown[] } } }, body: unknown) =>
  schema.safeParse(body).error?.issues ?? [];

const article = { id: 'answer-1', title: 'Talks on Viktor Bout', body: 'Moscow wants Viktor Bout home in a prisoner exchange.' };

beforeEach(() => {
  table.reset();
  sns.reset();
  sns.on(SubscribeCommand).resolves({ SubscriptionArn: `${TOPIC}:11111111-2222-3333-4444-555555555555` });
});

describe('the answers the CLI reads parse with their schemas', () => {
  it('POST /articles, for one article and for a batch with a rejected item', async () => {
    const one = await call('POST /articles', article);
    const batch = await call('POST /articles', { articles: [article, { title: 'no body' }] });

    expect(one.people).toEqual(['viktor-bout']);
    expect(problems(answers.IngestAnswer, one)).toEqual([]);
    expect(batch.results.map((r: { status: number }) => r.status)).toEqual([200, 400]);
    expect(problems(answers.IngestBatchAnswer, batch)).toEqual([]);
  });

  it('POST /feeds, GET /feeds and POST /feeds/poll', async () => {
    const added = await call('POST /feeds', { url: 'https://news.example.com/rss' });
    // A loopback feed: refused by the guarded fetcher without a connection, so its poll result is an error.
    const local = { ...storedFeed('feed_00000000000000000001', '2026-01-01T00:00:00.000Z'), url: 'http://127.0.0.1:9/rss' };
    table.put({ pk: 'FEEDS', sk: local.id, kind: 'feed', ...local });
    const listed = await call('GET /feeds');
    const polled = await call('POST /feeds/poll', {});

    expect(problems(answers.FeedAnswer, added)).toEqual([]);
    expect(listed.items).toHaveLength(2);
    expect(problems(answers.FeedListAnswer, listed)).toEqual([]);
    expect(polled.results.map((r: { status: string }) => r.status)).toContain('error');
    expect(problems(answers.PollAnswer, polled)).toEqual([]);
  });

  it('POST /subscriptions, GET /subscriptions and POST /digests', async () => {
    const created = await call('POST /subscriptions', {
      protocol: 'sqs',
      endpoint: 'arn:aws:sqs:us-east-1:000000000000:digests',
      people: ['viktor-bout'],
      delivery: 'hourly',
      minScore: 0.6,
    });
    const listed = await call('GET /subscriptions');
    const digests = await call('POST /digests', {});

    expect(problems(answers.SubscriptionCreatedAnswer, created)).toEqual([]);
    expect(listed.items).toHaveLength(1);
    expect(problems(answers.SubscriptionListAnswer, listed)).toEqual([]);
    expect(digests.items).toHaveLength(1);
    expect(problems(answers.DigestRunAnswer, digests)).toEqual([]);
  });

  it('GET /watchlist, with a topic defined in full, and PUT /watchlist/people|topics/{id}', async () => {
    const definition = { name: 'Sanctions', terms: { S: ['sanction*'] }, rules: [{ all: ['S'], weight: 1 }] };
    const topic = await call('PUT /watchlist/topics/{id}', definition, 'sanctions');
    const person = await call('PUT /watchlist/people/{id}', { name: 'Brittney Griner', aliases: ['Griner'] }, 'brittney-griner');
    const watchlist = await call('GET /watchlist');

    expect(watchlist.topics.map((t: { id: string }) => t.id)).toContain('sanctions');
    expect(problems(answers.WatchlistAnswer, watchlist)).toEqual([]);
    expect(problems(answers.WatchlistTopicAnswer, topic)).toEqual([]);
    expect(problems(answers.WatchlistPersonAnswer, person)).toEqual([]);
  });

  it('GET /alerts', async () => {
    const now = new Date();
    const sent = articleAlertSent(boutArticle('answer-2', 'Viktor Bout', { ingestedAt: now.toISOString() }), 'm-1', now);
    await logSent(tableFromEnv(createDocumentClient()), metrics, sent);
    const alerts = await call('GET /alerts');

    expect(alerts.items).toHaveLength(1);
    expect(problems(answers.AlertListAnswer, alerts)).toEqual([]);
  });
});

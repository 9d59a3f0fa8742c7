import './support/env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { AlertPayload } from '../../../functions/core/alert';
import type { StoredArticle } from '../../../functions/core/stored-article';
import { handler } from '../../../functions/handlers/alert-dispatcher';
import { listAlerts } from '../../../functions/app/alert-list';
import { metrics } from '../../../functions/handlers/observability';
import { keys } from '../../../functions/adapters/table-keys';
import { boutArticle } from './support/bout-article';
import { ALERT_DLQ_URL, TOPIC } from './support/env';
import { context } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);

const body = 'Moscow and Washington discussed a swap. Viktor Bout could come home.';
/** The dispatcher's article: Viktor Bout and the prisoner-exchange topic, with its evidence. */
function article(id: string, overrides: Partial<StoredArticle> = {}): StoredArticle {
  const base = boutArticle(id, body);
  const swap = body.indexOf('swap');
  const topic = { id: 'prisoner-exchange', score: 0.9, evidence: [{ field: 'body' as const, start: swap, end: swap + 4, text: 'swap' }] };
  return { ...base, topics: ['prisoner-exchange'], tags: { ...base.tags, topics: [topic] }, ...overrides };
}

function record(a: StoredArticle, sequence: string): DynamoDBRecord {
  const item = { pk: `ART#${a.id}`, sk: 'A', kind: 'article', ...a };
  return {
    eventID: `ev-${sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: { SequenceNumber: sequence, NewImage: marshall(item, { removeUndefinedValues: true }) as never },
  };
}

const deliver = (...records: DynamoDBRecord[]) => handler({ Records: records } as DynamoDBStreamEvent, context);

beforeEach(() => {
  table.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  sqs.reset();
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
});

describe('alert dispatcher', () => {
  it('publishes one alert per article with people/topics String.Array attributes, topic scores and a stable alertId', async () => {
    const response = await deliver(record(article('a1'), '100'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns).toReceiveCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      MessageStructure: 'json',
      Subject: expect.stringContaining('Viktor Bout'),
      MessageAttributes: {
        people: { DataType: 'String.Array', StringValue: '["viktor-bout"]' },
        topics: { DataType: 'String.Array', StringValue: '["prisoner-exchange"]' },
        alertId: { DataType: 'String', StringValue: expect.stringMatching(/^al_/) },
        'score.prisoner-exchange': { DataType: 'Number', StringValue: expect.stringMatching(/^0(\.\d+)?$|^1$/) },
      },
    });
  });

  it('writes a readable email and a JSON payload (the default message SQS, HTTPS and Lambda receive)', async () => {
    await deliver(record(article('a1'), '100'));

    const messages = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!);
    expect(messages.email).toContain('Viktor Bout could come home.');
    expect(messages.email).toContain('https://example.com/a1');
    expect(AlertPayload.parse(JSON.parse(messages.default))).toMatchObject({ articleId: 'a1', topics: ['prisoner-exchange'] });
    expect(messages.sqs).toBeUndefined();
  });

  it('marks the alert published and never publishes it again when the record is retried', async () => {
    await deliver(record(article('a1'), '100'));

    const retry = await deliver(record(article('a1'), '100'));

    expect(retry).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(table.get('ALERT#a1', 'A')).toMatchObject({ status: 'published', messageId: 'm-1' });
  });

  it('skips a record whose marker already says published', async () => {
    table.put({ pk: 'ALERT#a1', sk: 'A', status: 'published', token: 'old' });

    const response = await deliver(record(article('a1'), '100'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('reports the record as failed when SNS fails, releases the claim, and publishes on the retry', async () => {
    sns.on(PublishCommand).rejectsOnce(new Error('SNS throttled')).resolves({ MessageId: 'm-2' });

    const first = await deliver(record(article('a1'), '100'));
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(table.get('ALERT#a1', 'A')).toBeUndefined();

    const retry = await deliver(record(article('a1'), '100'));
    expect(retry).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(table.get('ALERT#a1', 'A')).toMatchObject({ status: 'published' });
  });

  it('counts a failed record in StreamRecordsFailed, since a batch item failure is no Lambda error', async () => {
    sns.on(PublishCommand).rejects(new Error('SNS throttled'));
    const addMetric = vi.spyOn(metrics, 'addMetric');
    onTestFinished(() => addMetric.mockRestore());

    await deliver(record(article('a1'), '100'), record(article('a2'), '101'));

    expect(addMetric.mock.calls.filter(([name]) => name === 'StreamRecordsFailed')).toEqual([
      ['StreamRecordsFailed', 'Count', 1],
      ['StreamRecordsFailed', 'Count', 1],
    ]);
  });

  it('reports only the failing record of a batch', async () => {
    sns.on(PublishCommand).callsFake((input) => {
      if (input.Subject.includes('Bad luck')) throw new Error('boom');
      return { MessageId: 'm-ok' };
    });

    const response = await deliver(record(article('ok'), '1'), record(article('bad', { title: 'Bad luck' }), '2'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(table.get('ALERT#ok', 'A')).toMatchObject({ status: 'published' });
  });

  it('dead-letters at once an alert whose marker is damaged (every retry would read it again), naming the marker', async () => {
    table.put({ pk: 'ALERT#a1', sk: 'A', status: 'sent?', token: 'old' });

    const response = await deliver(record(article('a1'), '100'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
    const letter = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(letter).toMatchObject({
      articleId: 'a1',
      reason: expect.stringMatching(/^DamagedRecord: The stored alert marker of a1 is malformed \(status: /),
    });
  });

  it('takes over a stale claim left by a crashed invocation', async () => {
    table.put({ pk: 'ALERT#a1', sk: 'A', status: 'publishing', token: 'dead', claimedAt: Date.now() - 10 * 60_000 });

    await deliver(record(article('a1'), '100'));

    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
  });

  it('leaves an alert claimed by another invocation to it (or, if that one died, to the sweeper) without holding up the shard', async () => {
    table.put({ pk: 'ALERT#a1', sk: 'A', status: 'publishing', token: 'busy', claimedAt: Date.now() });

    const response = await deliver(record(article('a1'), '100'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('settles the owed-alert item ingest wrote once the alert is published', async () => {
    const a = article('a1');
    table.put({ ...keys.alertDue('a1', a.ingestedAt), articleId: 'a1' });

    await deliver(record(a, '100'));

    expect([...table.items.values()].filter((i) => String(i.pk).startsWith('ALERTDUE#'))).toEqual([]);
  });

  it('ignores records that are not matched articles', async () => {
    const response = await deliver(record(article('quiet', { matched: false, people: [], topics: [] }), '5'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });

  it('dead-letters a malformed article image at once and still handles the rest', async () => {
    const broken = record(article('broken'), '8');
    delete (broken.dynamodb!.NewImage as Record<string, unknown>).body;

    const response = await deliver(broken, record(article('fine'), '9'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const letter = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(sqs).toReceiveCommandWith(SendMessageCommand, { QueueUrl: ALERT_DLQ_URL });
    expect(letter).toMatchObject({ kind: 'newswatch-alert-failure', articleId: 'broken', sequenceNumber: '8' });
    expect(letter.reason).toContain('malformed');
  });

  it('dead-letters an article image holding a number past 2^53, naming the field, and still handles the rest', async () => {
    const broken = record(article('huge'), '11');
    (broken.dynamodb!.NewImage as Record<string, unknown>).expiresAt = { N: '100000000000000000000.5' };

    const response = await deliver(broken, record(article('fine'), '12'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    const letter = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(letter).toMatchObject({ articleId: 'huge', reason: expect.stringMatching(/not well-formed \(expiresAt: .*received NaN\)/) });
  });

  it('lists a story alert in what was sent with the people and topics its message names, not only what the story gained', async () => {
    const storyId = 'st_0123456789abcdef01234567';
    await deliver(record(article('first', { storyId, topics: [], tags: { ...article('first').tags, topics: [] } }), '30'));
    // The second article brings the story the topic only: its story alert still names Bout, as its message does.
    await deliver(record(article('second', { storyId }), '31'));

    const logTable = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };
    const { items } = await listAlerts(logTable, { person: 'viktor-bout' }, new Date());
    const storyAlerts = items.filter((a) => a.kind === 'story');
    expect(storyAlerts.map((a) => [a.articleIds, a.people, a.topics])).toEqual([
      [['second'], ['viktor-bout'], ['prisoner-exchange']],
      [['first'], ['viktor-bout'], []],
    ]);
    const published = sns.commandCalls(PublishCommand).map((c) => JSON.parse(JSON.parse(c.args[0].input.Message!).default));
    expect(published.find((m) => m.kind === 'story' && m.articleId === 'second')).toMatchObject({
      people: [{ id: 'viktor-bout' }],
      gained: { people: [], topics: ['prisoner-exchange'] },
    });
  });

  it('files the log entry of an alert published before a crash that lost it, once, when the alert is handled again', async () => {
    const storyId = 'st_0123456789abcdef01234567';
    const isLogWrite = (input: Record<string, any>) =>
      Object.values<any[]>(input.RequestItems ?? {}).some((writes) => writes.some((w) => w.PutRequest?.Item?.kind === 'sent-alert'));
    // The log's writes are lost (as in a crash after the markers were written), the alerts still go out.
    table.failWritesWhile((command, input) => (command === 'batch' && isLogWrite(input) ? new Error('lost in a crash') : undefined));
    await deliver(record(article('a1', { storyId }), '100'));
    table.failWritesWhile(() => undefined);
    const logTable = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };
    const before = await listAlerts(logTable, {}, new Date());

    // Handled again (a stream retry or the sweeper), twice: nothing is published, the entries are filed once.
    await deliver(record(article('a1', { storyId }), '100'));
    await deliver(record(article('a1', { storyId }), '100'));
    const after = await listAlerts(logTable, {}, new Date());

    expect(before.items).toEqual([]);
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 2);
    expect(after.items.map((a) => [a.kind, a.articleIds, a.messageId]).sort()).toEqual([
      ['article', ['a1'], 'm-1'],
      ['story', ['a1'], 'm-1'],
    ]);
    expect(after.items.map((a) => a.publishedAt).sort()).toEqual(
      [table.get('ALERT#a1', 'A')!.loggedAt, table.get('ALERT#story.a1', 'A')!.loggedAt].sort(),
    );
  });

  it('files nothing again for a marker written before markers named their log time (its entry is already there, a few ms off)', async () => {
    await deliver(record(article('a1'), '100'));
    const marker = table.get('ALERT#a1', 'A')!;
    // As the version before wrote it: a publishedAt of its own, no loggedAt.
    const { loggedAt: _dropped, ...older } = marker;
    table.put({ ...older, publishedAt: new Date(Date.parse(marker.loggedAt) - 7).toISOString() });
    const logTable = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };

    await deliver(record(article('a1'), '100'));
    const { items } = await listAlerts(logTable, {}, new Date());

    expect(items.filter((a) => a.kind === 'article').map((a) => a.articleIds)).toEqual([['a1']]);
  });

  it('passes over an image that is not an article even when it holds a number past 2^53', async () => {
    const story = record(article('s1'), '13');
    Object.assign(story.dynamodb!.NewImage as Record<string, unknown>, { kind: { S: 'story' }, version: { N: '-1e30' } });

    const response = await deliver(story);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(sqs).not.toHaveReceivedCommand(SendMessageCommand);
  });

  it('dead-letters at once an alert SNS refuses as invalid, gives the claim back, and does not retry it', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('Invalid parameter: Message too long'), { name: 'InvalidParameterException' }));

    const response = await deliver(record(article('refused'), '10'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(table.get('ALERT#refused', 'A')).toBeUndefined();
    const letter = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input.MessageBody!);
    expect(letter).toMatchObject({ articleId: 'refused', reason: expect.stringContaining('InvalidParameterException') });
  });

  it('retries (does not dead-letter) when the dead-letter queue itself cannot be reached', async () => {
    sqs.on(SendMessageCommand).rejects(new Error('SQS unavailable'));
    const broken = record(article('broken'), '8');
    delete (broken.dynamodb!.NewImage as Record<string, unknown>).body;

    const response = await deliver(broken);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '8' }] });
  });

  it('leaves out an attribute with no values, so a filter on it does not match', async () => {
    await deliver(record(article('p', { topics: [], tags: { people: article('x').tags.people, topics: [] } }), '7'));

    const attributes = sns.commandCalls(PublishCommand)[0]!.args[0].input.MessageAttributes!;
    expect(Object.keys(attributes).sort()).toEqual(['alertId', 'people']);
  });

  it('marks the alert of a test article with a test attribute and a test flag in the payload', async () => {
    await deliver(record(article('smoke', { test: true }), '9'));

    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.MessageAttributes!.test).toEqual({ DataType: 'String', StringValue: 'true' });
    expect(JSON.parse(JSON.parse(input.Message!).default)).toMatchObject({ articleId: 'smoke', test: true });
  });

  it('publishes an ordinary alert without the test attribute', async () => {
    await deliver(record(article('real'), '10'));

    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.MessageAttributes).not.toHaveProperty('test');
    expect(JSON.parse(JSON.parse(input.Message!).default)).not.toHaveProperty('test');
  });

  it('records a ColdStart metric for the dashboard', async () => {
    const captureColdStart = vi.spyOn(metrics, 'captureColdStartMetric');

    await deliver(record(article('c1'), '101'));

    expect(captureColdStart).toHaveBeenCalledWith(context.functionName);
  });

  it('counts published alerts and measures the time from ingest to publication', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    const ingestedAt = new Date(Date.now() - 1_500).toISOString();

    await deliver(record(article('a1', { ingestedAt }), '100'));

    expect(addMetric).toHaveBeenCalledWith('AlertsPublished', 'Count', 1);
    const latency = addMetric.mock.calls.find(([name]) => name === 'IngestToAlertLatency');
    expect(latency?.[1]).toBe('Milliseconds');
    expect(latency?.[2]).toBeGreaterThanOrEqual(1_500);
    expect(latency?.[2]).toBeLessThan(60_000);
  });
});

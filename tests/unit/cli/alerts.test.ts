import { describe, expect, it } from 'vitest';
import { formatAlert, parseAlertMessage } from '../../../functions/cli/alerts/alert-message';
import { followQueue, type AlertQueue, type QueueMessage } from '../../../functions/cli/alerts/follow';
import { settingsForQueueUrl } from '../../../functions/cli/alerts/sqs-queue';
import type { AlertPayload } from '../../../functions/core/alert';
import type { Digest } from '../../../functions/core/digests/digest';

const payload: AlertPayload = {
  alertId: 'al_1',
  articleId: 'a1',
  title: 'Talks on a swap',
  url: 'https://example.com/a1',
  source: 'Wire',
  publishedAt: '2026-11-28T00:00:00Z',
  people: [{ id: 'viktor-bout', name: 'Viktor Bout' }],
  topics: ['prisoner-exchange'],
  evidence: [
    { kind: 'person', id: 'viktor-bout', field: 'body', start: 0, end: 11, text: 'Viktor Bout', sentence: 'Viktor Bout could be swapped.' },
    {
      kind: 'topic',
      id: 'prisoner-exchange',
      field: 'body',
      start: 21,
      end: 28,
      text: 'swapped',
      sentence: 'Viktor Bout could be swapped.',
    },
  ],
};

describe('alert messages', () => {
  it('reads a raw delivery', () => {
    const alert = parseAlertMessage(JSON.stringify(payload));

    expect(alert.payload).toEqual(payload);
    expect(alert.view).toEqual({
      alertId: 'al_1',
      title: 'Talks on a swap',
      url: 'https://example.com/a1',
      source: 'Wire',
      people: ['Viktor Bout'],
      topics: ['prisoner-exchange'],
      evidence: [{ ids: ['viktor-bout', 'prisoner-exchange'], sentence: 'Viktor Bout could be swapped.' }],
    });
  });

  it('unwraps an SNS envelope', () => {
    const envelope = {
      Type: 'Notification',
      MessageId: 'm1',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:t',
      Message: JSON.stringify(payload),
    };

    expect(parseAlertMessage(JSON.stringify(envelope)).payload).toEqual(payload);
  });

  it('still shows an alert of an unknown shape instead of dropping it', () => {
    const alert = parseAlertMessage(
      JSON.stringify({ alertId: 'x', people: ['viktor-bout'], topics: [{ id: 't' }], evidence: [{ id: 'viktor-bout', text: 'Bout' }] }),
    );

    expect(alert.view).toEqual({
      alertId: 'x',
      people: ['viktor-bout'],
      topics: ['t'],
      evidence: [{ ids: ['viktor-bout'], sentence: 'Bout' }],
    });
  });

  it('shows a plain text message as its title', () => {
    expect(parseAlertMessage('hello').view.title).toBe('hello');
  });

  it('prints people, topics, title, link and evidence', () => {
    const text = formatAlert(parseAlertMessage(JSON.stringify(payload)).view, new Date('2026-11-28T12:34:56Z'));

    expect(text).toBe(
      [
        '[12:34:56] Viktor Bout | prisoner-exchange',
        '  Talks on a swap — Wire',
        '  https://example.com/a1',
        '  - [viktor-bout, prisoner-exchange] Viktor Bout could be swapped.',
      ].join('\n'),
    );
  });

  it('prints an article whose title, source, link and evidence hold terminal escapes with those written as escapes', () => {
    const hostile = {
      ...payload,
      title: 'T \u001b]0;pwn\u0007',
      source: 'S\u001b[31m',
      url: 'http://y.example/\u001b[2Jq',
      evidence: [{ id: 'viktor-bout', sentence: 'Viktor Bout \u001b[2J said hi.' }],
    };

    const text = formatAlert(parseAlertMessage(JSON.stringify(hostile)).view, new Date('2026-11-28T12:34:56Z'));

    expect([...text].every((c) => c === '\n' || c >= ' ')).toBe(true);
    expect(text).toContain('T \\u001b]0;pwn\\u0007 — S\\u001b[31m');
    expect(text.split('\n')).toHaveLength(4);
  });

  it('prints a digest as its period and stories, not as an untitled alert', () => {
    const digest: Digest = {
      alertId: 'dg_1',
      kind: 'digest',
      delivery: 'hourly',
      periodStart: '2026-11-28T11:00:00.000Z',
      periodEnd: '2026-11-28T12:00:00.000Z',
      stories: [
        {
          id: 'st_1',
          title: 'Talks on a swap',
          articleCount: 3,
          sources: ['Wire', 'Daily'],
          people: ['viktor-bout'],
          topics: ['prisoner-exchange'],
          url: 'https://example.com/a1',
        },
        { id: 'st_2', title: 'A quiet court day', articleCount: 1, sources: [], people: ['konstantin-yaroshenko'], topics: [], url: null },
      ],
      omittedStories: 4,
    };
    const envelope = { Type: 'Notification', Message: JSON.stringify(digest) };

    const alert = parseAlertMessage(JSON.stringify(envelope));

    expect(alert.view.alertId).toBe('dg_1');
    expect(formatAlert(alert.view, new Date('2026-11-28T12:00:05Z'))).toBe(
      [
        '[12:00:05] hourly digest, 2026-11-28T11:00:00.000Z to 2026-11-28T12:00:00.000Z: 6 stories',
        '  Talks on a swap (3 articles; Wire, Daily) — viktor-bout | prisoner-exchange',
        '    https://example.com/a1',
        '  A quiet court day (1 article) — konstantin-yaroshenko',
        '  … and 4 more (too many for one message: GET /stories lists them all)',
      ].join('\n'),
    );
  });
});

/** A queue that hands out scripted polls, then waits until aborted. */
function fakeQueue(polls: Array<QueueMessage[] | Error>) {
  const removed: string[] = [];
  const queue: AlertQueue = {
    async receive(signal) {
      const next = polls.shift();
      if (next instanceof Error) throw next;
      if (next) return next;
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    },
    async remove(handle) {
      removed.push(handle);
    },
  };
  return { queue, removed };
}

const message = (alertId: string, handle: string): QueueMessage => ({
  body: JSON.stringify({ ...payload, alertId }),
  receiptHandle: handle,
});

describe('following a queue', () => {
  it('prints each alert once, drops a redelivered one and deletes all of them', async () => {
    const { queue, removed } = fakeQueue([
      [message('al_1', 'h1'), message('al_2', 'h2')],
      [message('al_1', 'h3')],
      [message('al_3', 'h4')],
    ]);
    const printed: unknown[] = [];

    const count = await followQueue(queue, { signal: new AbortController().signal, onAlert: (a) => printed.push(a.view.alertId), max: 3 });

    expect(count).toBe(3);
    expect(printed).toEqual(['al_1', 'al_2', 'al_3']);
    expect(removed).toEqual(['h1', 'h2', 'h3', 'h4']);
  });

  it('keeps messages in the queue with keep', async () => {
    const { queue, removed } = fakeQueue([[message('al_1', 'h1')]]);

    await followQueue(queue, { signal: new AbortController().signal, onAlert: () => undefined, keep: true, max: 1 });

    expect(removed).toEqual([]);
  });

  it('stops cleanly when aborted while waiting', async () => {
    const { queue } = fakeQueue([]);
    const controller = new AbortController();

    const following = followQueue(queue, { signal: controller.signal, onAlert: () => undefined });
    controller.abort();

    await expect(following).resolves.toBe(0);
  });

  it('rides out a failed poll but gives up after repeated failures', async () => {
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void sleeps.push(ms);
    const recovering = fakeQueue([new Error('reset'), [message('al_1', 'h1')]]);
    const broken = fakeQueue([new Error('gone'), new Error('gone'), new Error('gone')]);

    const count = await followQueue(recovering.queue, { signal: new AbortController().signal, onAlert: () => undefined, max: 1, sleep });
    const failure = followQueue(broken.queue, {
      signal: new AbortController().signal,
      onAlert: () => undefined,
      sleep,
      maxPollFailures: 3,
    });

    expect(count).toBe(1);
    await expect(failure).rejects.toThrow('gone');
    expect(sleeps).toEqual([1_000, 1_000, 2_000]);
  });
});

describe('a queue that is not there', () => {
  it('stops at the first failure no retry can fix', async () => {
    const sleeps: number[] = [];
    const { queue } = fakeQueue([new Error('QueueDoesNotExist'), [message('al_1', 'h1')]]);

    const failure = followQueue(queue, {
      signal: new AbortController().signal,
      onAlert: () => undefined,
      sleep: async (ms) => void sleeps.push(ms),
      isPermanent: (e) => (e as Error).message === 'QueueDoesNotExist',
    });

    await expect(failure).rejects.toThrow('QueueDoesNotExist');
    expect(sleeps).toEqual([]);
  });
});

describe('queue URLs', () => {
  it("takes the region from an AWS queue URL and uses the operator's credentials", () => {
    expect(settingsForQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/alerts', undefined)).toEqual({ region: 'eu-west-1' });
  });

  it('treats a local queue URL as the stand-in endpoint', () => {
    expect(settingsForQueueUrl('http://127.0.0.1:4566/000000000000/q', undefined)).toEqual({
      endpoint: 'http://127.0.0.1:4566',
      region: 'us-east-1',
      dummyCredentials: true,
    });
  });
});

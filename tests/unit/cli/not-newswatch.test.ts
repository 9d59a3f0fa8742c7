import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRemoteCommands } from '../../../functions/cli/commands/remote';
import { answerJson, FAKE_API_URL, type FakeApiRecord, runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

/** A folder with one article, for `push`. */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newswatch-foreign-'));
  await writeFile(join(dir, 'one.json'), '{"id": "f1", "body": "one"}');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A --url on the SNS/SQS stand-in's port: it answers 200 with an XML page to anything. Every command
 * that talks to the API must say so and exit 1, not read the page as an empty answer.
 */
const foreignPage = () =>
  new Response('<?xml version="1.0"?><DeleteResult/>', { status: 200, headers: { 'content-type': 'application/xml' } });

describe('a command pointed at a server that is not newswatch', () => {
  const api = useFakeApi(foreignPage);

  it.each([
    ['push', ['-q']],
    ['feeds list', []],
    ['watchlist list', []],
    ['subscriptions', []],
  ])('%s exits 1 saying nothing newswatch listens there, without its page', async (command, options) => {
    const inputs = command === 'push' ? [join(dir, 'one.json')] : [];

    const code = await runAgainstFakeApi(registerRemoteCommands, [...command.split(' '), ...inputs, ...options]);

    expect(code).toBe(1);
    expect(api.requests).toHaveLength(1);
    expect(api.out).toBe('');
    expect(api.err).toBe(
      `newswatch: nothing newswatch is listening at ${FAKE_API_URL}: it answered with a page that is not newswatch JSON (HTTP 200)\n` +
        '  hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)\n',
    );
  });
});

/** Runs `command` against the fake API: it must exit 1 saying nothing newswatch listens there and what it answered with, printing nothing. */
async function expectNotNewswatch(api: FakeApiRecord, command: string, answered: string): Promise<void> {
  const code = await runAgainstFakeApi(registerRemoteCommands, command.split(' '));

  expect(code).toBe(1);
  expect(api.requests).toHaveLength(1);
  expect(api.out).toBe('');
  expect(api.err).toMatch(new RegExp(`^newswatch: nothing newswatch is listening at ${FAKE_API_URL}: it answered with ${answered}`));
}

/**
 * Another server's 200 with no body, or JSON of its own: a command that reads the answer must say it is
 * not newswatch, not print "no feeds" or fail with "Cannot read properties of null".
 */
describe.each([
  ['an empty 200', () => new Response(null, { status: 200 })],
  ['a 200 with JSON of its own', () => new Response('{"ok": true}', { status: 200 })],
])('a command that reads the answer, given %s', (_, answer) => {
  const api = useFakeApi(answer);

  it.each([
    ['feeds list'],
    ['feeds poll'],
    ['feeds add https://example.com/feed.xml'],
    ['subscribe --sqs arn:aws:sqs:us-east-1:123456789012:alerts'],
    ['watchlist list'],
    ['watchlist add-person viktor-bout --name Bout'],
    ['watchlist add-topic prisoner-exchange'],
    ['subscriptions'],
    ['alerts list'],
    ['digest send'],
  ])('%s exits 1 saying nothing newswatch listens there', (command) =>
    expectNotNewswatch(api, command, 'something that is not newswatch JSON \\(HTTP 200\\)\\n'),
  );
});

/**
 * Another server's empty 204 (or 200, or JSON of its own) to a delete: nothing in it says newswatch, so
 * without the header every newswatch answer carries, the command must not report the delete done.
 */
describe.each([
  ['an empty 204', () => new Response(null, { status: 204 }), 'an empty answer'],
  ['an empty 200', () => new Response(null, { status: 200 }), 'an empty answer'],
  ['a 200 with JSON of its own', () => new Response('{"ok": true}', { status: 200 }), 'JSON'],
])('a command whose answer is empty, given %s without the x-newswatch header', (_, answer, what) => {
  const api = useFakeApi(answer);

  it.each([
    [`unsubscribe sub_${'0123456789abcdef'.repeat(2)}`],
    ['watchlist remove-person viktor-bout'],
    ['watchlist remove-topic prisoner-exchange'],
    ['feeds remove feed_0123456789abcdef0123'],
  ])('%s exits 1 saying nothing newswatch listens there', (command) =>
    expectNotNewswatch(api, command, `${what} without the x-newswatch header`),
  );
});

/**
 * JSON that has the field a newswatch answer is known by (`items`, `results`, `id`) but not the answer
 * itself: each command checks the whole answer with its schema (functions/core/api-answers.ts), so this
 * too is another server's, never printed as "undefined" columns or a crash.
 */
describe('a command given JSON shaped like newswatch on the outside only', () => {
  let answer: unknown;
  const api = useFakeApi(() => answerJson(answer)());

  it.each([
    ['feeds list', { items: [{ id: 'feed_1' }] }],
    ['feeds poll', { results: [{ id: 'feed_1', status: 'ok' }] }],
    ['feeds add https://example.com/feed.xml', { id: 'feed_1' }],
    ['subscribe --sqs arn:aws:sqs:us-east-1:123456789012:alerts', { id: 'sub_1' }],
    ['watchlist list', { people: [{ id: 'viktor-bout' }], topics: [] }],
    ['watchlist add-person viktor-bout --name Bout', { id: 'viktor-bout' }],
    ['subscriptions', { items: [{ id: 'sub_1' }] }],
    ['alerts list', { items: [{ alertId: 'al_1' }] }],
    ['digest send', { items: [{ subscriptionId: 'sub_1' }] }],
    ['push -q', { results: [{ index: 0 }] }],
  ])('%s exits 1 saying nothing newswatch listens there', (command, body) => {
    answer = body;
    const input = command.startsWith('push') ? ` ${join(dir, 'one.json')}` : '';
    return expectNotNewswatch(api, `${command}${input}`, 'something that is not newswatch JSON \\(HTTP 200\\)\\n');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerFeeds } from '../../../functions/cli/commands/feeds';
import { runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

const FEED = { id: 'feed_0123456789abcdef0123', url: 'https://wire.example.com/rss', source: 'Wire', everyMinutes: 15 };
const answers: Response[] = [];
/** An answer of the newswatch API: `body` as JSON with `status`. */
const apiAnswer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'x-newswatch': '1', 'content-type': 'application/json' } });
const feedAnswer = (status: number) =>
  apiAnswer(status, { ...FEED, fullText: false, lastPolledAt: null, lastStatus: 'pending', articles: 0, nextPollAt: '', createdAt: '' });
/** The API's error answer: `status`, `code`, `message`, and a detail naming `path` when given. */
const errorAnswer = (status: number, code: string, message: string, path?: string) =>
  apiAnswer(status, { error: { code, message, ...(path && { details: [{ path, message: 'x' }] }) } });
const otherSettings = () => errorAnswer(409, 'feed_already_added', 'This feed is already added with other settings: source', 'source');

/** An OPML file listing these outlines (each a raw `<outline …/>`). */
function opmlFile(...outlines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'newswatch-opml-')), 'feeds.opml');
  writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines.join('')}</body></opml>`);
  return file;
}

/** `feeds import` of an OPML file naming a feed that was added before with another source. */
describe('newswatch feeds import', () => {
  const api = useFakeApi(() => answers.shift()!);

  it('goes on past a feed already added with other settings, keeping it, and exits 0', async () => {
    const file = opmlFile(
      '<outline text="Old" title="Old" xmlUrl="https://old.example.com/rss"/>',
      '<outline text="Wire" title="Wire" xmlUrl="https://wire.example.com/rss"/>',
    );
    answers.push(otherSettings(), feedAnswer(201));

    const code = await runAgainstFakeApi(registerFeeds, ['feeds', 'import', file]);

    expect(code ?? 0).toBe(0);
    expect(api.requests).toHaveLength(2);
    expect(api.out).toContain('already there, with other settings (kept): https://old.example.com/rss (This feed is already added');
    expect(api.out).toContain(`added ${FEED.id} ${FEED.url}\n`);
  });

  it('reports a feed the API refuses and goes on with the others, exiting 1', async () => {
    const file = opmlFile(
      '<outline text="Private" xmlUrl="https://10.0.0.1/rss"/>',
      '<outline text="Wire" title="Wire" xmlUrl="https://wire.example.com/rss"/>',
    );
    const refused = errorAnswer(400, 'validation_failed', 'url: must point at a public address', 'url');
    answers.push(refused, feedAnswer(201));

    const code = await runAgainstFakeApi(registerFeeds, ['feeds', 'import', file]);

    expect(code).toBe(1);
    expect(api.requests).toHaveLength(2);
    expect(api.err).toContain('skipped https://10.0.0.1/rss: url: must point at a public address');
    expect(api.out).toContain(`added ${FEED.id} ${FEED.url}\n`);
  });

  it('stops at the first feed when the API refuses the key (403): every feed would be refused alike', async () => {
    const file = opmlFile(
      '<outline text="A" xmlUrl="https://a.example.com/rss"/>',
      '<outline text="B" xmlUrl="https://b.example.com/rss"/>',
    );
    const forbidden = () => errorAnswer(403, 'forbidden', 'This API key may not do this');
    answers.push(forbidden(), forbidden());

    const outcome = await runAgainstFakeApi(registerFeeds, ['feeds', 'import', file]).catch((error: unknown) => error);

    expect(api.requests).toHaveLength(1);
    expect(outcome ?? process.exitCode).not.toBe(0);
    answers.splice(0);
  });
});

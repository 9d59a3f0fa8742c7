import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerRemoteCommands } from '../../../functions/cli/commands/remote';
import type { SourcedArticle } from '../../../functions/cli/push/read-articles';
import { sendInBatches } from '../../../functions/cli/push/send-batches';
import { exitCodeOf, summarize } from '../../../functions/cli/push/summary';
import { createApiClient } from '../../../functions/cli/support/http-client';

/**
 * A stand-in for POST /articles on an ephemeral port: remembers ids (a re-sent id is a duplicate),
 * refuses articles whose body is "server says no", and can be told to throttle the next requests.
 */
interface Recorded {
  key: string | undefined;
  size: number;
}

let server: Server;
let baseUrl: string;
let requests: Recorded[];
let seen: Set<string>;
let throttleNext: number;
let maxInFlight: number;
let inFlight: number;
let tooLargeAbove: number;

/**
 * Requests wait here until `gateSize` of them are in flight together (or GATE_MAX_WAIT_MS passes), so a
 * client that keeps N requests in flight is seen with exactly N, however the scheduler interleaves.
 */
let gateSize = 1;
let waiting: Array<() => void> = [];
const GATE_MAX_WAIT_MS = 250;

function holdUntilGateOpens(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length >= gateSize) {
      for (const release of waiting.splice(0)) release();
      return;
    }
    setTimeout(() => {
      waiting = waiting.filter((r) => r !== resolve);
      resolve();
    }, GATE_MAX_WAIT_MS);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await holdUntilGateOpens();
  inFlight--;
  const { articles } = JSON.parse(raw) as { articles: Array<{ id: string; body: string }> };
  requests.push({ key: req.headers['x-api-key'] as string | undefined, size: articles.length });
  if (throttleNext > 0) {
    throttleNext--;
    return answer(res, 429, { error: { code: 'throttled', message: 'Too many requests' } });
  }
  if (articles.length > tooLargeAbove) return answer(res, 413, { error: { code: 'payload_too_large', message: 'Body too large' } });
  const results = articles.map((article, index) => {
    if (article.body === 'server says no') {
      return {
        index,
        status: 400,
        error: {
          code: 'validation_failed',
          message: 'Invalid request: url: must be an http(s) URL',
          details: [{ path: 'url', message: 'must be an http(s) URL' }],
        },
      };
    }
    // Stored, but its story write failed: the server answers 503 for this item, once.
    if (article.body === 'story not counted once' && !seen.has(article.id)) {
      seen.add(article.id);
      return {
        index,
        status: 503,
        error: { code: 'story_not_counted', message: 'The article is stored, but its story could not be updated' },
      };
    }
    const duplicate = seen.has(article.id);
    seen.add(article.id);
    return { index, status: duplicate ? 200 : 201, id: article.id, duplicate, people: [], topics: [] };
  });
  answer(res, 200, { results });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
  gateSize = 1;
  waiting = [];
  seen = new Set();
  throttleNext = 0;
  maxInFlight = 0;
  inFlight = 0;
  tooLargeAbove = Infinity;
});

function articles(count: number, prefix = 'a'): SourcedArticle[] {
  return Array.from({ length: count }, (_, i) => ({
    article: { id: `${prefix}${i}`, body: `Article ${i}` },
    origin: `feed.jsonl:${i + 1}`,
  }));
}

function pushTo(items: SourcedArticle[], options: { concurrency?: number; batchSize?: number } = {}) {
  const sleeps: number[] = [];
  const client = createApiClient({ baseUrl, apiKey: 'test-key-0123456789', sleep: async (ms) => void sleeps.push(ms) });
  const settled: number[] = [];
  const run = sendInBatches(items, {
    client,
    batchSize: options.batchSize ?? 100,
    concurrency: options.concurrency ?? 8,
    onSettled: (batch) => settled.push(batch.length),
  });
  return { run, sleeps, settled };
}

describe('push over HTTP', () => {
  it('sends 250 articles as batches of 100, 100 and 50 with the API key', async () => {
    const { run, settled } = pushTo(articles(250));

    const summary = summarize([], await run);

    expect(requests.map((r) => r.size).sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(requests.every((r) => r.key === 'test-key-0123456789')).toBe(true);
    expect(settled.reduce((a, b) => a + b, 0)).toBe(250);
    expect(summary).toMatchObject({ total: 250, new: 250, duplicate: 0, rejected: 0, failed: 0 });
    expect(exitCodeOf(summary)).toBe(0);
  });

  it('fills --concurrency requests in flight, never more', async () => {
    gateSize = 3;
    const { run } = pushTo(articles(40), { batchSize: 2, concurrency: 3 });

    await run;

    expect(requests).toHaveLength(20);
    expect(maxInFlight).toBe(3);
  });

  it('retries a throttled batch after a backoff and loses nothing', async () => {
    throttleNext = 2;
    const { run, sleeps } = pushTo(articles(10), { concurrency: 1 });

    const summary = summarize([], await run);

    expect(sleeps).toHaveLength(2);
    expect(requests).toHaveLength(3);
    expect(summary).toMatchObject({ new: 10, rejected: 0, failed: 0 });
  });

  it('counts re-sent articles as duplicates, which still exit 0', async () => {
    await pushTo(articles(5)).run;

    const summary = summarize([], await pushTo(articles(5)).run);

    expect(summary).toMatchObject({ new: 0, duplicate: 5 });
    expect(exitCodeOf(summary)).toBe(0);
  });

  it('reports articles the server refused with their origin and reason, and exits 1', async () => {
    const items = articles(3);
    items[1] = { article: { id: 'bad', body: 'server says no' }, origin: 'feed.jsonl:2' };

    const summary = summarize([{ origin: 'feed.jsonl:9', reason: 'body: must not be empty' }], await pushTo(items).run);

    expect(summary).toMatchObject({ total: 4, new: 2, rejected: 2 });
    expect(summary.problems).toEqual([
      { origin: 'feed.jsonl:2', reason: 'Invalid request: url: must be an http(s) URL' },
      { origin: 'feed.jsonl:9', reason: 'body: must not be empty' },
    ]);
    expect(exitCodeOf(summary)).toBe(1);
  });

  it('sends an item answered 503 story_not_counted again on its own, and counts it as new', async () => {
    const items = articles(3);
    items[1] = { article: { id: 'story-fails', body: 'story not counted once' }, origin: 'feed.jsonl:2' };

    const summary = summarize([], await pushTo(items).run);

    expect(requests.map((r) => r.size)).toEqual([3, 1]);
    expect(summary).toMatchObject({ new: 3, duplicate: 0, rejected: 0, failed: 0 });
    expect(exitCodeOf(summary)).toBe(0);
  });

  it('splits a batch the server finds too large until it fits', async () => {
    tooLargeAbove = 30;

    const summary = summarize([], await pushTo(articles(100)).run);

    expect(summary.new).toBe(100);
    expect(requests.filter((r) => r.size <= 30).reduce((n, r) => n + r.size, 0)).toBe(100);
  });

  it('stops at once when the server is not there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k' });

    const run = sendInBatches(articles(300), { client, batchSize: 100, concurrency: 2 });

    await expect(run).rejects.toThrow(/connection refused/);
  });

  it.each([
    // The SNS/SQS stand-in on port 4566 answers any POST with 200 and an XML page.
    ['a page of its own', '<?xml version="1.0"?><DeleteResult/>', 'a page that is not newswatch JSON'],
    ['JSON without results', '{"ok": true}', 'something that is not newswatch JSON'],
  ])('stops at once, saying it is not newswatch, when another server answers 200 with %s', async (_, page, what) => {
    const calls: string[] = [];
    const foreign = async (url: string) => {
      calls.push(url);
      return new Response(page, { status: 200 });
    };
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:4566', apiKey: 'k', fetch: foreign });

    const run = sendInBatches(articles(300), { client, batchSize: 100, concurrency: 1 });

    await expect(run).rejects.toThrow(`nothing newswatch is listening at http://127.0.0.1:4566: it answered with ${what} (HTTP 200)`);
    expect(calls).toHaveLength(1);
  });

  it.each([
    // dynalite (the local DynamoDB stand-in) answers a POST it does not know with a 400 of its own JSON.
    [
      'a 400 of its own JSON',
      400,
      '{"__type":"com.amazon.coral.service#UnknownOperationException"}',
      'something that is not newswatch JSON',
    ],
    ['a 404 page', 404, '<html><body>Not Found</body></html>', 'a page that is not newswatch JSON'],
  ])(
    'stops at once, saying it is not newswatch, when another server answers %s (no article is called rejected)',
    async (_, status, page, what) => {
      const calls: string[] = [];
      const foreign = async (url: string) => {
        calls.push(url);
        return new Response(page, { status });
      };
      const client = createApiClient({ baseUrl: 'http://127.0.0.1:4566', apiKey: 'k', fetch: foreign });

      const run = sendInBatches(articles(300), { client, batchSize: 100, concurrency: 1 });

      await expect(run).rejects.toThrow(
        `nothing newswatch is listening at http://127.0.0.1:4566: it answered with ${what} (HTTP ${status})`,
      );
      expect(calls).toHaveLength(1);
    },
  );

  it('stops at once when the URL reaches no POST /articles (a 404: a base URL with a path too many)', async () => {
    const calls: string[] = [];
    const noRoute = async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'No route for POST on this path' } }), {
        status: 404,
        headers: { 'x-newswatch': '1' },
      });
    };
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:3000/prod', apiKey: 'k', fetch: noRoute });

    const run = sendInBatches(articles(300), { client, batchSize: 100, concurrency: 1 });

    await expect(run).rejects.toThrow('No route for POST on this path (HTTP 404 not_found)');
    expect(calls).toHaveLength(1);
  });
});

describe('newswatch push (the command)', () => {
  let dir: string;
  let out: string;
  let err: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-push-cmd-'));
    await writeFile(join(dir, 'good.jsonl'), '{"id": "g1", "body": "one"}\n{"id": "g2", "body": "two"}\n');
    await writeFile(
      join(dir, 'mixed.jsonl'),
      '{"id": "m1", "body": "one"}\n{"id": "m2", "body": ""}\n{"id": "m3", "body": "server says no"}\n',
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      out += String(text);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      err += String(text);
      return true;
    });
    vi.stubEnv('NEWSWATCH_RUNTIME_FILE', join(dir, 'no-runtime.json'));
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<typeof process.exitCode> {
    const root = new Command('newswatch').exitOverride();
    registerRemoteCommands(root);
    await root.parseAsync(['node', 'newswatch', 'push', ...args, '--url', baseUrl, '--api-key', 'test-key-0123456789']);
    return process.exitCode;
  }

  it('exits 0 and prints the counts when every article is accepted', async () => {
    const code = await run(join(dir, 'good.jsonl'));

    expect(code).toBe(0);
    expect(out).toBe('2 articles: 2 new, 0 duplicate, 0 rejected\n');
  });

  it('exits 1 and lists each rejected article with its line and reason', async () => {
    const code = await run(join(dir, 'mixed.jsonl'));

    expect(code).toBe(1);
    expect(out).toBe('3 articles: 1 new, 0 duplicate, 2 rejected\n');
    expect(err).toContain('mixed.jsonl:2: body: must not be empty');
    expect(err).toContain('mixed.jsonl:3: Invalid request: url: must be an http(s) URL');
    expect(requests.reduce((n, r) => n + r.size, 0)).toBe(2);
  });

  it('exits 2 and sends nothing when an input cannot be read', async () => {
    const code = await run(join(dir, 'missing.json'));

    expect(code).toBe(2);
    expect(err).toContain('missing.json: no such file or folder');
    expect(requests).toHaveLength(0);
  });

  it('prints a JSON summary with --json', async () => {
    await run(join(dir, 'good.jsonl'), '--json');

    expect(JSON.parse(out)).toMatchObject({ total: 2, new: 2, duplicate: 0, rejected: 0, failed: 0, problems: [] });
  });
});

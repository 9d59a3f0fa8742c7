/**
 * BENCH_FIRST_INVOCATION=1 for bench/lambda.ts: besides "ready", each sample of the functions below
 * also runs its first invocation, so work deferred off the init path is counted where it lands. The
 * world it runs against lives in this (the bench's) process: an in-memory dynalite with the newswatch
 * table (AWS_ENDPOINT_URL_DYNAMODB) and an HTTP server with a fresh RSS feed for every poller sample.
 * Every invocation is X-Ray sampled (`_X_AMZN_TRACE_ID` with Sampled=1), as the first invocation after a
 * cold start usually is at low traffic, so the tracer is loaded too. Each sample gets new data: a new
 * article for ingest, a new feed with new items for the poller, so none of them takes a duplicate path.
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV } from '../functions/adapters/env-names';
import { putFeedIfAbsent } from '../functions/adapters/feed-repository';
import { newStoredFeed } from '../functions/core/feeds/feed';
import { tableDefinition } from '../functions/local/dynamo/dynamo-standin';

/** The functions whose first invocation is measured, each with its event for sample `n`. */
export const FIRST_INVOCATION_HANDLERS = ['authorizer', 'ingest', 'feedPoller'] as const;
type Measured = (typeof FIRST_INVOCATION_HANDLERS)[number];
const TABLE = 'newswatch-bench';
const ITEMS_PER_FEED = 5;
const SAMPLED_TRACE = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

export interface FirstInvocationWorld {
  /** Variables every measured process gets on top of the Lambda environment. */
  readonly env: NodeJS.ProcessEnv;
  /** The event for function `name`'s sample `n` (its data seeded), or undefined when it is not measured. */
  eventFor(name: string, n: number): Promise<unknown | undefined>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** RSS with ITEMS_PER_FEED items whose links and guids carry the feed's number, so every feed's items are new. */
function rssFor(n: number): string {
  const body = 'Viktor Bout was released in a prisoner exchange for Brittney Griner, officials said on Thursday.';
  const items = Array.from(
    { length: ITEMS_PER_FEED },
    (_, i) =>
      `<item><title>Prisoner exchange ${n}-${i}</title><link>https://news.example.com/${n}/${i}</link><guid>bench-${n}-${i}</guid>` +
      `<pubDate>Thu, 08 Dec 2022 12:0${i}:00 GMT</pubDate><description><![CDATA[<p>${body}</p><p>Report ${n}-${i}.</p>]]></description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench wire</title><link>https://news.example.com/</link>${items.join('')}</channel></rss>`;
}

function httpEvent(routeKey: string, body: unknown) {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-api-key': 'nw_benchkey_secretsecretsecret' },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey,
      stage: '$default',
      authorizer: { lambda: { keyId: 'bench', scopes: 'admin' } },
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

export async function startFirstInvocationWorld(): Promise<FirstInvocationWorld> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dbPort = await listen(db);
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${dbPort}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  await client.send(new CreateTableCommand(tableDefinition(TABLE)));
  const table = { doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), name: TABLE };
  const feeds = createServer((req, res) => {
    const n = Number(/\/feed\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFor(n));
  });
  const feedPort = await listen(feeds);

  const events: Record<Measured, (n: number) => Promise<unknown>> = {
    authorizer: async () => ({
      type: 'REQUEST',
      routeKey: 'GET /articles',
      headers: { 'x-api-key': 'nw_benchkey_secretsecretsecret' },
      requestContext: { http: { method: 'GET', path: '/articles' }, routeKey: 'GET /articles' },
    }),
    ingest: async (n) =>
      httpEvent('POST /articles', {
        title: `Viktor Bout freed in exchange ${n}`,
        body: 'Viktor Bout, the Russian arms dealer, was released in a prisoner exchange for Brittney Griner, officials in Moscow and Washington said.',
        url: `https://news.example.com/bench/${n}`,
        publishedAt: '2022-12-08T12:00:00.000Z',
      }),
    feedPoller: async (n) => {
      const id = `bench-feed-${n}`;
      await putFeedIfAbsent(
        table,
        newStoredFeed(
          { id, url: `http://127.0.0.1:${feedPort}/feed/${n}.xml`, everyMinutes: 15, fullText: false },
          '2026-01-01T00:00:00.000Z',
        ),
      );
      return { Records: [{ messageId: `m${n}`, receiptHandle: 'r', body: JSON.stringify({ feedId: id }), eventSource: 'aws:sqs' }] };
    },
  };
  return {
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dbPort}`,
      [ENV.feedsAllowPrivate]: 'true',
      _X_AMZN_TRACE_ID: SAMPLED_TRACE,
      // The X-Ray SDK sends segments over UDP to the daemon's address: nothing listens there, nothing waits.
      AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    },
    eventFor: async (name, n) =>
      (FIRST_INVOCATION_HANDLERS as readonly string[]).includes(name) ? events[name as Measured](n) : undefined,
    close: async () => {
      client.destroy();
      await Promise.all([new Promise((r) => db.close(r)), new Promise((r) => feeds.close(r))]);
    },
  };
}

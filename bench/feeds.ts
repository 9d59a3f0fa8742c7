/**
 * npm run bench:feeds — feed polling against POST /articles, in one run on this machine.
 *
 * One local runtime (in this process: dynalite, SNS/SQS stand-in, the same handlers) and one local
 * HTTP server serving FEEDS generated RSS feeds of ITEMS items each (with ETag and Last-Modified).
 * 1. Baseline: BASELINE other articles POSTed as {"articles": [...]} batches of 100, 2 requests in flight.
 * 2. First poll: every feed polled once (the poller's use case, 16 feeds at a time): every item new.
 * 3. Re-poll: every feed again, nothing changed: the server answers 304 to the conditional GETs.
 * Each phase runs until the stream delivery is idle (alerts sent). Reports items/s into the store,
 * the process's CPU time per phase, the re-poll's share of 304s, and the two ratios the targets name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../functions/local/runtime';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 50);
const BASELINE = Number(process.env.BENCH_BASELINE_ARTICLES ?? 5000);
const BATCH = 100;
const IN_FLIGHT = 2;
const RETRIES = 5;
const PROGRESS_MS = 30_000;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SENTENCE =
  'The minister said on Tuesday that talks with officials in the capital would continue next week after a meeting on trade, energy prices and regional security.';

function itemText(feed: number, item: number): string {
  const who = (feed * ITEMS + item) % 5 === 0 ? ' Lawyers for Viktor Bout commented on the talks.' : '';
  return `Report ${feed}-${item}. ${SENTENCE} ${SENTENCE}${who} Delegates discussed shipping insurance, banks and farmers.`;
}

function feedXml(feed: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const date = new Date(Date.UTC(2024, 0, 1) + (feed * ITEMS + i) * 60_000).toUTCString();
    return `<item><title>Feed ${feed} story ${i}</title><link>https://bench${feed % 50}.example.com/f${feed}/s${i}</link><guid>f${feed}-s${i}</guid><pubDate>${date}</pubDate><description><![CDATA[<p>${itemText(feed, i)}</p>]]></description></item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench ${feed}</title><link>https://bench${feed % 50}.example.com/</link>${items}</channel></rss>`;
}

async function startServer(): Promise<{
  url: (feed: number) => string;
  stats: { ok: number; notModified: number };
  close: () => Promise<void>;
}> {
  const docs = Array.from({ length: FEEDS }, (_, f) => feedXml(f));
  const stats = { ok: 0, notModified: 0 };
  const server = http.createServer((req, res) => {
    const feed = Number(req.url?.slice('/feed/'.length));
    const etag = `"bench-${feed}"`;
    if (req.headers['if-none-match'] === etag) {
      stats.notModified++;
      return void res.writeHead(304, { etag }).end();
    }
    stats.ok++;
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' }).end(docs[feed]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (f) => `http://127.0.0.1:${port}/feed/${f}`, stats, close: () => new Promise((r) => server.close(() => r())) };
}

async function measure<T>(what: () => Promise<T>, idle: () => Promise<void>): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await what();
  await idle();
  const used = process.cpuUsage(cpu);
  return { result, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-bench-feeds-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, snsPort: 0, feedPollIntervalMs: 0, warn: () => undefined });
  const server = await startServer();
  // A loaded machine can time a batch out (503/500): retry it, as the CLI's push does (re-sent articles are no-ops).
  const post = async (path: string, body: unknown, attempt = 1): Promise<unknown> => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'x-api-key': runtime.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 500 && attempt < RETRIES) return post(path, body, attempt + 1);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  let postedBatches = 0;
  try {
    // The poller's use case, wired as the poller handler wires it (imported after the runtime set the environment).
    const [{ feedRunDeps }, { metrics }, { tableFromEnv, createDocumentClient }, { pollAllFeeds }] = await Promise.all([
      import('../functions/handlers/feed-run-wiring'),
      import('../functions/handlers/observability'),
      import('../functions/adapters/table'),
      import('../functions/app/feeds/poll-feeds'),
    ]);
    const deps = feedRunDeps(tableFromEnv(createDocumentClient()), metrics);
    // A progress line on stderr now and then: a long run on a loaded machine shows it is moving (and at what pace).
    const started = performance.now();
    const progress = setInterval(() => {
      const cpu = process.cpuUsage();
      process.stderr.write(
        `[${Math.round((performance.now() - started) / 1000)} s] baseline batches ${postedBatches}, feed bodies served ${server.stats.ok}, 304s ${server.stats.notModified}, cpu ${Math.round((cpu.user + cpu.system) / 1e6)} s\n`,
      );
    }, PROGRESS_MS);
    progress.unref();
    for (let f = 0; f < FEEDS; f++) await post('/feeds', { url: server.url(f) });

    const batches = Array.from({ length: Math.ceil(BASELINE / BATCH) }, (_, b) =>
      Array.from({ length: Math.min(BATCH, BASELINE - b * BATCH) }, (_, i) => ({
        url: `https://baseline.example.com/${b}/${i}`,
        title: `Baseline ${b}-${i}`,
        body: itemText(100_000 + b, i),
      })),
    );
    const baseline = await measure(async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < batches.length) {
            await post('/articles', { articles: batches[next++] });
            postedBatches++;
          }
        }),
      );
    }, runtime.streamIdle);
    const first = await measure(() => pollAllFeeds(deps), runtime.streamIdle);
    const okBefore = server.stats.ok;
    const again = await measure(() => pollAllFeeds(deps), runtime.streamIdle);

    const newItems = first.result.results.reduce((sum, r) => sum + r.new, 0);
    const errors = [...first.result.results, ...again.result.results].filter((r) => r.status === 'error');
    const notModified = again.result.results.filter((r) => r.httpStatus === 304).length;
    const baselineRate = BASELINE / baseline.seconds;
    const firstRate = newItems / first.seconds;
    const report = {
      machine: 'shared 2-core machine, loaded by other work: compare the ratios, not the absolute numbers',
      feeds: FEEDS,
      itemsPerFeed: ITEMS,
      baseline: {
        articles: BASELINE,
        seconds: round(baseline.seconds),
        articlesPerSecond: round(baselineRate),
        cpuSeconds: round(baseline.cpuSeconds),
      },
      firstPoll: {
        newArticles: newItems,
        seconds: round(first.seconds),
        itemsPerSecond: round(firstRate),
        cpuSeconds: round(first.cpuSeconds),
      },
      rePoll: {
        seconds: round(again.seconds),
        cpuSeconds: round(again.cpuSeconds),
        share304: round(notModified / FEEDS),
        full200Answers: server.stats.ok - okBefore,
      },
      errors: errors.length,
      firstPollVsBatchIngest: `${round((firstRate / baselineRate) * 100)} % (target >= 70 %)`,
      rePollCpuCheaperBy: `${round(first.cpuSeconds / again.cpuSeconds)}x (target >= 10x)`,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (errors.length > 0) process.exitCode = 1;
  } finally {
    await server.close();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();

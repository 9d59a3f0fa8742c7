/**
 * npm run bench:pipeline — the local pipeline end to end, as a user runs it.
 *
 * 1. Floor: dynalite alone (a child process, fresh in-memory store), raw PutItem of article-sized
 *    items at concurrency 32 — the fastest any write path through it can go.
 * 2. Pipeline: `newswatch serve` in a child process; 5,000 generated articles (~20 % mention tracked
 *    people) POSTed at concurrency 32 through the HTTP API (authorizer, ingest, tagging, DynamoDB
 *    writes, stream delivery, alert dispatcher, SNS -> SQS). Alerts are counted from an SQS queue
 *    subscribed to everything; every 201 that matched something must produce exactly one alert.
 *
 * Reports articles/s, ingest latency p50/p99, ingest-to-alert latency p50/p99 (from the ingest
 * request being sent to the alert being received from SQS; also, labelled, from its 201 reaching the
 * client, which under queueing can come after the alert), and the pipeline's share of the floor.
 * Also the bench's own CPU per article (its HTTP client and SQS receiver share the machine's cores with
 * the server), and the most articles/s the cores could give at the server's and the client's CPU.
 *
 * BENCH_SERVER_NODE_ARGS passes flags to the server's node (e.g. `--trace-gc`, `--trace-opt`);
 * BENCH_SERVER_LOG=<file> appends the server's standard output, where such flags print, to that file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { measureStoryAssignment } from './story-assignment';
import { ensureTable } from '../functions/local/dynamo/dynamo-standin';
import { benchArticles, type BenchArticle, corpusFromEnv } from './news-stream';
import { percentile } from './stats';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 5000);
const CONCURRENCY = 32;
const MATCH_SHARE = 0.2;
const root = fileURLToPath(new URL('..', import.meta.url));
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// ---------- corpus ----------
/** BENCH_CORPUS: `stream` (many stories at once, the default) or `hot` (every article joins one story): bench/news-stream.ts. */
const CORPUS = corpusFromEnv(process.env.BENCH_CORPUS);
type Article = BenchArticle;

// ---------- helpers ----------
async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

function startChild(
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
  cwd = root,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const nodeArgs = args[0] === '-e' ? [] : (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEWSWATCH_API_KEY: '', ...env },
  });
  let out = '';
  let err = '';
  const log = process.env.BENCH_SERVER_LOG;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      if (log) appendFileSync(log, chunk);
      out += chunk;
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before ready: ${err}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * CPU seconds (user + system) a child has used so far, from /proc (Linux); NaN elsewhere. Unlike
 * throughput, CPU per article hardly moves with the load other work puts on a shared machine.
 */
function cpuSeconds(child: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/**
 * The same split by thread: the main thread (HTTP API, handlers, SDK clients, SNS/SQS stand-in) and
 * all others (the DynamoDB stand-in's thread with dynalite and LevelDB, V8's GC and compiler helpers,
 * libuv's pool), per thread id so that a window's busiest other thread can be told apart.
 */
function threadCpuSeconds(child: ChildProcess): { main: number; others: Map<string, number> } {
  const others = new Map<string, number>();
  try {
    let main = 0;
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      const fields = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (tid === String(child.pid)) main += seconds;
      else others.set(tid, seconds);
    }
    return { main, others };
  } catch {
    return { main: NaN, others };
  }
}

type ThreadCpu = ReturnType<typeof threadCpuSeconds>;

/** This process's CPU (user + system) since `before`, in ms per item of `count`: the bench client's own share. */
function clientCpuMsPer(before: NodeJS.CpuUsage, count: number): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / count;
}

/**
 * CPU seconds between two samples: the main thread, the busiest other thread (the DynamoDB stand-in's:
 * Node 20 names no threads, but no GC, compiler or libuv helper comes near it) and all the rest.
 */
function threadCpuBetween(before: ThreadCpu, after: ThreadCpu) {
  const used = [...after.others].map(([tid, seconds]) => seconds - (before.others.get(tid) ?? 0));
  const standin = Math.max(0, ...used);
  const others = used.reduce((a, b) => a + b, 0);
  return { main: after.main - before.main, others, standin, helpers: others - standin };
}

/**
 * POSTs one article on a kept-alive connection (at most CONCURRENCY open). node:http rather than fetch:
 * fetch took ≈ 1.5 ms of this process's CPU per article, on the same two cores the server runs on
 * (docs/benchmarks.md, "Pipeline"); the server sees the same requests either way.
 */
function postJson(agent: http.Agent, url: string, apiKey: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
        } catch {
          reject(new Error(`POST ${url}: ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.end(body);
  });
}

// ---------- 1. floor ----------
async function measureFloor(items: Article[]): Promise<{ rate: number; latencies: number[]; cpuMs: number; clientCpuMs: number }> {
  const script = `const d = require('dynalite')({ createTableMs: 0 }); d.listen(0, '127.0.0.1', () => console.log('port ' + d.address().port)); process.on('SIGINT', () => d.close(() => process.exit(0)));`;
  const { child, match } = await startChild(['-e', script], /port (\d+)/);
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${match[1]}`, region: 'us-east-1', credentials });
  // dynalite answers CreateTable while the table is CREATING and activates it a timer later: a PutItem
  // sent at once can be refused with "Requested resource not found" (ensureTable waits until ACTIVE).
  await ensureTable(client, 'floor');
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(child);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await pool(items, CONCURRENCY, async (item, i) => {
    const sent = performance.now();
    await client.send(
      new PutItemCommand({
        TableName: 'floor',
        Item: {
          pk: { S: `ART#${i}` },
          sk: { S: 'A' },
          kind: { S: 'article' },
          title: { S: item.title },
          body: { S: item.body },
          url: { S: item.url },
          publishedAt: { S: item.publishedAt },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    latencies.push(performance.now() - sent);
  });
  const rate = items.length / ((performance.now() - started) / 1000);
  const cpuMs = ((cpuSeconds(child) - cpuBefore) * 1000) / items.length;
  const clientCpuMs = clientCpuMsPer(clientBefore, items.length);
  client.destroy();
  await stopChild(child);
  return { rate, latencies, cpuMs, clientCpuMs };
}

// ---------- 2. pipeline ----------
interface Settings {
  apiUrl: string;
  apiKey: string;
  region: string;
  tableName: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
}

async function subscribeQueue(settings: Settings, sqs: SQSClient): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-alerts' }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const response = await fetch(`${settings.apiUrl}/subscriptions`, {
    method: 'POST',
    headers: { 'x-api-key': settings.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 'sqs', endpoint: Attributes!.QueueArn }),
  });
  if (response.status !== 201) throw new Error(`subscribe failed: ${response.status} ${await response.text()}`);
  return QueueUrl!;
}

/** Receives alerts until told to stop, recording when each article's alert arrived. */
function collectAlerts(sqs: SQSClient, queueUrl: string, arrivals: Map<string, number>, duplicates: { count: number }) {
  let running = true;
  const receiver = async () => {
    while (running) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const now = performance.now();
      for (const message of Messages) {
        const alert = JSON.parse(JSON.parse(message.Body!).Message);
        if (arrivals.has(alert.articleId)) duplicates.count++;
        else arrivals.set(alert.articleId, now);
      }
      if (Messages.length) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
  };
  const receivers = Array.from({ length: 4 }, receiver);
  return async () => {
    running = false;
    await Promise.all(receivers);
  };
}

async function countStoredArticles(settings: Settings): Promise<number> {
  const client = new DynamoDBClient({ endpoint: settings.dynamodbEndpoint, region: settings.region, credentials });
  let count = 0;
  let start: Record<string, any> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: settings.tableName,
        Select: 'COUNT',
        FilterExpression: 'kind = :a',
        ExpressionAttributeValues: { ':a': { S: 'article' } },
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return count;
}

async function measurePipeline(items: Article[], serialItems: Article[], env: Record<string, string> = {}, cwd = root) {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-bench-'));
  const { child } = await startChild(
    ['bin/newswatch-cli.mjs', 'serve', '--port', '0', '--sns-port', '0', '--data-dir', dataDir],
    /^newswatch ready on (\S+)$/m,
    env,
    cwd,
  );
  try {
    const settings = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as Settings;
    const sqs = new SQSClient({ endpoint: settings.sqsEndpoint, region: settings.region, credentials });
    const queueUrl = await subscribeQueue(settings, sqs);
    const arrivals = new Map<string, number>();
    const duplicates = { count: 0 };
    const stopCollecting = collectAlerts(sqs, queueUrl, arrivals, duplicates);

    const latencies: number[] = [];
    /** Per alerted article: when its request was sent, and when its 201 reached the client. */
    const ingestedAt = new Map<string, { sent: number; answered: number }>();
    const statuses = new Map<number, number>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const push = async (item: Article, into: number[]) => {
      const sent = performance.now();
      const response = await postJson(agent, `${settings.apiUrl}/articles`, settings.apiKey, JSON.stringify(item));
      const result = response.json as { id: string; people?: string[]; topics?: string[] };
      const done = performance.now();
      into.push(done - sent);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 201 && (result.people?.length || result.topics?.length)) ingestedAt.set(result.id, { sent, answered: done });
    };
    const cpuBefore = cpuSeconds(child);
    const clientBefore = process.cpuUsage();
    const threadsBefore = threadCpuSeconds(child);
    const warmUp = warmUpMarks(items.length);
    const started = performance.now();
    await pool(items, CONCURRENCY, async (item) => {
      await push(item, latencies);
      warmUp.answered(() => threadCpuSeconds(child));
    });
    const elapsed = (performance.now() - started) / 1000;

    // For contrast: more articles one request at a time (no client-side queueing), right after.
    const serialLatencies: number[] = [];
    await pool(serialItems, 1, (item) => push(item, serialLatencies));

    const deadline = Date.now() + 120_000;
    while ([...ingestedAt.keys()].some((id) => !arrivals.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // Every article's whole path (both phases), up to its alert: counted once the stream is drained.
    const measured = items.length + serialItems.length;
    const cpuMs = ((cpuSeconds(child) - cpuBefore) * 1000) / measured;
    const clientCpuMs = clientCpuMsPer(clientBefore, measured);
    const threadsAfter = threadCpuSeconds(child);
    const perArticle = (seconds: number) => (seconds * 1000) / measured;
    const threads = threadCpuBetween(threadsBefore, threadsAfter);
    const threadCpuMs = {
      main: perArticle(threads.main),
      others: perArticle(threads.others),
      standin: perArticle(threads.standin),
      helpers: perArticle(threads.helpers),
    };
    const windowCpuMs = warmUp.perArticle(threadsBefore);
    await new Promise((r) => setTimeout(r, 1500)); // late duplicates would show up here
    await stopCollecting();
    // From the request being sent: what a user waits from posting to the alert. From the answer it can be
    // negative: under queueing the alert can reach the queue before the client has read its own 201.
    const alertLatencies = [...ingestedAt].flatMap(([id, at]) => (arrivals.has(id) ? [arrivals.get(id)! - at.sent] : []));
    const alertAfterAnswer = [...ingestedAt].flatMap(([id, at]) => (arrivals.has(id) ? [arrivals.get(id)! - at.answered] : []));
    const stored = await countStoredArticles(settings);
    sqs.destroy();
    agent.destroy();
    return {
      elapsed,
      cpuMs,
      clientCpuMs,
      threadCpuMs,
      windowCpuMs,
      latencies,
      serialLatencies,
      alertLatencies,
      alertAfterAnswer,
      expectedAlerts: ingestedAt.size,
      receivedAlerts: alertLatencies.length,
      unexpected: arrivals.size - alertLatencies.length,
      duplicates: duplicates.count,
      stored,
      statuses,
    };
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Articles per window of the warm-up figure: the first and the last this many answered articles. */
const WARM_UP_WINDOW = 1000;

/**
 * Thread CPU when the first and the last window of answered articles begin and end, so that a run can
 * tell how much of its CPU per article is V8 warming up (the optimising compiler turns the server's
 * code hot function by function over the first thousands of articles) against what grows with the
 * run (stories with more articles, a fuller table). Requests in flight at a mark fall on either side,
 * and the stream's work lags ingest: read the windows as an estimate.
 */
function warmUpMarks(count: number) {
  const marks = count >= 2 * WARM_UP_WINDOW ? [WARM_UP_WINDOW, count - WARM_UP_WINDOW, count] : [];
  const taken = new Map<number, ThreadCpu>();
  let answered = 0;
  return {
    answered(sample: () => ThreadCpu) {
      answered++;
      if (marks.includes(answered)) taken.set(answered, sample());
    },
    /** Per article: the first window, the last window; undefined for a run shorter than two windows. */
    perArticle(start: ThreadCpu) {
      if (marks.length === 0 || taken.size < marks.length) return undefined;
      const window = (from: ThreadCpu, to: ThreadCpu) => {
        const t = threadCpuBetween(from, to);
        return { main: (t.main * 1000) / WARM_UP_WINDOW, others: (t.others * 1000) / WARM_UP_WINDOW };
      };
      return { first: window(start, taken.get(marks[0]!)!), last: window(taken.get(marks[1]!)!, taken.get(marks[2]!)!) };
    },
  };
}

// ---------- 3. with and without a feature, interleaved ----------
/**
 * Pairs of runs with a feature on and off: BENCH_STORIES_AB=N (story clustering at ingest),
 * BENCH_TRANSPORT_AB=N (the handlers' in-process transport to the DynamoDB stand-in), BENCH_SHARDS_AB=N
 * (four stream shards against one) or
 * BENCH_THREAD_AB=N (the DynamoDB stand-in in its own thread), BENCH_FAST_PATH_AB=N (the local document
 * clients' fast path, dynamo/document-fast-path.ts), BENCH_SHORTCUTS_AB=N (the stand-in's dynalite shortcuts,
 * dynamo/sync-reads.ts and dynamo/expression-cache.ts), BENCH_SNS_AB=N (the handlers' in-process SNS
 * Publish, sns/sns-fast-path.ts), each switched off by the runtime's
 * measuring switch; or BENCH_BEFORE_AB=N, this checkout against the one in BENCH_BEFORE_ROOT (a clone
 * of the code before, with its own node_modules: the CLI caches its bundle there). Each pair also
 * measures the floor first, so both sides' share of it is from the same minutes. Other switches in the environment (NEWSWATCH_STORY_CLUSTERING=off) apply to both sides.
 */
interface Switch {
  pairs: number;
  name: string;
  off: Record<string, string>;
  /** The checkout whose `newswatch serve` is the "without" side (default: this one). */
  offRoot?: string;
  target: string;
}
const SWITCHES: Switch[] = [
  {
    pairs: Number(process.env.BENCH_STORIES_AB ?? 0),
    name: 'story assignment',
    off: { NEWSWATCH_STORY_CLUSTERING: 'off' },
    target: 'target >= 0.9',
  },
  {
    pairs: Number(process.env.BENCH_TRANSPORT_AB ?? 0),
    name: 'the in-process table transport',
    off: { NEWSWATCH_DYNAMO_IN_PROCESS: 'off' },
    target: 'higher is better',
  },
  {
    pairs: Number(process.env.BENCH_SHARDS_AB ?? 0),
    name: 'four stream shards',
    off: { NEWSWATCH_STREAM_SHARDS: '1' },
    target: 'higher is better; read the ingest-to-alert figures',
  },
  {
    pairs: Number(process.env.BENCH_THREAD_AB ?? 0),
    name: 'the DynamoDB stand-in thread',
    off: { NEWSWATCH_DYNAMO_THREAD: 'off' },
    target: 'higher is better',
  },
  {
    pairs: Number(process.env.BENCH_FAST_PATH_AB ?? 0),
    name: "the local document clients' fast path",
    off: { NEWSWATCH_DYNAMO_FAST_PATH: 'off' },
    target: 'higher is better',
  },
  {
    pairs: Number(process.env.BENCH_SHORTCUTS_AB ?? 0),
    name: "the stand-in's dynalite shortcuts (synchronous reads, kept condition parses)",
    off: { NEWSWATCH_DYNAMO_SHORTCUTS: 'off' },
    target: 'higher is better',
  },
  {
    pairs: Number(process.env.BENCH_SNS_AB ?? 0),
    name: "the handlers' in-process SNS Publish",
    off: { NEWSWATCH_SNS_IN_PROCESS: 'off' },
    target: 'higher is better',
  },
  {
    pairs: Number(process.env.BENCH_BEFORE_AB ?? 0),
    name: `this checkout, against ${process.env.BENCH_BEFORE_ROOT ?? '(BENCH_BEFORE_ROOT unset)'}`,
    off: {},
    offRoot: process.env.BENCH_BEFORE_ROOT,
    target: 'higher is better',
  },
];
const chosen = SWITCHES.find((s) => s.pairs > 0);
if (chosen && 'offRoot' in chosen && !chosen.offRoot)
  throw new Error('BENCH_BEFORE_AB needs BENCH_BEFORE_ROOT: a checkout (with node_modules) of the code before');

const median = (values: number[]) => percentile(values, 50);
const spread = (values: number[]) => `${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}`;

/**
 * Targets stated against "before" on a shared machine whose load moves more than the effect between
 * runs: each pair runs the same articles through a fresh server with and without the feature, back to
 * back (alternating the order, so a load trend favours neither side), and the ratios are taken within
 * each pair; the median ratio and its spread are what to read.
 */
async function compareSwitch(items: Article[], feature: Switch): Promise<boolean> {
  const rateRatios: number[] = [];
  const cpuRatios: number[] = [];
  let complete = true;
  for (let pair = 0; pair < feature.pairs; pair++) {
    const order = pair % 2 === 0 ? (['with', 'without'] as const) : (['without', 'with'] as const);
    const result: Record<
      string,
      {
        rate: number;
        cpuMs: number;
        clientCpuMs: number;
        main: number;
        others: number;
        standin: number;
        lastWindow: number;
        ingestP99: number;
        alertP50: number;
        alertP99: number;
      }
    > = {};
    const floor = (await measureFloor(items)).rate;
    for (const side of order) {
      const run = side === 'without' ? await measurePipeline(items, [], feature.off, feature.offRoot) : await measurePipeline(items, []);
      const whole =
        run.stored === items.length && run.receivedAlerts === run.expectedAlerts && run.duplicates === 0 && run.unexpected === 0;
      if (!whole) {
        console.error(
          `pair ${pair + 1}, ${side} ${feature.name}: stored ${run.stored} / ${items.length}, alerts ${run.receivedAlerts} / ${run.expectedAlerts} within the wait, ${run.duplicates} duplicates, ${run.unexpected} unexpected`,
        );
      }
      complete &&= whole;
      result[side] = {
        rate: items.length / run.elapsed,
        cpuMs: run.cpuMs,
        clientCpuMs: run.clientCpuMs,
        ...run.threadCpuMs,
        lastWindow: run.windowCpuMs ? run.windowCpuMs.last.main + run.windowCpuMs.last.others : Number.NaN,
        ingestP99: percentile(run.latencies, 99),
        alertP50: percentile(run.alertLatencies, 50),
        alertP99: percentile(run.alertLatencies, 99),
      };
    }
    const [on, off] = [result.with!, result.without!];
    rateRatios.push(on.rate / off.rate);
    cpuRatios.push(on.cpuMs / off.cpuMs);
    const describe = (r: typeof on) =>
      `${r.rate.toFixed(1)} articles/s (${((r.rate / floor) * 100).toFixed(0)}% of floor), ${r.cpuMs.toFixed(2)} ms CPU (main ${r.main.toFixed(2)} / others ${r.others.toFixed(2)}, of which the stand-in's thread ${r.standin.toFixed(2)}; last ${WARM_UP_WINDOW} answered ${r.lastWindow.toFixed(2)} ms; bench client ${r.clientCpuMs.toFixed(2)} ms), ingest p99 ${r.ingestP99.toFixed(0)} ms, ingest-to-alert p50 / p99 ${r.alertP50.toFixed(0)} / ${r.alertP99.toFixed(0)} ms`;
    console.log(
      `pair ${pair + 1} (${order.join(' first, ')} second, load ${loadAverage()}, floor ${floor.toFixed(0)} items/s): with ${describe(on)}; without ${describe(off)}; throughput ratio ${rateRatios.at(-1)!.toFixed(3)}, CPU ratio ${cpuRatios.at(-1)!.toFixed(3)}`,
    );
  }
  console.log(
    `with / without ${feature.name} over ${feature.pairs} pairs: throughput median ${median(rateRatios).toFixed(3)} (spread ${spread(rateRatios)}; ${feature.target}), server CPU per article median ${median(cpuRatios).toFixed(3)} (spread ${spread(cpuRatios)})`,
  );
  return complete;
}

/** The 1-minute load average (Linux), printed beside figures taken on a shared machine. */
function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return '?';
  }
}

function warmUpRow(windows: ReturnType<ReturnType<typeof warmUpMarks>['perArticle']>): string[][] {
  if (!windows) return [];
  const { first, last } = windows;
  const ms = (w: typeof first) => `${(w.main + w.others).toFixed(2)} ms (main ${w.main.toFixed(2)} / others ${w.others.toFixed(2)})`;
  return [
    [
      `  first / last ${WARM_UP_WINDOW} answered`,
      `${ms(first)} / ${ms(last)}  (the first pays V8's warm-up, the last larger stories and a fuller table)`,
    ],
  ];
}

// ---------- main ----------
const items = benchArticles(CORPUS, ARTICLES, 42, MATCH_SHARE);
const SERIAL = 200;
const serialItems = benchArticles(CORPUS, SERIAL, 43, MATCH_SHARE, ARTICLES);
const sizeKb = items.reduce((n, a) => n + Buffer.byteLength(JSON.stringify(a)), 0) / items.length / 1024;
console.log(
  `bench:pipeline — ${ARTICLES} articles, corpus ${CORPUS} (~${sizeKb.toFixed(1)} KB each, ~${MATCH_SHARE * 100}% mention tracked people), concurrency ${CONCURRENCY}, Node ${process.version}`,
);

if (chosen) {
  const complete = await compareSwitch(items, chosen);
  if (!complete) console.error('bench:pipeline: a run lost or duplicated work');
  process.exit(complete ? 0 : 1);
}

const assignment = await measureStoryAssignment(items.slice(0, 2000));
console.log(
  `${'story assignment CPU per article'.padEnd(36)} ${assignment.cpuMsPerArticle.toFixed(3)} ms  (index simulating 1,000,000 stored articles; ${assignment.articles} articles; target <= 1 ms)`,
);

const floorRun = await measureFloor(items);
const floor = floorRun.rate;
console.log(
  `${'floor: dynalite raw PutItem'.padEnd(36)} ${floor.toFixed(0)} items/s, latency p50 / p99 ${percentile(floorRun.latencies, 50).toFixed(1)} ms / ${percentile(floorRun.latencies, 99).toFixed(1)} ms, dynalite CPU ${floorRun.cpuMs.toFixed(2)} ms/item, client ${floorRun.clientCpuMs.toFixed(2)} ms/item`,
);

const run = await measurePipeline(items, serialItems);
const rate = ARTICLES / run.elapsed;
/** The most articles per second the machine's cores could give if server and client used them fully. */
const CORES = availableParallelism();
const ceiling = (cpuMsPerArticle: number) => (CORES * 1000) / cpuMsPerArticle;
const rows = [
  ['articles/s (end to end, HTTP)', `${rate.toFixed(0)}  (${((rate / floor) * 100).toFixed(0)}% of floor; target >= 50%)`],
  ['server CPU per article', `${run.cpuMs.toFixed(2)} ms  (the serve process, user + system, ingest through alert; target <= 3 ms)`],
  [
    '  of which main thread / others',
    `${run.threadCpuMs.main.toFixed(2)} ms / ${run.threadCpuMs.others.toFixed(2)} ms  (others: DynamoDB stand-in thread ${run.threadCpuMs.standin.toFixed(2)}, V8's GC and compiler helpers and libuv's pool ${run.threadCpuMs.helpers.toFixed(2)})`,
  ],
  ...warmUpRow(run.windowCpuMs),
  [
    'bench client CPU per article',
    `${run.clientCpuMs.toFixed(2)} ms  (this process: HTTP client, SQS receiver; on ${CORES} cores server and client allow at most ${ceiling(run.cpuMs + run.clientCpuMs).toFixed(0)} articles/s, ${((ceiling(run.cpuMs + run.clientCpuMs) / floor) * 100).toFixed(0)}% of floor)`,
  ],
  [
    'ingest latency p50 / p99',
    `${percentile(run.latencies, 50).toFixed(1)} ms / ${percentile(run.latencies, 99).toFixed(1)} ms  (target p99 <= 50 ms)`,
  ],
  [
    `ingest latency, 1 in flight (${SERIAL})`,
    `${percentile(run.serialLatencies, 50).toFixed(1)} ms / ${percentile(run.serialLatencies, 99).toFixed(1)} ms`,
  ],
  [
    'ingest-to-alert p50 / p99',
    `${percentile(run.alertLatencies, 50).toFixed(0)} ms / ${percentile(run.alertLatencies, 99).toFixed(0)} ms  (from the request sent; target p99 <= 1000 ms)`,
  ],
  [
    '  from the 201 reaching the client',
    `${percentile(run.alertAfterAnswer, 50).toFixed(0)} ms / ${percentile(run.alertAfterAnswer, 99).toFixed(0)} ms  (a negative time means the alert arrived before the client read its 201)`,
  ],
  ['articles stored', `${run.stored} / ${ARTICLES + SERIAL}  (statuses ${JSON.stringify(Object.fromEntries(run.statuses))})`],
  ['alerts received', `${run.receivedAlerts} / ${run.expectedAlerts} expected, ${run.duplicates} duplicates, ${run.unexpected} unexpected`],
];
for (const [label, value] of rows) console.log(`${label!.padEnd(36)} ${value}`);

const complete =
  run.stored === ARTICLES + SERIAL && run.receivedAlerts === run.expectedAlerts && run.duplicates === 0 && run.unexpected === 0;
if (!complete) {
  console.error('bench:pipeline: the pipeline lost or duplicated work (see above)');
  process.exit(1);
}

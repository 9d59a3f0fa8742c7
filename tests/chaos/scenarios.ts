/**
 * Fault scenarios against the real local runtime, each measured the same way: articles accepted /
 * stored / lost, alerts expected / delivered / lost / repeated (by alertId), 5xx answers, and the
 * worst delay an alert suffered. `npm run test:chaos` runs them at full size (scripts in run-chaos.ts);
 * tests/integration/chaos-short.test.ts runs small versions in `npm test`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type LocalRuntime, startLocalRuntime } from '../../functions/local/runtime';
import { FUZZ_QUEUE_NAME, fuzzRequests, runFuzz } from '../fuzz/route-fuzzer';

export interface ScenarioResult {
  name: string;
  accepted: number;
  stored: number;
  articlesLost: number;
  alertsExpected: number;
  delivered: number;
  alertsLost: number;
  repeated: number;
  /** Repeats that carried a different alertId for the same article (must be 0). */
  repeatsWithNewAlertId: number;
  /**
   * Repeats that SNS published again (another SNS MessageId: the dispatcher republished an alert SNS
   * had taken but that was not marked published at a crash); the rest of `repeated` is the same SNS
   * message delivered again by the queue (a receive whose delete did not take effect).
   */
  repeatsPublishedAgain: number;
  serverErrors: number;
  /** Undefined where the scenario has no alerts to time (fuzz). */
  worstDelayMs: number | undefined;
  seconds: number;
  notes?: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Progress lines go to stderr (the figures to stdout), so a long run shows where it is. */
const PROGRESS_EVERY_MS = 10_000;
const PROGRESS_EVERY_ARTICLES = 100;
/** After the push: how long the subscriber may wait for the last alert (the sweeper re-drives owed ones within ~1.5 min). */
const SIGKILL_WAIT_MS = 300_000;
let showProgress = false;
/** `npm run test:chaos` shows progress; the short versions in `npm test` run quietly. */
export function reportProgress(): void {
  showProgress = true;
}
const progress = (line: string) => {
  if (showProgress) process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
};
const credentials = { accessKeyId: 'chaos', secretAccessKey: 'chaos' };

export const ordinaryArticle = (run: string, n: number) => ({
  id: `${run}-${n}`,
  title: `Viktor Bout update ${run} ${n}`,
  body: `Viktor Bout, the Russian arms dealer, asked the court again (${run}, filing ${n}).`,
  url: `https://example.com/${run}/${n}`,
});

export function denseArticle(run: string, mentions: number) {
  const body = Array.from({ length: mentions }, (_, i) => `Viktor Bout was named again in filing ${i} of the long list.`).join(' ');
  return { id: `${run}-dense`, title: `Viktor Bout everywhere ${run}`, body, url: `https://example.com/${run}/dense` };
}

/** A subscriber: its own queue, drained continuously; remembers when each alert arrived. */
export class Subscriber {
  readonly arrivals = new Map<string, number[]>();
  readonly alertIds = new Map<string, Set<string>>();
  /** The SNS MessageIds each article's alerts came in (one publish = one id, however often it is received). */
  readonly publishIds = new Map<string, Set<string>>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private sqs: SQSClient;

  constructor(
    private endpoint: string,
    readonly region: string,
    readonly queueName: string,
  ) {
    this.sqs = new SQSClient({ endpoint, region, credentials });
  }

  async create(): Promise<string> {
    const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: this.queueName }));
    const { Attributes } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return Attributes!.QueueArn!;
  }

  start(): void {
    this.stopped = false;
    this.loop = this.drain();
  }

  private async drain(): Promise<void> {
    const url = `${this.endpoint}/000000000000/${this.queueName}`;
    while (!this.stopped) {
      try {
        const { Messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const m of Messages) {
          const envelope = JSON.parse(m.Body!) as { Message: string; MessageId: string };
          const alert = JSON.parse(envelope.Message) as { articleId: string; alertId: string };
          this.publishIds.set(alert.articleId, (this.publishIds.get(alert.articleId) ?? new Set()).add(envelope.MessageId));
          this.arrivals.set(alert.articleId, [...(this.arrivals.get(alert.articleId) ?? []), Date.now()]);
          this.alertIds.set(alert.articleId, (this.alertIds.get(alert.articleId) ?? new Set()).add(alert.alertId));
        }
        if (Messages.length) {
          await this.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: url,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      } catch {
        await new Promise((r) => setTimeout(r, 200)); // the runtime is restarting
      }
    }
  }

  /** Takes over what an earlier subscriber of the same queue received (the one before a restart). */
  carryOver(from: Subscriber): this {
    for (const [id, times] of from.arrivals) this.arrivals.set(id, [...times]);
    for (const [id, alertIds] of from.alertIds) this.alertIds.set(id, new Set(alertIds));
    for (const [id, publishIds] of from.publishIds) this.publishIds.set(id, new Set(publishIds));
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.sqs.destroy();
  }

  /** Waits until every expected article has an alert (or the timeout passes), reporting progress now and then. */
  async waitFor(ids: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let reportAt = Date.now() + PROGRESS_EVERY_MS;
    for (;;) {
      const missing = ids.filter((id) => !this.arrivals.has(id)).length;
      if (missing === 0 || Date.now() >= deadline) return;
      if (Date.now() >= reportAt) {
        progress(`waiting for ${missing} of ${ids.length} alerts (${Math.round((deadline - Date.now()) / 1000)} s left)`);
        reportAt = Date.now() + PROGRESS_EVERY_MS;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function post(apiUrl: string, apiKey: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => undefined) };
}

async function countStored(apiUrl: string, apiKey: string, ids: readonly string[]): Promise<number> {
  let stored = 0;
  for (const id of ids) {
    const r = await fetch(`${apiUrl}/articles/${encodeURIComponent(id)}`, { headers: { 'x-api-key': apiKey } });
    if (r.status === 200) stored++;
  }
  return stored;
}

function tally(
  name: string,
  started: number,
  accepted: Set<string>,
  stored: number,
  expected: readonly string[],
  subscriber: Subscriber,
  serverErrors: number,
  delays: number[],
): ScenarioResult {
  const delivered = expected.filter((id) => subscriber.arrivals.has(id)).length;
  const repeated = [...subscriber.arrivals.values()].reduce((sum, times) => sum + times.length - 1, 0);
  const repeatsWithNewAlertId = [...subscriber.alertIds.values()].filter((ids) => ids.size > 1).length;
  const repeatsPublishedAgain = [...subscriber.publishIds.values()].reduce((sum, ids) => sum + ids.size - 1, 0);
  return {
    name,
    accepted: accepted.size,
    stored,
    articlesLost: accepted.size - stored,
    alertsExpected: expected.length,
    delivered,
    alertsLost: expected.length - delivered,
    repeated,
    repeatsWithNewAlertId,
    repeatsPublishedAgain,
    serverErrors,
    worstDelayMs: delays.length ? Math.max(...delays) : undefined,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Serve {
  child: ChildProcess;
  apiUrl: string;
  exited: Promise<void>;
}

async function serve(dataDir: string, ports: { api: number; sns: number; ddb: number }, apiKey: string): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [
      'bin/newswatch-cli.mjs',
      'serve',
      '--data-dir',
      dataDir,
      '--port',
      String(ports.api),
      '--sns-port',
      String(ports.sns),
      '--dynamodb-port',
      String(ports.ddb),
    ],
    { cwd: root, env: { ...process.env, NEWSWATCH_API_KEY: apiKey }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      // Only the scenario's own kills and stops are expected: any other exit is a finding, with its cause.
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0)
        progress(`serve exited on its own (code ${code}): ${err.slice(-1_500)}`);
      resolve();
    }),
  );
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /newswatch ready on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`serve exited: ${err.slice(-500)}`)));
  });
  return { child, apiUrl, exited };
}

/** SIGKILL of `newswatch serve` during a push, `kills` times; the client re-sends what was not acknowledged. */
export async function sigkillDuringPush(articles: number, kills: number): Promise<ScenarioResult> {
  const started = Date.now();
  const run = `kill${started}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-chaos-'));
  const ports = { api: await freePort(), sns: await freePort(), ddb: await freePort() };
  const apiKey = 'chaos-key-0123456789abcdef';
  let server = await serve(dataDir, ports, apiKey);
  const subscriber = new Subscriber(`http://127.0.0.1:${ports.sns}`, 'us-east-1', `${run}-q`);
  const arn = await subscriber.create();
  await post(server.apiUrl, apiKey, '/subscriptions', { protocol: 'sqs', endpoint: arn, people: ['viktor-bout'] });
  subscriber.start();
  const all = Array.from({ length: articles }, (_, n) => ordinaryArticle(run, n));
  const accepted = new Set<string>();
  const acknowledged = new Map<string, number>();
  let serverErrors = 0;
  const serverErrorKinds = new Map<string, number>();
  // Where the kills fall; each is used once (the re-sent batch must go through).
  const killAt = Array.from({ length: kills }, (_, k) => Math.floor(((k + 1) * articles) / (kills + 1 + 0.5)));
  const BATCH = 25;
  for (let i = 0; i < all.length; ) {
    const batch = all.slice(i, i + BATCH);
    const killIndex = killAt.findIndex((at) => at >= i && at < i + BATCH);
    const sending = post(server.apiUrl, apiKey, '/articles', { articles: batch }).catch(() => undefined);
    if (killIndex >= 0) {
      killAt.splice(killIndex, 1);
      await new Promise((r) => setTimeout(r, 15));
      server.child.kill('SIGKILL');
      await server.exited;
      await sending;
      const restartedAt = Date.now();
      server = await serve(dataDir, ports, apiKey);
      progress(`sigkill: killed at article ${i}, restarted in ${Date.now() - restartedAt} ms`);
      continue; // nothing of this batch counts as acknowledged: the client sends it again
    }
    const requestedAt = Date.now();
    const answer = await sending;
    if (!answer) continue;
    if (answer.status >= 500) {
      // Not acknowledged: counted, and sent again like any client would.
      serverErrors++;
      const kind = `${answer.status} ${answer.json?.error?.code ?? ''}`.trim();
      serverErrorKinds.set(kind, (serverErrorKinds.get(kind) ?? 0) + 1);
      progress(`sigkill: ${kind} for the batch at article ${i} after ${Date.now() - requestedAt} ms; sending it again`);
      continue;
    }
    for (const r of answer.json?.results ?? []) {
      if (r.status !== 200 && r.status !== 201) continue;
      accepted.add(r.id);
      acknowledged.set(r.id, Date.now());
    }
    i += BATCH;
    if (i % PROGRESS_EVERY_ARTICLES === 0) progress(`sigkill: ${accepted.size}/${articles} accepted, ${subscriber.arrivals.size} alerted`);
  }
  const ids = [...accepted];
  await subscriber.waitFor(ids, SIGKILL_WAIT_MS);
  const stored = await countStored(server.apiUrl, apiKey, ids);
  await subscriber.stop();
  server.child.kill('SIGTERM');
  await server.exited;
  return {
    ...tally(
      `SIGKILL during a push of ${articles} articles, ${kills} times`,
      started,
      accepted,
      stored,
      ids,
      subscriber,
      serverErrors,
      delaysOf(subscriber, acknowledged, ids),
    ),
    notes:
      'client re-sends the batch in flight at each kill (and after a 5xx); worst delay from the 2xx to the alert in the queue' +
      (serverErrorKinds.size ? `; 5xx: ${[...serverErrorKinds].map(([kind, n]) => `${n} × ${kind}`).join(', ')}` : ''),
  };
}

interface InProcess {
  runtime: LocalRuntime;
  subscriber: Subscriber;
  dataDir: string;
}

/** Sweeper every 5 s for alerts owed 15 s: the scenarios finish in seconds, with the shape of the deployed one. */
const CHAOS_SWEEP = { intervalMs: 5_000, minAgeMs: 15_000 };

async function inProcess(run: string): Promise<InProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-chaos-'));
  const runtime = await startLocalRuntime({ dataDir, port: 0, snsPort: 0, warn: () => undefined, sweep: CHAOS_SWEEP });
  const subscriber = new Subscriber(runtime.sqsEndpoint, runtime.region, `${run}-q`);
  const arn = await subscriber.create();
  await post(runtime.apiUrl, runtime.apiKey, '/subscriptions', { protocol: 'sqs', endpoint: arn, people: ['viktor-bout'] });
  subscriber.start();
  return { runtime, subscriber, dataDir };
}

/** Pushes articles one request each (a few at a time), noting when each was sent. */
async function pushEach(
  runtime: LocalRuntime,
  list: Array<{ id: string }>,
  sent: Map<string, number>,
): Promise<{ accepted: Set<string>; serverErrors: number }> {
  const accepted = new Set<string>();
  let serverErrors = 0;
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const a = list[next++]!;
      const sentAt = Date.now();
      const r = await post(runtime.apiUrl, runtime.apiKey, '/articles', a);
      if (r.status >= 500) serverErrors++;
      if (r.status === 201 || r.status === 200) {
        accepted.add(a.id);
        sent.set(a.id, sentAt);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { accepted, serverErrors };
}

const delaysOf = (subscriber: Subscriber, acknowledged: Map<string, number>, ids: readonly string[]) =>
  ids.flatMap((id) => (subscriber.arrivals.has(id) ? [subscriber.arrivals.get(id)![0]! - acknowledged.get(id)!] : []));

/** SNS refuses every publish for `outageMs`; alerts must all arrive once it is back. */
export async function snsOutage(outageMs: number, articles: number): Promise<ScenarioResult> {
  const started = Date.now();
  const run = `outage${started}`;
  const { runtime, subscriber } = await inProcess(run);
  const back = Date.now() + outageMs;
  runtime.faults.rejectPublishesUntil = back;
  const acknowledged = new Map<string, number>();
  const { accepted, serverErrors } = await pushEach(
    runtime,
    Array.from({ length: articles }, (_, n) => ordinaryArticle(run, n)),
    acknowledged,
  );
  const ids = [...accepted];
  await subscriber.waitFor(ids, outageMs + 120_000);
  const stored = await countStored(runtime.apiUrl, runtime.apiKey, ids);
  await subscriber.stop();
  await runtime.stop();
  const fromAnswer = delaysOf(subscriber, acknowledged, ids);
  // Catching up: from SNS's return (or the 2xx, when later) to the alert in the queue.
  const afterReturn = delaysOf(subscriber, new Map([...acknowledged].map(([id, at]) => [id, Math.max(at, back)])), ids);
  return {
    ...tally(`SNS outage of ${outageMs / 1000} s`, started, accepted, stored, ids, subscriber, serverErrors, afterReturn),
    notes:
      `worst delay = from SNS's return to the alert (median ${median(afterReturn)} ms); ` +
      `from the 2xx, outage included: worst ${Math.max(...fromAnswer)} ms`,
  };
}

/** Ordinary articles sent (and alerted) before the measured phases: the first requests of a process are slow. */
const WARM_UP_ARTICLES = 20;

/**
 * One article with `mentions` mentions and one malformed record among `ordinary` ordinary articles:
 * nothing stalls. The delay the bad records cause is measured against a baseline in the same run (the
 * same number of ordinary articles, pushed the same way, with no bad record), because on a loaded
 * machine the raw delays say more about the load than about the records.
 */
export async function denseAmongOrdinary(mentions: number, ordinary: number): Promise<ScenarioResult> {
  const started = Date.now();
  const run = `dense${started}`;
  const { runtime, subscriber } = await inProcess(run);
  const acknowledged = new Map<string, number>();
  const phase = async (label: string, list: Array<{ id: string }>) => {
    progress(`dense: ${label} phase, ${list.length} articles`);
    const pushed = await pushEach(runtime, list, acknowledged);
    const ids = [...pushed.accepted];
    await subscriber.waitFor(ids, 60_000);
    return { ...pushed, ids };
  };
  const ordinaryBatch = (label: string, count: number) => Array.from({ length: count }, (_, n) => ordinaryArticle(`${run}${label}`, n));
  const warmUp = await phase('warm', ordinaryBatch('warm', WARM_UP_ARTICLES));
  const baseline = await phase('base', ordinaryBatch('base', ordinary));
  const ddb = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: runtime.region, credentials });
  await ddb.send(
    new PutItemCommand({
      TableName: runtime.tableName,
      Item: { pk: { S: `ART#${run}-poison` }, sk: { S: 'A' }, kind: { S: 'article' }, matched: { BOOL: true } },
    }),
  );
  ddb.destroy();
  const dense = denseArticle(run, mentions);
  const bad = await phase('bad', [dense, ...ordinaryBatch('', ordinary)]);
  const ids = [...warmUp.ids, ...baseline.ids, ...bad.ids];
  const stored = await countStored(runtime.apiUrl, runtime.apiKey, ids);
  await subscriber.stop();
  await runtime.stop();
  const withBad = delaysOf(
    subscriber,
    acknowledged,
    bad.ids.filter((id) => id !== dense.id),
  );
  const without = delaysOf(subscriber, acknowledged, baseline.ids);
  const denseOwn = delaysOf(subscriber, acknowledged, [dense.id])[0];
  const caused = Math.max(0, Math.max(...withBad) - Math.max(...without));
  return {
    ...tally(
      `${mentions} mentions + a malformed record among ${ordinary} ordinary articles`,
      started,
      new Set(ids),
      stored,
      ids,
      subscriber,
      warmUp.serverErrors + baseline.serverErrors + bad.serverErrors,
      [caused],
    ),
    notes:
      `worst delay = what the bad records added: ordinary alerts sent after them took at worst ${Math.max(...withBad)} ms ` +
      `(median ${median(withBad)} ms) from sending to the queue, the same number without them ${Math.max(...without)} ms ` +
      `(median ${median(without)} ms), same run; the dense article's own alert ${denseOwn ?? '—'} ms`,
  };
}

/** Alerts before and after a restart reach a user's queue and subscription made before it. */
export async function restartWithSubscriptions(perSide: number): Promise<ScenarioResult> {
  const started = Date.now();
  const run = `restart${started}`;
  const before = await inProcess(run);
  let { runtime, subscriber } = before;
  const acknowledged = new Map<string, number>();
  const first = await pushEach(
    runtime,
    Array.from({ length: perSide }, (_, n) => ordinaryArticle(run, n)),
    acknowledged,
  );
  await subscriber.stop();
  const ports = {
    port: Number(new URL(runtime.apiUrl).port),
    snsPort: Number(new URL(runtime.snsEndpoint).port),
    dynamodbPort: Number(new URL(runtime.dynamodbEndpoint).port),
  };
  await runtime.stop();
  runtime = await startLocalRuntime({
    ...ports,
    dataDir: before.dataDir,
    apiKey: runtime.apiKey,
    warn: () => undefined,
    sweep: CHAOS_SWEEP,
  });
  subscriber = new Subscriber(runtime.sqsEndpoint, runtime.region, `${run}-q`).carryOver(subscriber);
  subscriber.start();
  const second = await pushEach(
    runtime,
    Array.from({ length: perSide }, (_, n) => ordinaryArticle(`${run}b`, n)),
    acknowledged,
  );
  const accepted = new Set([...first.accepted, ...second.accepted]);
  const ids = [...accepted];
  await subscriber.waitFor(ids, 60_000);
  const stored = await countStored(runtime.apiUrl, runtime.apiKey, ids);
  await subscriber.stop();
  await runtime.stop();
  return {
    ...tally(
      'restart with a live subscription and queue',
      started,
      accepted,
      stored,
      ids,
      subscriber,
      first.serverErrors + second.serverErrors,
      delaysOf(subscriber, acknowledged, ids),
    ),
    notes: 'worst delay from the 2xx to the alert in the queue, the restart included',
  };
}

/** `count` generated hostile requests over every route. */
export async function fuzzEveryRoute(
  count: number,
  seed: number,
): Promise<ScenarioResult & { echoes: number; byStatus: Record<number, number> }> {
  const started = Date.now();
  const runtime = await startLocalRuntime({
    dataDir: mkdtempSync(join(tmpdir(), 'newswatch-chaos-')),
    port: 0,
    snsPort: 0,
    warn: () => undefined,
  });
  // The subscription template names this queue: it must exist for the fuzzer to reach the success path.
  const sqs = new SQSClient({ endpoint: runtime.sqsEndpoint, region: runtime.region, credentials });
  await sqs.send(new CreateQueueCommand({ QueueName: FUZZ_QUEUE_NAME }));
  sqs.destroy();
  const report = await runFuzz(runtime.apiUrl, runtime.apiKey, fuzzRequests(count, seed));
  await runtime.stop();
  return {
    name: `${count} fuzzed requests over ${report.routes} routes`,
    accepted: 0,
    stored: 0,
    articlesLost: 0,
    alertsExpected: 0,
    delivered: 0,
    alertsLost: 0,
    repeated: 0,
    repeatsWithNewAlertId: 0,
    repeatsPublishedAgain: 0,
    serverErrors: report.serverErrors.length,
    worstDelayMs: undefined,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    echoes: report.echoes.length,
    byStatus: report.byStatus,
  };
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function formatResult(r: ScenarioResult): string {
  return [
    `== ${r.name} (${r.seconds} s)`,
    `   articles accepted ${r.accepted} / stored ${r.stored} / lost ${r.articlesLost}`,
    `   alerts expected ${r.alertsExpected} / delivered ${r.delivered} / lost ${r.alertsLost} / repeated ${r.repeated} (with a new alertId: ${r.repeatsWithNewAlertId}; published again ${r.repeatsPublishedAgain}, the same message again ${r.repeated - r.repeatsPublishedAgain})`,
    `   5xx ${r.serverErrors}; worst delay ${r.worstDelayMs === undefined ? '—' : `${r.worstDelayMs} ms`}${r.notes ? `; ${r.notes}` : ''}`,
  ].join('\n');
}

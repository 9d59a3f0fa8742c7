/**
 * npm run bench:story-requests — what story clustering adds per article, counted rather than timed:
 * the table requests and items ingest sends, by operation and item kind, with clustering on and off,
 * and the CPU of the two threads the local runtime uses (this one: ingest, tagging, SDK; the DynamoDB
 * stand-in's: dynalite, LevelDB). Ingest runs in this process against the stand-in in its own thread
 * through the in-process transport, as under `npm start`, without the HTTP API and the alert path.
 *
 * BENCH_ARTICLES (default 600) of BENCH_CORPUS (bench/news-stream.ts), 32 at a time, in BENCH_ROUNDS
 * (default 2) rounds of on/off in alternating order (the JIT warms up over the first runs: compare
 * the CPU of runs that are close, and read the counts, which do not move).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { benchArticles, corpusFromEnv } from './news-stream';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 600);
const CONCURRENCY = 32;
const TABLE = 'bench-stories';
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  TABLE_NAME: TABLE,
});
// Loaded after the environment is set: the handlers' modules read it when loaded.
const { useLocalTableClients, createDocumentClient, tableFromEnv } = await import('../functions/adapters/table');
const { createWatchlistCache } = await import('../functions/adapters/watchlist-cache');
const { ingestArticle } = await import('../functions/app/ingest-articles');
const { mapLimit } = await import('../functions/app/map-limit');
const { createTaggerSource } = await import('../functions/app/tagging');
const { loadTaggerEngine } = await import('../functions/handlers/ingest-wiring');
const { metrics } = await import('../functions/handlers/observability');
const { ensureTable } = await import('../functions/local/dynamo/dynamo-standin');
const { startDynamoThread } = await import('../functions/local/dynamo/dynamo-thread');
const { connectTableClients, localTableClients } = await import('../functions/local/dynamo/in-process-handler');

/** Requests and items per operation and kind (the partition key's prefix: SKEY, STORY, ART, ...). */
type Counts = Map<string, { requests: number; items: number }>;

function count(counts: Counts, key: string, items: number): void {
  const c = counts.get(key) ?? { requests: 0, items: 0 };
  c.requests++;
  c.items += items;
  counts.set(key, c);
}

const kindOf = (item: Record<string, unknown> | undefined) => String(item?.pk ?? '?').split('#')[0] ?? '?';

/** Counts a document-client command by what it sends (batches by the kinds of items in them). */
function countCommand(counts: Counts, name: string, input: Record<string, any>): void {
  if (!input.RequestItems) {
    count(counts, `${name} ${kindOf(input.Item ?? input.Key ?? { pk: input.ExpressionAttributeValues?.[':pk'] })}`, 1);
    return;
  }
  for (const request of Object.values<any>(input.RequestItems)) {
    const items: Record<string, unknown>[] = Array.isArray(request)
      ? request.map((w) => w.PutRequest?.Item ?? w.DeleteRequest?.Key)
      : request.Keys;
    const byKind = new Map<string, number>();
    for (const item of items) byKind.set(kindOf(item), (byKind.get(kindOf(item)) ?? 0) + 1);
    for (const [kind, n] of byKind) count(counts, `${name} ${kind}`, n);
  }
}

/** CPU ms of this process's main thread and of all its other threads (Linux /proc; NaN elsewhere). */
function threadCpuMs(): { main: number; others: number } {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ = 100)
      if (tid === String(process.pid)) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return { main: NaN, others: NaN };
  }
}

async function measure(clusterStories: boolean): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-story-requests-'));
  const standin = await startDynamoThread({ dataDir, port: 0, tableName: TABLE, region: 'us-east-1', warn: console.warn });
  const admin = new DynamoDBClient({ endpoint: `http://${standin.host}:${standin.port}` });
  await ensureTable(admin, TABLE);
  const reset = useLocalTableClients(localTableClients);
  const disconnect = connectTableClients((target, body) => standin.request(target, body));
  const doc = createDocumentClient();
  const counts: Counts = new Map();
  // Counted around the client's own send, whichever way it then goes (the runtime's fast path or the SDK's).
  const send = doc.send.bind(doc) as (command: { constructor: { name: string }; input: Record<string, any> }) => Promise<unknown>;
  doc.send = ((command: { constructor: { name: string }; input: Record<string, any> }) => {
    countCommand(counts, command.constructor.name.replace(/Command$/, ''), command.input);
    return send(command);
  }) as typeof doc.send;
  const table = tableFromEnv(doc);
  const deps = {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, 60_000), loadTaggerEngine),
    retentionDays: 0,
    metrics,
    clusterStories,
  };
  const articles = benchArticles(corpusFromEnv(process.env.BENCH_CORPUS), ARTICLES, 42, 0.2);
  await ingestArticle(deps, { title: 'warm-up', body: 'Warm-up article for the clients and the tagger.', url: 'https://warm.example/up' });
  counts.clear();
  const before = threadCpuMs();
  await mapLimit(articles, CONCURRENCY, (a) => ingestArticle(deps, a));
  const after = threadCpuMs();
  const per = (n: number) => (n / ARTICLES).toFixed(2);
  console.log(
    `clustering ${clusterStories ? 'on' : 'off'}: CPU per article ${per(after.main - before.main + after.others - before.others)} ms (main ${per(after.main - before.main)} / stand-in and other threads ${per(after.others - before.others)})`,
  );
  for (const [key, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    console.log(`  ${key.padEnd(28)} requests ${per(c.requests)}  items ${per(c.items)} per article`);
  }
  disconnect();
  reset();
  admin.destroy();
  await standin.close();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  `bench:story-requests — ${ARTICLES} articles, corpus ${corpusFromEnv(process.env.BENCH_CORPUS)}, ${CONCURRENCY} at a time, Node ${process.version}`,
);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
for (let round = 0; round < ROUNDS; round++) {
  for (const on of round % 2 === 0 ? [true, false] : [false, true]) await measure(on);
}
process.exit(0);

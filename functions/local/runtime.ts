/**
 * The whole pipeline on one machine: SNS/SQS stand-in (fauxqs), DynamoDB stand-in (dynalite) behind
 * its stream capture (dynamo/dynamo-capture.ts), stream delivery to the alert dispatcher, and the HTTP API in front of
 * the same handlers as on AWS. `newswatch serve` and the integration tests both start it from here.
 */
import { randomBytes } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterSender } from './sns/dead-letter';
import { ensureTable } from './dynamo/dynamo-standin';
import { inOwnThread, startDynamoThread } from './dynamo/dynamo-thread';
import { fastPathEnabled } from './dynamo/document-fast-path';
import { dynaliteShortcuts } from './dynamo/dynalite-server';
import { connectTableClients, inProcessTableClients, localTableClients } from './dynamo/in-process-handler';
import { useLocalSnsClients } from '../adapters/sns';
import { releaseClaims } from '../adapters/feed-repository';
import { tableFromEnv, useLocalTableClients } from '../adapters/table';
import { applyHandlerEnvironment } from './handler-environment';
import { checkDataFolder, dataPaths } from './data-folder';
import { localRegion } from '../core/aws-region';
import { hashKey, keyIdOf, MINTED_KEY_PREFIX } from '../core/api-key-format';
import { LOCAL_RUNTIME_KEY_LABEL } from '../core/api-keys';
import { debugStartup, StartupError } from './startup-errors';
import { loadHandlers, type LoadedHandlers } from './handlers';
import { createFeedQueue, startFeedPolling } from './feeds/feed-polling';
import { consoleSite } from './http/console-files';
import { LOCAL_KEY_PREFIX, startHttpApi } from './http/http-api';
import { removeTailLeftovers } from './tail-leftovers';
import { invoke } from './lambda';
import { connectSnsClients, localSnsClients, snsInProcess } from './sns/sns-fast-path';
import { startSnsStandin, type SnsFaults } from './sns/sns-standin';
import { StreamDelivery, defaultDeliveryOptions, type DeliveryOptions } from './stream/stream-delivery';
import { ShardedDelivery, streamShards } from './stream/stream-shards';
import { DigestTimer } from './digest-timer';
import { dailyDigestHour } from '../core/digests/digest';
import { ENV } from '../adapters/env-names';
import { config } from '../handlers/settings';
import { defaultSweepOptions, type SweepCounts, type SweepDetail, SweepTimer, type SweepTimerOptions } from './sweep-timer';

export interface RuntimeOptions {
  /** Data folder (default .newswatch): dynalite's files and the pending stream records. */
  dataDir: string;
  /** HTTP API port (0 = any free port). */
  port: number;
  /** SNS/SQS endpoint port (0 = any free port). */
  snsPort: number;
  /** DynamoDB endpoint port (dynalite with the stream capture; 0 = any free port). */
  dynamodbPort?: number;
  region?: string;
  /** The key to register with scope admin; generated when absent. */
  apiKey?: string;
  tableName?: string;
  topicName?: string;
  delivery?: Partial<Omit<DeliveryOptions, 'onFailure' | 'warn'>>;
  /** Shards of the local stream, each with one batch in flight (default 1, or NEWSWATCH_STREAM_SHARDS; stream/stream-shards.ts). */
  streamShards?: number;
  authorizerCacheMs?: number;
  /** The completeness sweeper's timer (default every 30 s, alerts owed for 60 s or more). */
  sweep?: Partial<SweepTimerOptions>;
  /** How often due feeds are polled (default 30 s; 0 = only through `pollFeedsNow`). */
  feedPollIntervalMs?: number;
  warn?(message: string): void;
}

export interface LocalRuntime {
  apiUrl: string;
  apiKey: string;
  /** True when the key was generated for this run (print it once). */
  apiKeyGenerated: boolean;
  /** The key's scopes: admin, unless NEWSWATCH_API_KEY is a minted key with others. */
  apiKeyScopes: readonly string[];
  region: string;
  tableName: string;
  topicArn: string;
  dynamodbEndpoint: string;
  snsEndpoint: string;
  sqsEndpoint: string;
  deadLetterQueueUrl: string;
  /** Failure injection for tests: make the SNS stand-in reject publishes for a while. */
  faults: SnsFaults;
  /** Resolves when every stream record observed so far was delivered or dead-lettered. */
  streamIdle(): Promise<void>;
  /** Runs the completeness sweeper now (tests; `alerts redrive`'s effect shows on the next run anyway). */
  sweep(detail?: SweepDetail): Promise<SweepCounts | undefined>;
  /** One feed polling round now: the due feeds, through the same dispatcher and poller handlers as the timer. */
  pollFeedsNow(): Promise<void>;
  stop(): Promise<void>;
}

/** The alerts topic's name unless the caller names another (tests do). */
const ALERTS_TOPIC = 'newswatch-alerts';
const DLQ_NAME_SUFFIX = '-stream-dlq';
/** FIFO, as deployed: the dispatcher groups its messages by host. */
const FEED_QUEUE_NAME = 'newswatch-feeds.fifo';
/** Feeds are due every 5 minutes at the most often: a 30 s timer is never more than 30 s late. */
const FEED_POLL_INTERVAL_MS = 30_000;

async function createMessaging(endpoint: string, region: string, topicName: string) {
  const clientConfig = { endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const sns = new SNSClient(clientConfig);
  const sqs = new SQSClient(clientConfig);
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${topicName}${DLQ_NAME_SUFFIX}` }));
  sns.destroy();
  return { sqs, topicArn: TopicArn!, deadLetterQueueUrl: QueueUrl! };
}

/** A path as a user at the prompt would type it: relative when it is under the working folder. */
export function shownPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
}

function generatedKey(): string {
  return `${LOCAL_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
}

/**
 * Registers this run's admin key and withdraws the keys earlier runs registered, so that "the API key"
 * is the one printed (or set in NEWSWATCH_API_KEY) now. Operator-minted keys (`keys create`) stay, and
 * one minted here and given in NEWSWATCH_API_KEY is used as it was minted (mintedHere). Returns the key's scopes.
 */
async function registerKey(key: string): Promise<readonly string[]> {
  const { listApiKeys, registerApiKey, revokeApiKey } = await import('../adapters/api-key-store');
  const minted = await mintedHere(key);
  let keyId: string;
  try {
    keyId = minted?.keyId ?? (await registerApiKey(key, ['admin'], { label: LOCAL_RUNTIME_KEY_LABEL })).keyId;
  } catch (err) {
    if ((err as Error).message.startsWith('An API key must')) throw new StartupError(`NEWSWATCH_API_KEY: ${(err as Error).message}`);
    throw err;
  }
  const earlier = (await listApiKeys()).filter((k) => k.label === LOCAL_RUNTIME_KEY_LABEL && !k.revokedAt && k.keyId !== keyId);
  for (const old of earlier) await revokeApiKey(old.keyId);
  await forgetOldLocalKeys();
  return minted?.scopes ?? ['admin'];
}

/** Revoked keys of earlier starts kept for `keys list` (the newest): one more each start would bury the minted keys. */
const KEPT_REVOKED_LOCAL_KEYS = 3;

async function forgetOldLocalKeys(): Promise<void> {
  const { deleteApiKey, listApiKeys } = await import('../adapters/api-key-store');
  const revoked = (await listApiKeys())
    .filter((k) => k.label === LOCAL_RUNTIME_KEY_LABEL && k.revokedAt !== undefined)
    .sort((a, b) => (a.revokedAt! < b.revokedAt! ? 1 : a.revokedAt! > b.revokedAt! ? -1 : 0));
  for (const old of revoked.slice(KEPT_REVOKED_LOCAL_KEYS)) await deleteApiKey(old.keyId);
}

/**
 * A key minted in this data folder (`newswatch keys create`) given in NEWSWATCH_API_KEY: taken as it was
 * minted, its scopes and label kept, and never withdrawn by a later start (registering it would have made
 * a read key admin and handed it to the next start to revoke). One minted here but revoked, or whose secret
 * is not the minted one, stops the start. Undefined for any other key, a minted one from elsewhere (the
 * deployed stack's admin key, exported in the same shell) included: that is registered like a key of the
 * user's own choosing.
 */
async function mintedHere(key: string): Promise<{ keyId: string; scopes: readonly string[] } | undefined> {
  const keyId = key.startsWith(MINTED_KEY_PREFIX) ? keyIdOf(key) : undefined;
  if (!keyId) return undefined; // not of the minted form: registerApiKey names the problem
  const { findApiKey } = await import('../adapters/api-key-lookup');
  const record = await findApiKey(tableFromEnv(), keyId);
  if (!record || record.label === LOCAL_RUNTIME_KEY_LABEL) return undefined;
  const refuse = (why: string) =>
    new StartupError(`NEWSWATCH_API_KEY: ${why}: mint another with \`npx newswatch keys create\`, or leave it unset`);
  if (record.hash !== hashKey(key)) throw refuse(`not the key minted here as ${keyId} (its secret differs)`);
  if (record.revokedAt) throw refuse(`key ${keyId} was revoked at ${record.revokedAt}`);
  return { keyId, scopes: record.scopes };
}

/**
 * The digest handler reads NEWSWATCH_DAILY_DIGEST_HOUR as it loads, deep in the start-up, and the other
 * handlers and the stream their whole-number settings later still, as the stand-in's thread and the
 * clients their on/off switches; checked first, so a bad value stops the start in one line that names
 * the variable, before anything is opened.
 */
function checkSettings(streamShardsGiven: boolean): void {
  try {
    dailyDigestHour(process.env[ENV.dailyDigestHour]);
  } catch (err) {
    throw new StartupError(`${ENV.dailyDigestHour}: ${(err as Error).message}`);
  }
  try {
    config.maxBodyBytes();
    config.watchlistTtlMs();
    config.retentionDays();
    if (!streamShardsGiven) streamShards();
    const switches = [
      inOwnThread,
      inProcessTableClients,
      fastPathEnabled,
      dynaliteShortcuts,
      snsInProcess,
      config.clusterStories,
      debugStartup,
    ];
    for (const on of switches) on();
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
}

export async function startLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const region = options.region ?? localRegion(process.env);
  const tableName = options.tableName ?? 'newswatch';
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };

  checkSettings(options.streamShards !== undefined);
  // Before anything opens a file in it: a damaged folder is refused as it is (nothing started yet).
  await checkDataFolder(options.dataDir, { region, topicName: options.topicName ?? ALERTS_TOPIC });
  const paths = dataPaths(options.dataDir);
  try {
    const sns = await startSnsStandin({ port: options.snsPort, region, stateFile: paths.standinState });
    cleanups.push(() => sns.stop());
    const messaging = await createMessaging(sns.endpoint, region, options.topicName ?? ALERTS_TOPIC);
    cleanups.push(async () => messaging.sqs.destroy());

    const dynalite = await startDynamoThread({ dataDir: paths.dynamodb, port: options.dynamodbPort ?? 0, tableName, region, warn });
    cleanups.push(() => dynalite.close());
    const admin = new DynamoDBClient({
      endpoint: `http://${dynalite.host}:${dynalite.port}`,
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(async () => admin.destroy());
    const createdAt = await ensureTable(admin, tableName);
    const streamArn = `arn:aws:dynamodb:${region}:000000000000:table/${tableName}/stream/${createdAt.toISOString().replace(/Z$/, '')}`;

    const dynamodbEndpoint = `http://127.0.0.1:${dynalite.port}`;
    const feedQueueUrl = await createFeedQueue(messaging.sqs, FEED_QUEUE_NAME);
    applyHandlerEnvironment({
      region,
      tableName,
      topicArn: messaging.topicArn,
      dynamodbEndpoint,
      snsEndpoint: sns.endpoint,
      alertDlqUrl: messaging.deadLetterQueueUrl,
      feedQueueUrl,
    });
    if (inProcessTableClients()) {
      const reset = useLocalTableClients(localTableClients);
      const disconnect = connectTableClients((target, body) => dynalite.request(target, body));
      cleanups.push(async () => {
        disconnect();
        reset();
      });
    }
    if (snsInProcess()) {
      const reset = useLocalSnsClients(localSnsClients);
      const disconnect = connectSnsClients(sns.publish);
      cleanups.push(async () => {
        disconnect();
        reset();
      });
    }
    const handlers: LoadedHandlers = await loadHandlers();
    await releaseEarlierClaims(warn);
    const feedPolling = startFeedPolling({
      sqs: messaging.sqs,
      queueUrl: feedQueueUrl,
      queueArn: `arn:aws:sqs:${region}:000000000000:${FEED_QUEUE_NAME}`,
      region,
      dispatcher: handlers.feedDispatcher,
      poller: handlers.feedPoller,
      intervalMs: options.feedPollIntervalMs ?? FEED_POLL_INTERVAL_MS,
      warn,
    });
    cleanups.push(() => feedPolling.stop());

    const functionArn = `arn:aws:lambda:${region}:000000000000:function:alert-dispatcher`;
    const shard = () =>
      new StreamDelivery((event) => invoke(handlers.dispatcher, 'alert-dispatcher', event, region, 60_000), dynalite.log, {
        ...defaultDeliveryOptions,
        ...options.delivery,
        onFailure: deadLetterSender(messaging.sqs, messaging.deadLetterQueueUrl, functionArn),
        warn,
      });
    const delivery = new ShardedDelivery(Array.from({ length: options.streamShards ?? streamShards() }, shard));
    cleanups.push(() => delivery.stop());
    // Records arrive already appended to the pending log by the stand-in's thread (before its answer left).
    const recovered = await dynalite.startStream(streamArn, paths.streamLog, (records) => delivery.push(records, { logged: true }));
    const sweeper = new SweepTimer(
      (detail) => invoke(handlers.sweeper, 'alert-sweeper', { detail }, region, 60_000),
      { ...defaultSweepOptions, ...options.sweep },
      warn,
    );
    cleanups.push(() => sweeper.stop());
    // Alerts owed from an earlier run (its claims are dead: the data folder is locked to us) go first.
    await sweeper.run({ minAgeMs: 0, leaseMs: 0 });
    delivery.push(recovered, { logged: true });
    sweeper.start();
    // Hourly and daily digests, on the hour (functions/local/digest-timer.ts).
    const digests = new DigestTimer(() => invoke(handlers.digests, 'digest-scheduler', {}, region, 300_000), warn);
    cleanups.push(() => digests.stop());
    digests.start();

    const apiKey = options.apiKey ?? generatedKey();
    const apiKeyScopes = await registerKey(apiKey);
    // Temporary `alerts tail` subscriptions of an earlier run go now, and this run's when it stops
    // (pushed here, it runs after the HTTP API closed and before the stand-ins stop).
    await removeTailLeftovers(messaging.sqs);
    cleanups.push(() =>
      removeTailLeftovers(messaging.sqs).catch((err: Error) => warn(`could not remove alerts tail queues: ${err.message}`)),
    );

    const http = await startHttpApi({
      port: options.port,
      region,
      handlers,
      authorizerCacheMs: options.authorizerCacheMs,
      warn,
      site: consoleSite(),
      currentKey: apiKey,
      keyFile: shownPath(paths.runtimeFile),
    });
    cleanups.push(() => http.close());

    return {
      apiUrl: http.url,
      apiKey,
      apiKeyGenerated: options.apiKey === undefined,
      apiKeyScopes,
      region,
      tableName,
      topicArn: messaging.topicArn,
      dynamodbEndpoint,
      snsEndpoint: sns.endpoint,
      sqsEndpoint: sns.endpoint,
      deadLetterQueueUrl: messaging.deadLetterQueueUrl,
      faults: sns.faults,
      streamIdle: () => delivery.idle(),
      sweep: (detail = { minAgeMs: 0 }) => sweeper.run(detail),
      pollFeedsNow: () => feedPolling.tick(),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Reads the DLQ depth (handy for `serve` status lines and tests). */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

/**
 * Feeds an earlier run claimed and never polled (stopped mid-round: its feed queue is not kept) are due
 * now. Never stops the start: a damaged feed record or a table error only leaves those feeds to their
 * claims' 15-minute leases, and the API stays up to remove a damaged feed.
 */
async function releaseEarlierClaims(warn: (line: string) => void): Promise<void> {
  const table = tableFromEnv();
  try {
    await releaseClaims(table, new Date());
  } catch (error) {
    warn(
      `feeds: could not release the claims of an earlier run (${(error as Error).message}); those feeds are polled when their claims lapse`,
    );
  } finally {
    table.doc.destroy();
  }
}

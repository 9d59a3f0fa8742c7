/**
 * The DynamoDB stand-in in its own thread (dynamo-worker.ts running dynamo-service.ts): dynalite,
 * LevelDB, the stream capture and the pending stream log use a second core while the handlers, the
 * HTTP API and the SNS/SQS stand-in keep this one. The runtime checks the data folder before this
 * starts (../data-folder.ts); a SIGKILL still takes both threads down at once.
 *
 * `NEWSWATCH_DYNAMO_THREAD=off` runs the same service in this thread behind a MessageChannel: a
 * measuring switch for `bench:pipeline` (and a fallback for a one-core machine).
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import type { DynamoDBRecord } from 'aws-lambda';
import { StartupError } from '../startup-errors';
import type { PendingLog } from '../stream/stream-log';
import { workerScript } from '../worker-bundle';
import {
  type DynamoServiceData,
  type FromDynamoService,
  serveDynamoStandin,
  type TableAnswer,
  type TableRequest,
  type ToDynamoService,
} from './dynamo-service';
import { TurnBatch } from './turn-batch';
import { switchSetting } from '../../core/text/switch-setting';

export interface DynamoThreadOptions {
  dataDir: string;
  port: number;
  tableName: string;
  region: string;
  warn(message: string): void;
}

export interface DynamoThread {
  host: string;
  port: number;
  /**
   * Starts reporting inserted articles: `onRecords` gets each batch of stream records after it was
   * appended to `logFile`. Resolves with the records still pending from an earlier run.
   */
  startStream(streamArn: string, logFile: string, onRecords: (records: DynamoDBRecord[]) => void): Promise<DynamoDBRecord[]>;
  /**
   * One table request in-process (the runtime's own SDK clients, through in-process-handler.ts): no
   * HTTP and no socket, the same stream capture as a request on `port`.
   */
  request(target: string, body: string): Promise<TableAnswer>;
  /** Acknowledges delivered records to the log's owner (delivery pushes records already logged). */
  log: PendingLog;
  close(): Promise<void>;
}

/** The runtime's end of the service: a worker thread, or a MessageChannel to the service in this thread. */
interface ServiceEnd {
  post(message: ToDynamoService): void;
  onMessage(listener: (message: FromDynamoService) => void): void;
  /** Resolves when the service's side is gone. */
  exited: Promise<void>;
  /** Ends it at once (after `close`, only what is left of the thread). */
  terminate(): Promise<void>;
}

export const inOwnThread = () => switchSetting('NEWSWATCH_DYNAMO_THREAD', process.env.NEWSWATCH_DYNAMO_THREAD, true);

async function startService(data: DynamoServiceData, warn: (message: string) => void): Promise<ServiceEnd> {
  if (!inOwnThread()) {
    const { port1, port2 } = new MessageChannel();
    serveDynamoStandin(port2, data);
    const exited = new Promise<void>((resolve) => port1.once('close', () => resolve()));
    return {
      post: (message) => port1.postMessage(message),
      onMessage: (listener) => port1.on('message', listener),
      exited,
      terminate: async () => port1.close(),
    };
  }
  const worker = new Worker(await workerScript('dynamo/dynamo-worker.ts'), { workerData: data });
  worker.on('error', (err) => warn(`dynamodb: the DynamoDB stand-in's thread failed: ${err.message}`));
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    exited: new Promise((resolve) => worker.once('exit', () => resolve())),
    terminate: async () => void (await worker.terminate()),
  };
}

type Listener = (message: FromDynamoService) => void;

export async function startDynamoThread(options: DynamoThreadOptions): Promise<DynamoThread> {
  const data: DynamoServiceData = { dataDir: options.dataDir, port: options.port, tableName: options.tableName, region: options.region };
  const service = await startService(data, options.warn);
  const listeners = new Set<Listener>();
  let onRecords: (records: DynamoDBRecord[]) => void = () => undefined;
  let exited = false;
  const answers = new Map<number, { resolve(answer: TableAnswer): void; reject(error: Error): void }>();
  let lastRequest = 0;
  const requests = new TurnBatch<TableRequest>((batch) => {
    if (!exited) service.post({ type: 'requests', requests: batch });
  });
  void service.exited.then(() => {
    exited = true;
    for (const pending of answers.values()) pending.reject(new Error("the DynamoDB stand-in's thread has stopped"));
    answers.clear();
  });
  service.onMessage((message) => {
    if (message.type === 'answers') {
      for (const answer of message.answers) {
        answers.get(answer.id)?.resolve(answer);
        answers.delete(answer.id);
      }
      return;
    }
    if (message.type === 'records') onRecords(message.records);
    else if (message.type === 'warn') options.warn(message.message);
    for (const listener of listeners) listener(message);
  });
  const next = <T extends FromDynamoService['type']>(...types: T[]) =>
    new Promise<Extract<FromDynamoService, { type: T }>>((resolve, reject) => {
      const listener: Listener = (message) => {
        if (!(types as string[]).includes(message.type)) return;
        listeners.delete(listener);
        resolve(message as Extract<FromDynamoService, { type: T }>);
      };
      listeners.add(listener);
      void service.exited.then(() => reject(new Error("the DynamoDB stand-in's thread has stopped")));
    });

  const started = await next('listening', 'failed');
  if (started.type === 'failed') {
    await service.terminate();
    throw started.startup ? new StartupError(started.message) : new Error(started.message);
  }
  return {
    host: '127.0.0.1',
    port: started.port,
    async startStream(streamArn, logFile, consumer) {
      onRecords = consumer;
      const recovered = next('recovered');
      service.post({ type: 'stream', streamArn, logFile });
      const { records, error } = await recovered;
      if (error) throw new Error(`stream: cannot read the pending stream log ${logFile}: ${error}`);
      return records;
    },
    request(target, body) {
      if (exited) return Promise.reject(new Error("the DynamoDB stand-in's thread has stopped"));
      const id = ++lastRequest;
      return new Promise((resolve, reject) => {
        answers.set(id, { resolve, reject });
        requests.push({ id, target, body });
      });
    },
    log: {
      append() {
        throw new Error('stream records are logged where they are captured, by the DynamoDB stand-in');
      },
      ack(records) {
        if (!exited) service.post({ type: 'ack', sequences: records.map((r) => r.dynamodb?.SequenceNumber ?? '') });
      },
    },
    async close() {
      if (exited) return;
      const closed = next('closed');
      service.post({ type: 'close' });
      await closed.catch(() => undefined);
      // The store is closed (the data folder's lock is free): nothing left in the thread is worth waiting for.
      await service.terminate();
    },
  };
}

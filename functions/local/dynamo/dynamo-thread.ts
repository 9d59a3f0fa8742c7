/**
 * The DynamoDB stand-in in its own thread (dynamo-worker.ts): dynalite, LevelDB, the stream capture
 * and the pending stream log use a second core while the handlers, the HTTP API and the SNS/SQS
 * stand-in keep this one. The runtime checks the data folder before this starts (../data-folder.ts); a
 * SIGKILL still takes both threads down at once.
 */
import { Worker } from 'node:worker_threads';
import type { DynamoDBRecord } from 'aws-lambda';
import { StartupError } from '../errors';
import type { PendingLog } from '../stream/stream-log';
import { workerScript } from '../worker-bundle';
import type { DynamoWorkerData, FromDynamoWorker, ToDynamoWorker } from './dynamo-worker';

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
  /** Acknowledges delivered records to the log's owner (delivery pushes records already logged). */
  log: PendingLog;
  close(): Promise<void>;
}

type Listener = (message: FromDynamoWorker) => void;

export async function startDynamoThread(options: DynamoThreadOptions): Promise<DynamoThread> {
  const workerData: DynamoWorkerData = {
    dataDir: options.dataDir,
    port: options.port,
    tableName: options.tableName,
    region: options.region,
  };
  const worker = new Worker(await workerScript('dynamo/dynamo-worker.ts'), { workerData });
  const listeners = new Set<Listener>();
  let onRecords: (records: DynamoDBRecord[]) => void = () => undefined;
  let exited = false;
  const exit = new Promise<number>((resolve) => worker.once('exit', resolve));
  void exit.then(() => (exited = true));
  worker.on('message', (message: FromDynamoWorker) => {
    if (message.type === 'records') onRecords(message.records);
    else if (message.type === 'warn') options.warn(message.message);
    for (const listener of listeners) listener(message);
  });
  worker.on('error', (err) => options.warn(`dynamodb: the DynamoDB stand-in's thread failed: ${err.message}`));
  const post = (message: ToDynamoWorker) => worker.postMessage(message);
  const next = <T extends FromDynamoWorker['type']>(...types: T[]) =>
    new Promise<Extract<FromDynamoWorker, { type: T }>>((resolve, reject) => {
      const listener: Listener = (message) => {
        if (!(types as string[]).includes(message.type)) return;
        listeners.delete(listener);
        resolve(message as Extract<FromDynamoWorker, { type: T }>);
      };
      listeners.add(listener);
      void exit.then((code) => reject(new Error(`the DynamoDB stand-in's thread exited (${code})`)));
    });

  const started = await next('listening', 'failed');
  if (started.type === 'failed') {
    await worker.terminate();
    throw started.startup ? new StartupError(started.message) : new Error(started.message);
  }
  return {
    host: '127.0.0.1',
    port: started.port,
    async startStream(streamArn, logFile, consumer) {
      onRecords = consumer;
      const recovered = next('recovered');
      post({ type: 'stream', streamArn, logFile });
      const { records, error } = await recovered;
      if (error) throw new Error(`stream: cannot read the pending stream log ${logFile}: ${error}`);
      return records;
    },
    log: {
      append() {
        throw new Error('stream records are logged where they are captured, in the DynamoDB stand-in thread');
      },
      ack(records) {
        if (!exited) post({ type: 'ack', sequences: records.map((r) => r.dynamodb?.SequenceNumber ?? '') });
      },
    },
    async close() {
      if (exited) return;
      const closed = next('closed');
      post({ type: 'close' });
      await closed.catch(() => undefined);
      // The store is closed (the data folder's lock is free): nothing left in the thread is worth waiting for.
      await worker.terminate();
    },
  };
}

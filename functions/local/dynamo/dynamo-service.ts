/**
 * The DynamoDB stand-in as a service behind a message port: dynalite with its LevelDB store, the
 * stream capture in front of it, and the pending stream log. `npm start` runs it in a worker thread of
 * its own (dynamo-worker.ts, started by dynamo-thread.ts): dynalite, LevelDB and the HTTP parsing of
 * every table request are about half the local pipeline's CPU, and there they use a second core.
 * `NEWSWATCH_DYNAMO_THREAD=off` runs the same service in the main thread (for A/B measurements, or a
 * one-core machine).
 *
 * Why the log lives here and not with the delivery: a captured record must be appended to
 * `pending.jsonl` before dynalite's answer leaves (docs/reliability.md), and one owner of the file
 * keeps appends, acknowledgements and its compaction in one order. The runtime gets each record after
 * it was appended and sends back the sequence numbers it delivered.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { alertStreamFilter, tableDesign } from '../../adapters/table-design';
import { StartupError } from '../startup-errors';
import { matchesEventFilter } from '../stream/stream-filter';
import { StreamLog } from '../stream/stream-log';
import { type Image, type ObservedWrite, RecordFactory } from '../stream/stream-records';
import { type Answer, type DynamoCall, installStreamCapture } from './dynamo-capture';
import { type DynaliteServer, listenDynalite } from './dynalite-server';
import { TurnBatch } from './turn-batch';

export interface DynamoServiceData {
  /** dynalite's LevelDB folder (already checked by the runtime's thread). */
  dataDir: string;
  port: number;
  tableName: string;
  region: string;
}

/** Runtime thread → this thread. */
export type ToDynamoService =
  | { type: 'stream'; streamArn: string; logFile: string }
  | { type: 'requests'; requests: TableRequest[] }
  | { type: 'ack'; sequences: string[] }
  | { type: 'close' };

/** This thread → runtime thread. */
export type FromDynamoService =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string; startup: boolean }
  | { type: 'recovered'; records: DynamoDBRecord[]; error?: string }
  | { type: 'records'; records: DynamoDBRecord[] }
  | { type: 'warn'; message: string }
  | { type: 'answers'; answers: TableAnswer[] }
  | { type: 'closed' };

/**
 * A table request from the runtime's own SDK clients (in-process-handler.ts): the operation and its JSON
 * body. Requests and answers cross the thread boundary in batches, one message per event-loop turn.
 */
export interface TableRequest {
  id: number;
  /** The `x-amz-target` header, e.g. `DynamoDB_20120810.PutItem`. */
  target: string;
  body: string;
}

/**
 * Its answer: dynalite's status, headers and body (JSON text). The text crosses the thread as it is (a
 * string is copied in one piece): the fast path parses it as text, and only an answer handed to the SDK's
 * own pipeline is made bytes, on the runtime's side (in-process-handler.ts). Encoding every answer to
 * bytes here, moving them and decoding them there cost more than the copy.
 */
export interface TableAnswer {
  id: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The side of a message port the service talks through (a worker's parentPort, or a MessageChannel end). */
export interface ServicePort {
  postMessage(message: FromDynamoService, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: ToDynamoService) => void): unknown;
  close(): void;
}

/**
 * What dynalite's HTTP layer wants to see on a request: the runtime's own clients need no signature
 * (dynalite never verifies one; it only checks that one is there), so in-process requests carry a fixed one.
 */
const IN_PROCESS_HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
  'x-amz-date': '20240101T000000Z',
};

const INTERNAL_ERROR = {
  status: 500,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'the DynamoDB stand-in failed' }),
};

const NOT_LISTENING = {
  status: 503,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable', message: 'the DynamoDB stand-in is not ready' }),
};

/** Header values as text (dynalite's handler sets the length and checksum as numbers); kept as it is when already text. */
function stringHeaders(headers: Record<string, string | number>): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') {
      return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, String(value)]));
    }
  }
  return headers as Record<string, string>;
}

export function serveDynamoStandin(port: ServicePort, data: DynamoServiceData): void {
  const send = (message: FromDynamoService) => port.postMessage(message);
  const warn = (message: string) => send({ type: 'warn', message });
  const keyNames = [tableDesign.partitionKey.name, tableDesign.sortKey.name];
  const keysOf = (item: Image) => Object.fromEntries(keyNames.map((name) => [name, item[name]]));

  /** Until the runtime names the stream (after the table exists), writes are not reported, as before. */
  let stream: { records: RecordFactory; log: StreamLog } | undefined;

  function onWrites(writes: ObservedWrite[]): void {
    if (!stream) return;
    const { records, log } = stream;
    const matching = writes.map((w) => records.build(w)).filter((r) => matchesEventFilter(alertStreamFilter, r));
    if (matching.length === 0) return;
    try {
      log.append(matching);
    } catch (err) {
      // The write is stored: failing the caller would only make its retry a "duplicate" with no alert.
      warn(`stream: could not persist ${matching.length} pending record(s) (${(err as Error).message}); delivering from memory`);
    }
    send({ type: 'records', records: matching });
  }

  function startStream(streamArn: string, logFile: string): void {
    try {
      const log = new StreamLog(logFile);
      const recovered = log.recover();
      stream = { records: new RecordFactory({ region: data.region, streamArn, keysOf }), log };
      send({ type: 'recovered', records: recovered });
    } catch (err) {
      send({ type: 'recovered', records: [], error: (err as Error).message });
    }
  }

  let server: DynaliteServer | undefined;
  let call: DynamoCall | undefined;
  const answers = new TurnBatch<TableAnswer>((batch) => port.postMessage({ type: 'answers', answers: batch }));

  const push = (id: number, out: { status: number; headers: Record<string, string | number>; body: string }) => {
    answers.push({ id, status: out.status, headers: stringHeaders(out.headers), body: out.body });
  };

  /**
   * Answers an in-process table request; the stream record (if any) was sent before this answer. Every
   * request gets one: a throw inside dynalite (even a synchronous one) becomes a 500 the caller's SDK
   * can retry, instead of an unhandled rejection that would end this thread and every request in it.
   */
  function answer(request: TableRequest): void {
    const headers = { ...IN_PROCESS_HEADERS, 'x-amz-target': request.target };
    let out: Promise<Answer>;
    try {
      out = call ? call({ headers, url: '/', body: request.body }) : Promise.resolve(NOT_LISTENING);
    } catch (err) {
      out = Promise.reject(err);
    }
    out.then(
      (answered) => push(request.id, answered),
      (err: unknown) => {
        warn(`dynamodb: ${request.target} failed in the DynamoDB stand-in: ${(err as Error)?.message ?? err}`);
        push(request.id, INTERNAL_ERROR);
      },
    );
  }

  port.on('message', (message: ToDynamoService) => {
    if (message.type === 'requests') for (const request of message.requests) answer(request);
    else if (message.type === 'stream') startStream(message.streamArn, message.logFile);
    else if (message.type === 'ack') stream?.log.ackSequences(message.sequences);
    else if (message.type === 'close') {
      void (server?.close() ?? Promise.resolve()).then(() => {
        send({ type: 'closed' });
        port.close();
      });
    }
  });

  void (async () => {
    try {
      server = await listenDynalite(data.dataDir, data.port, (http, direct) => {
        call = installStreamCapture(http, {
          direct,
          tableName: data.tableName,
          keysOf,
          isCandidate: (item) => matchesEventFilter(alertStreamFilter, { eventName: 'INSERT', dynamodb: { NewImage: item } }),
          onWrites,
          warn,
        });
      });
      send({ type: 'listening', port: server.port });
    } catch (err) {
      send({ type: 'failed', message: (err as Error).message, startup: err instanceof StartupError });
      port.close();
    }
  })();
}

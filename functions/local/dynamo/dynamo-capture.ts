/**
 * dynalite has no Streams, so we sit inside its HTTP server (in front of its own request handler, same
 * port, no extra network hop) — and in front of the in-process requests of the runtime's own clients
 * (in-process-handler.ts) — and report the successful writes to our table as stream writes, before
 * their answer is returned:
 * - PutItem of an item that could pass the stream filter: we add ReturnValues=ALL_OLD to learn INSERT vs
 *   MODIFY, and strip `Attributes` from the answer unless the caller asked for them (other puts pass as they are);
 * - BatchWriteItem puts: the items that could pass the stream filter are looked up first (consistent
 *   BatchGetItem) to tell INSERT from MODIFY; unprocessed items are not reported.
 * Every other operation goes straight to dynalite untouched. UpdateItem and DeleteItem are not
 * reported: the only stream consumer (the alert dispatcher) filters on newly inserted articles, which
 * the ingest handler writes with PutItem.
 */
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Image, ObservedWrite } from '../stream/stream-records';
import type { DirectDynalite } from './dynalite-direct';

// biome-ignore lint/suspicious/noExplicitAny: a DynamoDB JSON request body as dynalite receives it; only the fields the capture reads are touched.
type DynamoInput = Record<string, any>;

export interface CaptureOptions {
  tableName: string;
  keysOf(item: Image): Image;
  /** Would this item, written as an INSERT, reach a stream consumer? Others need no INSERT/MODIFY lookup. */
  isCandidate(item: Image): boolean;
  onWrites(writes: ObservedWrite[]): void;
  warn(message: string): void;
  /** dynalite's operations without its HTTP handler, for the runtime's own requests (dynalite-direct.ts). */
  direct?: DirectDynalite;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** One table request as the capture handles it: from dynalite's HTTP server, or in-process from this runtime. */
export interface DynamoRequest {
  headers: IncomingHttpHeaders;
  url: string;
  body: string;
  /** From the runtime's own clients (fixed headers): may skip dynalite's HTTP handler. */
  inProcess?: boolean;
}

export interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body: string;
}

/** The capture's in-process entry: the same handling as a request on dynalite's port, without the HTTP. */
export type DynamoCall = (request: DynamoRequest) => Promise<Answer>;

/** Runs one request through dynalite's own handler, in-process, with a body we choose. */
function callDynalite(dynalite: Listener, request: DynamoRequest, headers: IncomingHttpHeaders, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const fakeReq = Object.assign(new EventEmitter(), { headers, method: 'POST', url: request.url });
    const answer: Answer = { status: 200, headers: {}, body: '' };
    const fakeRes = {
      statusCode: 200,
      setHeader: (name: string, value: string | number) => (answer.headers[name.toLowerCase()] = value),
      end: (data?: string) => {
        answer.status = fakeRes.statusCode;
        answer.body = data ?? '';
        resolve(answer);
      },
    };
    dynalite(fakeReq as unknown as IncomingMessage, fakeRes as unknown as ServerResponse);
    fakeReq.emit('data', Buffer.from(body));
    fakeReq.emit('end');
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

/** The answer with a body of ours: dynalite's checksum described its own body, so it goes. */
function withBody(answer: Answer, body: string): Answer {
  const { 'x-amz-crc32': _checksum, ...headers } = answer.headers;
  return { ...answer, headers, body };
}

const INTERNAL_ERROR: Answer = {
  status: 500,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'local stream capture error' }),
};

class Capture {
  constructor(
    private readonly dynalite: Listener,
    private readonly options: CaptureOptions,
  ) {}

  /** Any table request: PutItem and BatchWriteItem are observed, everything else goes to dynalite as it is. */
  async handle(request: DynamoRequest): Promise<Answer> {
    const operation = operationOf(request.headers);
    if (operation !== 'PutItem' && operation !== 'BatchWriteItem') return this.send(request, request.headers, request.body);
    let input: DynamoInput | undefined;
    try {
      input = JSON.parse(request.body);
    } catch {
      input = undefined; // dynalite answers the malformed request itself
    }
    try {
      if (operation === 'PutItem' && input?.TableName === this.options.tableName && input.Item) return await this.putItem(request, input);
      if (operation === 'BatchWriteItem' && input?.RequestItems) return await this.batchWrite(request, input);
      return await this.send(request, request.headers, request.body, input);
    } catch (err) {
      this.options.warn(`dynamodb: ${operation} failed in the local stream capture: ${(err as Error).message}`);
      return INTERNAL_ERROR;
    }
  }

  private async putItem(request: DynamoRequest, input: DynamoInput): Promise<Answer> {
    // An item no stream consumer can see, INSERT or MODIFY (every put but new matched articles): nothing to
    // report, so dynalite gets the request and the caller the answer as they are — no second serialisation
    // of the item, and no old item (a story record overwritten, say) read back, parsed and dropped.
    if (!this.options.isCandidate(input.Item)) return this.send(request, request.headers, request.body, input);
    const answer = await this.send(request, request.headers, JSON.stringify({ ...input, ReturnValues: 'ALL_OLD' }));
    if (answer.status !== 200) return answer;
    const output = JSON.parse(answer.body) as Record<string, unknown>;
    this.report([{ eventName: output.Attributes ? 'MODIFY' : 'INSERT', keys: this.options.keysOf(input.Item), newImage: input.Item }]);
    if (input.ReturnValues === 'ALL_OLD') return answer;
    delete output.Attributes;
    return withBody(answer, JSON.stringify(output));
  }

  private async batchWrite(request: DynamoRequest, input: DynamoInput): Promise<Answer> {
    const requests: Array<{ PutRequest?: { Item: Image } }> = input.RequestItems?.[this.options.tableName] ?? [];
    const candidates = requests.flatMap((r) => (r.PutRequest && this.options.isCandidate(r.PutRequest.Item) ? [r.PutRequest.Item] : []));
    const existing = await this.existingKeys(request, candidates);
    // With no candidate, nothing of the request is read after dynalite had it: it need not parse it again.
    const answer = await this.send(request, request.headers, request.body, candidates.length === 0 ? input : undefined);
    if (answer.status !== 200 || candidates.length === 0) return answer;
    const output = JSON.parse(answer.body) as { UnprocessedItems?: Record<string, Array<{ PutRequest?: { Item: Image } }>> };
    const unprocessed = new Set(
      (output.UnprocessedItems?.[this.options.tableName] ?? []).flatMap((r) => (r.PutRequest ? [this.keyString(r.PutRequest.Item)] : [])),
    );
    this.report(
      candidates
        .filter((item) => !unprocessed.has(this.keyString(item)))
        .map((item) => ({
          eventName: existing.has(this.keyString(item)) ? 'MODIFY' : 'INSERT',
          keys: this.options.keysOf(item),
          newImage: item,
        })),
    );
    return answer;
  }

  /**
   * One call to dynalite: directly for the runtime's own requests when it can, else through its HTTP
   * handler. `parsed` is `body` parsed, when the caller has it and reads nothing of it afterwards.
   */
  private send(request: DynamoRequest, headers: IncomingHttpHeaders, body: string, parsed?: DynamoInput): Promise<Answer> {
    const target = headers['x-amz-target'];
    const direct = request.inProcess && typeof target === 'string' ? this.options.direct?.call(target, body, parsed) : undefined;
    return direct ?? callDynalite(this.dynalite, request, headers, body);
  }

  private keyString(item: Image): string {
    return JSON.stringify(this.options.keysOf(item));
  }

  private async existingKeys(request: DynamoRequest, items: Image[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const lookup = {
      RequestItems: { [this.options.tableName]: { Keys: items.map((i) => this.options.keysOf(i)), ConsistentRead: true } },
    };
    const headers = { ...request.headers, 'x-amz-target': 'DynamoDB_20120810.BatchGetItem' };
    const answer = await this.send(request, headers, JSON.stringify(lookup));
    if (answer.status !== 200) return new Set();
    const output = JSON.parse(answer.body) as { Responses?: Record<string, Image[]> };
    return new Set((output.Responses?.[this.options.tableName] ?? []).map((item) => this.keyString(item)));
  }

  private report(writes: ObservedWrite[]): void {
    if (writes.length === 0) return;
    // The write is stored whatever happens next: never fail the caller for a reporting problem.
    try {
      this.options.onWrites(writes);
    } catch (err) {
      this.options.warn(`stream: could not report ${writes.length} write(s): ${(err as Error).message}`);
    }
  }
}

const operationOf = (headers: IncomingHttpHeaders) => String(headers['x-amz-target'] ?? '').split('.')[1];

/**
 * Puts the stream capture in front of dynalite's request handler on its own server, and returns the
 * same handling as an in-process call (the runtime's own clients use that: no HTTP, no socket).
 * Writes are reported (appended to the pending stream log) before their answer is returned.
 */
export function installStreamCapture(server: Server, options: CaptureOptions): DynamoCall {
  const [dynalite] = server.listeners('request') as Listener[];
  if (!dynalite) throw new Error('dynalite server has no request handler');
  server.removeAllListeners('request');
  const capturer = new Capture(dynalite, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const operation = operationOf(req.headers);
    if (operation !== 'PutItem' && operation !== 'BatchWriteItem') return dynalite(req, res);
    readBody(req)
      .then((body) => capturer.handle({ headers: req.headers, url: req.url ?? '/', body }))
      .then(
        (answer) => reply(res, answer),
        () => reply(res, INTERNAL_ERROR),
      );
  });
  return (request) => capturer.handle({ ...request, inProcess: true });
}

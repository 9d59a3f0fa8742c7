/**
 * dynalite has no Streams, so we sit inside its HTTP server (in front of its own request handler, same
 * port, no extra network hop) and report the successful writes to our table as stream writes:
 * - PutItem: we add ReturnValues=ALL_OLD to learn INSERT vs MODIFY, and strip `Attributes` from the
 *   answer unless the caller asked for them;
 * - BatchWriteItem puts: the items that could pass the stream filter are looked up first (consistent
 *   BatchGetItem) to tell INSERT from MODIFY; unprocessed items are not reported.
 * Every other operation goes straight to dynalite untouched. UpdateItem and DeleteItem are not
 * reported: the only stream consumer (the alert dispatcher) filters on newly inserted articles, which
 * the ingest handler writes with PutItem.
 */
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Image, ObservedWrite } from '../stream/stream-records';

// biome-ignore lint/suspicious/noExplicitAny: a DynamoDB JSON request body as dynalite receives it; only the fields the capture reads are touched.
type DynamoInput = Record<string, any>;

export interface CaptureOptions {
  tableName: string;
  keysOf(item: Image): Image;
  /** Would this item, written as an INSERT, reach a stream consumer? Others need no INSERT/MODIFY lookup. */
  isCandidate(item: Image): boolean;
  onWrites(writes: ObservedWrite[]): void;
  warn(message: string): void;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

interface Answer {
  status: number;
  headers: Record<string, string | number>;
  body: string;
}

/** Runs one request through dynalite's own handler, in-process, with a body we choose. */
function callDynalite(dynalite: Listener, req: IncomingMessage, headers: IncomingHttpHeaders, body: string): Promise<Answer> {
  return new Promise((resolve) => {
    const fakeReq = Object.assign(new EventEmitter(), { headers, method: 'POST', url: req.url ?? '/' });
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

function reply(res: ServerResponse, answer: Answer, body = answer.body): void {
  const headers: Record<string, string | number> = { ...answer.headers, 'content-length': Buffer.byteLength(body) };
  if (body !== answer.body) delete headers['x-amz-crc32']; // it described dynalite's body, not ours
  res.writeHead(answer.status, headers);
  res.end(body);
}

class Capture {
  constructor(
    private readonly dynalite: Listener,
    private readonly options: CaptureOptions,
  ) {}

  async putItem(req: IncomingMessage, res: ServerResponse, input: DynamoInput): Promise<void> {
    const answer = await callDynalite(this.dynalite, req, req.headers, JSON.stringify({ ...input, ReturnValues: 'ALL_OLD' }));
    if (answer.status !== 200) return reply(res, answer);
    const output = JSON.parse(answer.body) as Record<string, unknown>;
    this.report([{ eventName: output.Attributes ? 'MODIFY' : 'INSERT', keys: this.options.keysOf(input.Item), newImage: input.Item }]);
    if (input.ReturnValues === 'ALL_OLD') return reply(res, answer);
    delete output.Attributes;
    reply(res, answer, JSON.stringify(output));
  }

  async batchWrite(req: IncomingMessage, res: ServerResponse, input: DynamoInput, raw: string): Promise<void> {
    const requests: Array<{ PutRequest?: { Item: Image } }> = input.RequestItems?.[this.options.tableName] ?? [];
    const candidates = requests.flatMap((r) => (r.PutRequest && this.options.isCandidate(r.PutRequest.Item) ? [r.PutRequest.Item] : []));
    const existing = await this.existingKeys(req, candidates);
    const answer = await callDynalite(this.dynalite, req, req.headers, raw);
    reply(res, answer);
    if (answer.status !== 200 || candidates.length === 0) return;
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
  }

  private keyString(item: Image): string {
    return JSON.stringify(this.options.keysOf(item));
  }

  private async existingKeys(req: IncomingMessage, items: Image[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const request = {
      RequestItems: { [this.options.tableName]: { Keys: items.map((i) => this.options.keysOf(i)), ConsistentRead: true } },
    };
    const headers = { ...req.headers, 'x-amz-target': 'DynamoDB_20120810.BatchGetItem' };
    const answer = await callDynalite(this.dynalite, req, headers, JSON.stringify(request));
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

async function capture(capturer: Capture, dynalite: Listener, tableName: string, req: IncomingMessage, res: ServerResponse) {
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
  const raw = await readBody(req);
  let input: DynamoInput | undefined;
  try {
    input = JSON.parse(raw);
  } catch {
    input = undefined; // dynalite answers the malformed request itself
  }
  if (operation === 'PutItem' && input?.TableName === tableName && input.Item) return capturer.putItem(req, res, input);
  if (operation === 'BatchWriteItem' && input?.RequestItems) return capturer.batchWrite(req, res, input, raw);
  reply(res, await callDynalite(dynalite, req, req.headers, raw));
}

/** Puts the stream capture in front of dynalite's request handler on its own server. */
export function installStreamCapture(server: Server, options: CaptureOptions): void {
  const [dynalite] = server.listeners('request') as Listener[];
  if (!dynalite) throw new Error('dynalite server has no request handler');
  server.removeAllListeners('request');
  const capturer = new Capture(dynalite, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
    if (operation !== 'PutItem' && operation !== 'BatchWriteItem') return dynalite(req, res);
    capture(capturer, dynalite, options.tableName, req, res).catch((err: unknown) => {
      options.warn(`dynamodb: ${operation} failed in the local stream capture: ${(err as Error).message}`);
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'local stream capture error' }));
    });
  });
}

/**
 * dynalite has no Streams, so the handlers talk to dynalite through this proxy, which forwards every
 * request unchanged and reports the successful writes to our table as stream writes:
 * - PutItem: we add ReturnValues=ALL_OLD to learn INSERT vs MODIFY, and strip `Attributes` from the
 *   answer unless the caller asked for them;
 * - BatchWriteItem puts: the items that could pass the stream filter are looked up first (consistent
 *   BatchGetItem) to tell INSERT from MODIFY; unprocessed items are not reported.
 * UpdateItem and DeleteItem are forwarded but not reported: the only stream consumer (the alert
 * dispatcher) filters on newly inserted articles, which the ingest handler writes with PutItem.
 */
import http from 'node:http';
import { listenError } from './errors';
import type { Image, ObservedWrite } from './stream-records';

export interface ProxyOptions {
  port: number;
  target: { host: string; port: number };
  tableName: string;
  keysOf(item: Image): Image;
  /** Would this item, written as an INSERT, reach a stream consumer? Others need no INSERT/MODIFY lookup. */
  isCandidate(item: Image): boolean;
  onWrites(writes: ObservedWrite[]): void;
}

interface Forwarded {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function forward(options: ProxyOptions, headers: http.IncomingHttpHeaders, body: Buffer, target?: string): Promise<Forwarded> {
  const outHeaders: http.OutgoingHttpHeaders = { ...headers, 'content-length': body.length };
  if (target) outHeaders['x-amz-target'] = `DynamoDB_20120810.${target}`;
  delete outHeaders.host;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: options.target.host, port: options.target.port, method: 'POST', path: '/', headers: outHeaders, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 500, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handlePutItem(options: ProxyOptions, headers: http.IncomingHttpHeaders, input: Record<string, any>): Promise<Forwarded> {
  const callerWantsOld = input.ReturnValues === 'ALL_OLD';
  const response = await forward(options, headers, Buffer.from(JSON.stringify({ ...input, ReturnValues: 'ALL_OLD' })));
  if (response.status !== 200) return response;
  const output = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  options.onWrites([
    { eventName: output.Attributes ? 'MODIFY' : 'INSERT', keys: options.keysOf(input.Item), newImage: input.Item },
  ]);
  if (callerWantsOld) return response;
  delete output.Attributes;
  return withBody(response, output);
}

function withBody(response: Forwarded, output: unknown): Forwarded {
  const headers = { ...response.headers };
  delete headers['x-amz-crc32']; // the checksum described dynalite's body, not ours
  return { ...response, headers, body: Buffer.from(JSON.stringify(output)) };
}

async function existingKeys(options: ProxyOptions, headers: http.IncomingHttpHeaders, items: Image[]): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const keys = items.map((item) => options.keysOf(item));
  const request = { RequestItems: { [options.tableName]: { Keys: keys, ConsistentRead: true } } };
  const response = await forward(options, headers, Buffer.from(JSON.stringify(request)), 'BatchGetItem');
  if (response.status !== 200) return new Set();
  const output = JSON.parse(response.body.toString('utf8')) as { Responses?: Record<string, Image[]> };
  return new Set((output.Responses?.[options.tableName] ?? []).map((item) => JSON.stringify(options.keysOf(item))));
}

async function handleBatchWrite(options: ProxyOptions, headers: http.IncomingHttpHeaders, input: Record<string, any>, raw: Buffer): Promise<Forwarded> {
  const requests: Array<{ PutRequest?: { Item: Image } }> = input.RequestItems?.[options.tableName] ?? [];
  const puts = requests.flatMap((r) => (r.PutRequest ? [r.PutRequest.Item] : []));
  const candidates = puts.filter((item) => options.isCandidate(item));
  const existing = await existingKeys(options, headers, candidates);
  const response = await forward(options, headers, raw);
  if (response.status !== 200) return response;
  const output = JSON.parse(response.body.toString('utf8')) as { UnprocessedItems?: Record<string, Array<{ PutRequest?: { Item: Image } }>> };
  const unprocessed = new Set(
    (output.UnprocessedItems?.[options.tableName] ?? []).flatMap((r) => (r.PutRequest ? [JSON.stringify(options.keysOf(r.PutRequest.Item))] : [])),
  );
  const writes: ObservedWrite[] = [];
  for (const item of candidates) {
    const key = JSON.stringify(options.keysOf(item));
    if (unprocessed.has(key)) continue;
    writes.push({ eventName: existing.has(key) ? 'MODIFY' : 'INSERT', keys: options.keysOf(item), newImage: item });
  }
  options.onWrites(writes);
  return response;
}

async function route(options: ProxyOptions, req: http.IncomingMessage): Promise<Forwarded> {
  const raw = await readBody(req);
  const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1];
  if (operation !== 'PutItem' && operation !== 'BatchWriteItem') return forward(options, req.headers, raw);
  let input: Record<string, any>;
  try {
    input = JSON.parse(raw.toString('utf8'));
  } catch {
    return forward(options, req.headers, raw); // let dynalite answer the malformed request itself
  }
  if (operation === 'PutItem') {
    if (input.TableName !== options.tableName || !input.Item) return forward(options, req.headers, raw);
    return handlePutItem(options, req.headers, input);
  }
  return handleBatchWrite(options, req.headers, input, raw);
}

export async function startDynamoProxy(options: ProxyOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    route(options, req).then(
      (answer) => {
        const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      },
      () => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'local proxy error' }));
      },
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, 'DynamoDB endpoint', options.port, 'NEWSWATCH_DYNAMODB_PORT')));
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

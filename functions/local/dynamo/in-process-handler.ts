/**
 * The runtime's own DynamoDB clients — the handlers', created by adapters/table.ts — reach the stand-in
 * through its thread's message port instead of HTTP on 127.0.0.1: the request's JSON goes across as a
 * string, and so does the answer's (made bytes here only for the SDK's pipeline). No socket writes, no
 * HTTP parsing on either side, no SigV4 signature (dynalite never checks one): in `bench:pipeline` these
 * were about a third of the main thread's CPU. The SDK's own pipeline (serialisation, retries, error parsing) is unchanged,
 * and other clients (the CLI, a user's SDK, the bench's checks) still use dynalite's port.
 * `NEWSWATCH_DYNAMO_IN_PROCESS=off` keeps HTTP for the handlers too (a measuring switch).
 */
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { LocalTableClients } from '../../adapters/table';
import { fastPathEnabled, withFastPath } from './document-fast-path';
import type { TableAnswer } from './dynamo-service';
import { switchSetting } from '../../core/text/switch-setting';

/** The parts of the SDK's HTTP request and response this transport uses (the SDK checks responses by shape). */
interface SdkRequest {
  headers: Record<string, string>;
  body?: unknown;
}
interface SdkResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type TableRoute = (target: string, body: string) => Promise<TableAnswer>;

export const inProcessTableClients = () => switchSetting('NEWSWATCH_DYNAMO_IN_PROCESS', process.env.NEWSWATCH_DYNAMO_IN_PROCESS, true);

/**
 * A send option (the SDK hands its send options to the request handler) carrying the stand-in's answer
 * to a request already sent: document-fast-path.ts gives a refused request to the SDK's own pipeline so
 * that the SDK builds its error, and the SDK's first attempt takes this answer instead of sending the
 * request again. Taken once: a retry (after a 500) is sent as usual.
 */
export const ALREADY_ANSWERED = Symbol('newswatch.alreadyAnswered');
export interface AlreadyAnswered {
  [ALREADY_ANSWERED]: { answer?: TableAnswer };
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function bodyText(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  throw new Error('in-process DynamoDB transport: a streamed request body is not supported');
}

/**
 * An SDK request handler (the `requestHandler` client setting) bound to whichever stand-in is running:
 * the handlers' clients live as long as the process, a runtime may be started again in it (tests).
 */
class InProcessHandler {
  private route: TableRoute | undefined;

  connect(route: TableRoute): () => void {
    this.route = route;
    return () => {
      if (this.route === route) this.route = undefined;
    };
  }

  /** The running stand-in's route, if one is connected (document-fast-path.ts sends through it too). */
  current(): TableRoute | undefined {
    return this.route;
  }

  async handle(request: SdkRequest, options?: Partial<AlreadyAnswered>): Promise<{ response: SdkResponse }> {
    const given = options?.[ALREADY_ANSWERED];
    const answer = given?.answer ?? (await this.send(request));
    if (given) given.answer = undefined;
    return { response: { statusCode: answer.status, headers: answer.headers, body: encoder.encode(answer.body) } };
  }

  private send(request: SdkRequest): Promise<TableAnswer> {
    const route = this.route;
    if (!route) return Promise.reject(new Error('the DynamoDB stand-in is not running'));
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
    return route(target, bodyText(request.body));
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

const handler = new InProcessHandler();

/** Sends the table clients created from now on through `route` (the running stand-in); returns the disconnect. */
export function connectTableClients(route: TableRoute): () => void {
  return handler.connect(route);
}

/** Where an in-process request "goes": the transport ignores it, so no endpoint rules are evaluated per request. */
const IN_PROCESS_ENDPOINT = { url: new URL('http://dynamodb.in-process.local/') };

/** The client settings that make a DynamoDB client use this transport, unsigned (with the runtime's dummy credentials). */
export const inProcessClientConfig: DynamoDBClientConfig = {
  requestHandler: handler as unknown as DynamoDBClientConfig['requestHandler'],
  signer: { sign: async (request) => request },
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  endpointProvider: () => IN_PROCESS_ENDPOINT,
};

/**
 * Request steps that mean nothing on an in-process call, removed from each local table client: the
 * user-agent, host, content-length and Lambda trace headers (nobody reads them), the logger step (the
 * runtime gives the clients no logger), and signing — dynalite verifies no signature, and the signing
 * step's other work, correcting the clock from the answer's Date header, has no remote clock to follow.
 * Each cost a few microseconds of every table request's CPU on the runtime's busiest thread; with them
 * a request cost ≈ 2 × the SDK CPU of one without (measured with an instant transport). Kept: the
 * marshalling, the serialisation and parsing, and the retries (a 500 from the stand-in is retried as before).
 */
const NOT_NEEDED_IN_PROCESS = [
  'getUserAgentMiddleware',
  'hostHeaderMiddleware',
  'contentLengthMiddleware',
  'recursionDetectionMiddleware',
  'loggerMiddleware',
  'httpSigningMiddleware',
];

/** What the runtime hands to adapters/table.ts for the handlers' table clients (useLocalTableClients). */
export const localTableClients: LocalTableClients = {
  config: inProcessClientConfig,
  prepare(client: DynamoDBClient) {
    for (const name of NOT_NEEDED_IN_PROCESS) client.middlewareStack.remove(name);
  },
  finish: (doc) => (fastPathEnabled() ? withFastPath(doc, () => handler.current()) : doc),
};

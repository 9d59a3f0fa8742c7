/**
 * The runtime's own DynamoDB clients — the handlers', created by adapters/table.ts — reach the stand-in
 * through its thread's message port instead of HTTP on 127.0.0.1: the request's JSON goes across as a
 * string, the answer's bytes come back moved, not copied. No socket writes, no HTTP parsing on either
 * side, no SigV4 signature (dynalite never checks one): in `bench:pipeline` these were about a third of
 * the main thread's CPU. The SDK's own pipeline (serialisation, retries, error parsing) is unchanged,
 * and other clients (the CLI, a user's SDK, the bench's checks) still use dynalite's port.
 * `NEWSWATCH_DYNAMO_IN_PROCESS=off` keeps HTTP for the handlers too (a measuring switch).
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { TableAnswer } from './dynamo-service';

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

export const inProcessTableClients = () => process.env.NEWSWATCH_DYNAMO_IN_PROCESS !== 'off';

const decoder = new TextDecoder();

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

  async handle(request: SdkRequest): Promise<{ response: SdkResponse }> {
    const route = this.route;
    if (!route) throw new Error('the DynamoDB stand-in is not running');
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
    const answer = await route(target, bodyText(request.body));
    return { response: { statusCode: answer.status, headers: answer.headers, body: answer.body } };
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

/** The client settings that make a DynamoDB client use this transport, unsigned (with the runtime's dummy credentials). */
export const inProcessClientConfig: DynamoDBClientConfig = {
  requestHandler: handler as unknown as DynamoDBClientConfig['requestHandler'],
  signer: { sign: async (request) => request },
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};

import { isRequestXRaySampled } from '@aws-lambda-powertools/commons/utils/env';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { MiddlewareObj } from '@middy/core';

type TracedClient = Parameters<Tracer['captureAWSv3Client']>[0];
type HandlerOptions = NonNullable<Parameters<typeof captureLambdaHandler>[1]>;

/** Builds the Powertools Tracer (through a dynamic import: the X-Ray SDK stays out of the init phase). */
export type TracerLoader = (coldStart: boolean) => Promise<Tracer>;

/**
 * X-Ray tracing through the Powertools Tracer, loaded on the first invocation X-Ray samples instead
 * of at cold start. The tracer brings the X-Ray SDK (async-hook context, HTTP patching, sampling
 * rules): about 19 ms of CPU in every cold start, 0.15× of a handler that only creates its SDK
 * clients (docs/benchmarks.md, "Lambda cold start"). An invocation X-Ray does not sample records
 * nothing beyond Lambda's own segment, so until one is sampled the SDK is not needed; from the first
 * sampled invocation on, every invocation goes through the tracer as before. Locally (no trace
 * header) it is never loaded.
 */
export class LazyTracer {
  readonly #clients: TracedClient[] = [];
  readonly #load: TracerLoader;
  #loading: Promise<Tracer> | undefined;
  #tracer: Tracer | undefined;
  #invoked = false;

  constructor(load: TracerLoader) {
    this.#load = load;
  }

  /** Traces the client's calls from the moment the tracer is loaded (at once if it already is). */
  captureAWSv3Client<T extends TracedClient>(client: T): T {
    if (this.#tracer) this.#tracer.captureAWSv3Client(client);
    else this.#clients.push(client);
    return client;
  }

  /** Powertools' captureLambdaHandler middleware, active from the first sampled invocation on. */
  captureLambdaHandler(options: HandlerOptions): MiddlewareObj {
    let inner: MiddlewareObj | undefined;
    return {
      before: async (request) => {
        const coldStart = !this.#invoked;
        this.#invoked = true;
        if (!inner && isRequestXRaySampled()) inner = captureLambdaHandler(await this.#loaded(coldStart), options);
        // Nothing returned: a value from a `before` would end the invocation early in middy.
        await inner?.before?.(request);
      },
      after: async (request) => {
        await inner?.after?.(request);
      },
      onError: async (request) => {
        await inner?.onError?.(request);
      },
    };
  }

  #loaded(coldStart: boolean): Promise<Tracer> {
    this.#loading ??= this.#load(coldStart).then((tracer) => {
      for (const client of this.#clients.splice(0)) tracer.captureAWSv3Client(client);
      this.#tracer = tracer;
      return tracer;
    });
    return this.#loading;
  }
}

import type { Tracer } from '@aws-lambda-powertools/tracer';
import { SNSClient } from '@aws-sdk/client-sns';
import type { MiddlewareObj, Request } from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyTracer } from '../../../functions/handlers/tracing';

const TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047';

/** The parts of the Powertools Tracer that captureLambdaHandler and LazyTracer call. */
function fakeTracer() {
  return {
    isTracingEnabled: vi.fn(() => true),
    getSegment: vi.fn(() => undefined),
    annotateColdStart: vi.fn(),
    addServiceNameAnnotation: vi.fn(),
    captureAWSv3Client: vi.fn((client: unknown) => client),
  };
}

function setUp() {
  const tracer = fakeTracer();
  const load = vi.fn(async (_coldStart: boolean) => tracer as unknown as Tracer);
  const lazy = new LazyTracer(load);
  const middleware = lazy.captureLambdaHandler({ captureResponse: false });
  return { tracer, load, lazy, middleware };
}

/** One invocation through the middleware's before and after, sampled by X-Ray or not. */
async function invoke(middleware: MiddlewareObj, sampled: boolean): Promise<unknown> {
  vi.stubEnv('_X_AMZN_TRACE_ID', `${TRACE_ID};Sampled=${sampled ? 1 : 0}`);
  const request = { event: {}, context: {}, response: undefined, error: undefined, internal: {} } as unknown as Request;
  const early = await middleware.before?.(request);
  await middleware.after?.(request);
  return early;
}

afterEach(() => vi.unstubAllEnvs());

describe('tracer loaded on the first sampled invocation', () => {
  it('does not load the tracer while invocations are not sampled', async () => {
    const { load, middleware } = setUp();

    await invoke(middleware, false);
    await invoke(middleware, false);

    expect(load).not.toHaveBeenCalled();
  });

  it('does not load the tracer when there is no trace header (the local runtime)', async () => {
    const { load, middleware } = setUp();
    vi.stubEnv('_X_AMZN_TRACE_ID', undefined);

    await middleware.before?.({ event: {}, context: {}, internal: {} } as unknown as Request);

    expect(load).not.toHaveBeenCalled();
  });

  it('loads it once, on the first sampled invocation, and traces that and every later invocation', async () => {
    const { tracer, load, middleware } = setUp();

    await invoke(middleware, false);
    await invoke(middleware, true);
    await invoke(middleware, false);
    await invoke(middleware, true);

    expect(load).toHaveBeenCalledTimes(1);
    // Powertools' captureLambdaHandler ran for the three invocations from the sampled one on.
    expect(tracer.annotateColdStart).toHaveBeenCalledTimes(3);
  });

  it('tells the tracer the environment is cold only when the first invocation is the sampled one', async () => {
    const first = setUp();
    const later = setUp();

    await invoke(first.middleware, true);
    await invoke(later.middleware, false);
    await invoke(later.middleware, true);

    expect(first.load).toHaveBeenCalledWith(true);
    expect(later.load).toHaveBeenCalledWith(false);
  });

  it('instruments each client once, whether it was created before or after the tracer loaded', async () => {
    const { tracer, lazy, middleware } = setUp();
    const before = new SNSClient({ region: 'us-east-1' });

    const returned = lazy.captureAWSv3Client(before);
    await invoke(middleware, true);
    const after = lazy.captureAWSv3Client(new SNSClient({ region: 'us-east-1' }));
    await invoke(middleware, true);

    expect(returned).toBe(before);
    expect(tracer.captureAWSv3Client.mock.calls.map(([client]) => client)).toEqual([before, after]);
  });

  it('never answers in place of the handler (a value from a middy before would end the invocation)', async () => {
    const { middleware } = setUp();

    expect(await invoke(middleware, false)).toBeUndefined();
    expect(await invoke(middleware, true)).toBeUndefined();
  });
});

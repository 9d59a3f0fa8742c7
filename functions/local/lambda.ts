/** Invoking a handler the way the Lambda runtime does: a fresh context per invocation, and a timeout. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

// biome-ignore lint/suspicious/noExplicitAny: one signature for every handler shape the runtime invokes (HTTP, authorizer, stream).
export type LambdaHandler = (event: any, context: Context) => Promise<any>;

export class InvocationTimeout extends Error {
  override readonly name = 'InvocationTimeout';
}

function contextFor(functionName: string, region: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function invoke(
  handler: LambdaHandler,
  functionName: string,
  event: unknown,
  region: string,
  timeoutMs: number,
): Promise<Awaited<ReturnType<LambdaHandler>>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeout(`${functionName} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([handler(event, contextFor(functionName, region, timeoutMs)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the stand-in's Fastify hooks read of a request (fastify's own types are not a direct dependency),
 * and which SNS or SQS action it asks for.
 */
export interface HookRequest {
  method: string;
  body: unknown;
  headers?: Record<string, string | string[] | undefined>;
}

type Form = Record<string, string>;

/** The action of an SNS (query form) or SQS (JSON protocol target or query form) request. */
export function actionOf(request: HookRequest): string | undefined {
  const target = request.headers?.['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop();
  return (request.body as Form | undefined)?.Action;
}

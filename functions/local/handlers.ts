/**
 * Loads the real Lambda handlers — after applyHandlerEnvironment, since they read it at module scope.
 * A module is evaluated once per process, so a second runtime in the same process (a restart in a
 * test) must reuse the same endpoints; we check that instead of silently talking to a dead port.
 */
import type { ApiHandlers } from './http/http-api';
import type { LambdaHandler } from './lambda';

export interface LoadedHandlers extends ApiHandlers {
  dispatcher: LambdaHandler;
  sweeper: LambdaHandler;
  digests: LambdaHandler;
  feedDispatcher: LambdaHandler;
  feedPoller: LambdaHandler;
}

let loadedWith: string | undefined;

const fingerprint = () =>
  ['TABLE_NAME', 'ALERT_TOPIC_ARN', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SNS', 'AWS_REGION'].map((n) => process.env[n]).join('|');

export async function loadHandlers(): Promise<LoadedHandlers> {
  if (loadedWith !== undefined && loadedWith !== fingerprint()) {
    throw new Error('The handlers were already loaded in this process with other endpoints; restart on the same ports');
  }
  loadedWith = fingerprint();
  const [authorizer, ingest, api, dispatcher, sweeper, feedDispatcher, feedPoller, digests] = await Promise.all([
    import('../handlers/authorizer'),
    import('../handlers/ingest'),
    import('../handlers/api'),
    import('../handlers/alert-dispatcher'),
    import('../handlers/alert-sweeper'),
    import('../handlers/feed-dispatcher'),
    import('../handlers/feed-poller'),
    import('../handlers/digest-scheduler'),
  ]);
  await quietEmptyMetricsWarning();
  return {
    authorizer: authorizer.handler as LambdaHandler,
    ingest: ingest.handler as LambdaHandler,
    api: api.handler as LambdaHandler,
    dispatcher: dispatcher.handler as LambdaHandler,
    sweeper: sweeper.handler as LambdaHandler,
    digests: digests.handler as LambdaHandler,
    feedDispatcher: feedDispatcher.handler as LambdaHandler,
    feedPoller: feedPoller.handler as LambdaHandler,
  };
}

/**
 * With metrics disabled locally, Powertools still warns "No application metrics to publish" after
 * every invocation without metrics — noise in a terminal. Silence exactly that warning on the shared
 * Metrics instance (its logger is its console object); everything else still prints.
 */
async function quietEmptyMetricsWarning(): Promise<void> {
  const observability = (await import('../handlers/observability')) as unknown as { metrics?: { console?: Console } };
  const target = observability.metrics?.console;
  if (!target) return;
  const warn = target.warn.bind(target);
  target.warn = (message?: unknown, ...rest: unknown[]) => {
    if (typeof message === 'string' && message.startsWith('No application metrics to publish')) return;
    warn(message, ...rest);
  };
}

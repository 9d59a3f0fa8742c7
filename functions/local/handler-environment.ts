/**
 * The environment the handlers see locally: the same variable names the CDK stack sets, plus the SDK's
 * own endpoint variables pointing at the stand-ins, dummy credentials (nothing here may reach AWS), and
 * Powertools settings that suit a terminal. Set before the handlers are imported, because they read it
 * at module scope — which also means one process serves one set of endpoints (see handlers.ts).
 */
import { ENV } from '../adapters/env-names';

export interface HandlerEnvironment {
  region: string;
  tableName: string;
  topicArn: string;
  dynamodbEndpoint: string;
  snsEndpoint: string;
  /** The stream dead-letter queue in the SNS/SQS stand-in. */
  alertDlqUrl: string;
  feedQueueUrl: string;
}

export function applyHandlerEnvironment(env: HandlerEnvironment): void {
  Object.assign(process.env, {
    [ENV.tableName]: env.tableName,
    [ENV.topicArn]: env.topicArn,
    [ENV.alertDlqUrl]: env.alertDlqUrl,
    [ENV.feedQueueUrl]: env.feedQueueUrl,
    AWS_REGION: env.region,
    AWS_DEFAULT_REGION: env.region,
    AWS_ENDPOINT_URL_DYNAMODB: env.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SNS: env.snsEndpoint,
    AWS_ENDPOINT_URL_SQS: env.snsEndpoint,
    // One machine: users and tests serve their own feeds on loopback (deployed, only public addresses).
    [ENV.feedsAllowPrivate]: 'true',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  // Quiet by default; a user can still ask for more (POWERTOOLS_LOG_LEVEL=INFO npm start).
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
  process.env.POWERTOOLS_SERVICE_NAME ??= 'newswatch-local';
  process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'newswatch';
  // Watchlist edits should show up quickly on one machine, as the contract promises (< 1 minute).
  process.env[ENV.watchlistTtlSeconds] ??= '5';
}

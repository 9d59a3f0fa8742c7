import * as z from 'zod';
import type { SqsSettings } from '../alerts/sqs-queue';
import { type Connection, localStandin } from '../support/connection';
import { UsageError } from '../support/cli-errors';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import { readFileAtMost } from '../support/input-file';

/**
 * Where `newswatch smoke` runs: the API (from --url, NEWSWATCH_URL, a `cdk deploy --outputs-file`
 * file, or the running local runtime) and where its own queue lives (the local SNS/SQS stand-in, or
 * the operator's AWS account in the API's region).
 */
export interface SmokeTarget {
  label: string;
  sqs: SqsSettings;
  /** AWS only: the alerts topic, to scope the queue policy to it (else any SNS topic of the account). */
  topicArn?: string;
  local: boolean;
}

/** `cdk deploy --outputs-file`: { "<stack name>": { "<output>": "value" } }. */
const OutputsFile = z.record(z.string(), z.record(z.string(), z.unknown()));

export interface DeployedOutputs {
  apiUrl: string;
  topicArn?: string;
}

/** `cdk deploy --outputs-file` writes a few hundred bytes a stack: past this it is another file. */
const MAX_OUTPUTS_BYTES = 16 * 1024 * 1024;

/** The ApiUrl (and AlertsTopicArn) from an outputs file; exit 2 naming the file when it has none or several. */
export function readOutputsFile(path: string): DeployedOutputs {
  let parsed: z.infer<typeof OutputsFile>;
  try {
    parsed = OutputsFile.parse(JSON.parse(withoutByteOrderMark(readFileAtMost(path, MAX_OUTPUTS_BYTES).toString('utf8'))));
  } catch (error) {
    throw new UsageError(`--outputs: cannot read ${path} as a cdk outputs file (${(error as Error).message.split('\n')[0]})`);
  }
  const valuesOf = (key: string) =>
    Object.entries(parsed).flatMap(([stack, outputs]) =>
      typeof outputs[key] === 'string' ? [{ stack, value: outputs[key] as string }] : [],
    );
  const apiUrls = valuesOf('ApiUrl');
  if (apiUrls.length !== 1) {
    const found = apiUrls.map((a) => a.stack).join(', ');
    throw new UsageError(`--outputs: ${path} has ${apiUrls.length === 0 ? 'no ApiUrl output' : `an ApiUrl in several stacks (${found})`}`, [
      'deploy with `npx cdk deploy --all --outputs-file cdk-outputs.json`, or pass --url',
    ]);
  }
  const [{ stack, value: apiUrl }] = apiUrls as [{ stack: string; value: string }];
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new UsageError(`--outputs: ${path}: the ApiUrl of ${stack}, ${JSON.stringify(apiUrl)}, is not an http(s) URL`);
  }
  const topics = valuesOf('AlertsTopicArn');
  return { apiUrl, ...(topics.length === 1 && { topicArn: topics[0]!.value }) };
}

/** The region of an execute-api URL (https://abc.execute-api.eu-west-1.amazonaws.com/). */
export function regionOfApiUrl(url: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(new URL(url).hostname)?.[1];
}

export function smokeTarget(
  connection: Connection,
  options: { region?: string; topicArn?: string },
  env: Record<string, string | undefined>,
): SmokeTarget {
  const standin = localStandin(connection, env);
  if (standin) {
    const where = standin.assumed ? `, no runtime.json here names this URL: its SNS/SQS stand-in taken to be at ${standin.endpoint}` : '';
    return {
      label: `${connection.url} (local runtime${where})`,
      sqs: { endpoint: standin.endpoint, region: standin.region, dummyCredentials: true },
      local: true,
    };
  }
  const region = options.region ?? regionOfApiUrl(connection.url) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('--region: cannot tell the region from --url; pass --region or set AWS_REGION');
  return {
    label: `${connection.url} (deployed, ${region})`,
    sqs: { region },
    local: false,
    ...(options.topicArn && { topicArn: options.topicArn }),
  };
}

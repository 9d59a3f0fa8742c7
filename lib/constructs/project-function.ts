import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleDefine, chunkBuildCommand, handlerEntries, lambdaBundling, lazyChunks, type HandlerName } from '../bundling';
import { acknowledge } from '../nag';

/** Powertools' service name and metrics namespace, the same for every function (the dashboard reads them). */
export const SERVICE_NAME = 'newswatch';
export const METRICS_NAMESPACE = 'Newswatch';

/** One of the functions' own Powertools metrics, as CloudWatch sees it (namespace and service dimension). */
export function serviceMetric(metricName: string, statistic: string, period = Duration.minutes(5)): Metric {
  return new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic, period });
}

/** Repository root: NodejsFunction resolves entries and the lock file from here. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ProjectFunctionProps {
  /** Which handler under functions/handlers/ to deploy. */
  readonly handler: HandlerName;
  /** Variables shared by every function (table, topic, cache and size settings). */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
  /**
   * Memory in MB (also buys CPU).
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Reserved concurrency: the most instances this function may run at once (0 or absent: no reservation).
   * @default - none, the function shares the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Shown in the Lambda console.
   * @default - no description
   */
  readonly description?: string;
}

/**
 * The project's Lambda function: every default decided once (Node.js 22 on ARM64, CommonJS bundle
 * built locally by esbuild with the settings in ../bundling.ts, Powertools bundled in, X-Ray tracing, a log group with retention, stack traces that name functions, source maps deployed for debugging) so capability constructs only say
 * what differs.
 */
export class ProjectFunction extends Construct {
  /** The Lambda function: grant to it, add event sources to it, alarm on its metrics. */
  readonly function: NodejsFunction;
  /** The function's own execution role (writes only to its own log group until grants add more). */
  readonly executionRole: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are diagnostics, not records: they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    this.executionRole = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(this.executionRole);
    // 'Default' keeps the function's logical id what it was when ProjectFunction was the function itself.
    this.function = new NodejsFunction(this, 'Default', {
      entry: `${repoRoot}${handlerEntries[props.handler]}`,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.executionRole,
      description: props.description,
      reservedConcurrentExecutions: props.reservedConcurrency || undefined,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.CJS,
        target: lambdaBundling.target,
        // Identifiers stay unminified (lib/bundling.ts); the `minify` prop would mangle them too.
        minify: false,
        // Errors only, as in lib/bundling.ts's esbuildOptions: no size summary for every function on each synth.
        logLevel: LogLevel.ERROR,
        sourceMap: lambdaBundling.sourcemap,
        sourcesContent: lambdaBundling.sourcesContent,
        mainFields: [...lambdaBundling.mainFields],
        externalModules: [...lambdaBundling.externalModules],
        // BundlingOptions.charset exists but this aws-cdk-lib never passes it to esbuild; say it directly.
        esbuildArgs: {
          '--charset': lambdaBundling.charset,
          '--minify-whitespace': lambdaBundling.minify.whitespace,
          '--minify-syntax': lambdaBundling.minify.syntax,
        },
        define: { ...bundleDefine },
        // Code loaded only on a rare path goes into files of its own beside index.js (lib/bundling.ts).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => (lazyChunks[props.handler] ?? []).map((c) => chunkBuildCommand(c, inputDir, outputDir)),
        },
        // esbuild is a project dependency: bundle on this machine, never in Docker.
        forceDockerBundling: false,
      },
    });
    acknowledge(
      this.executionRole,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing adds xray:PutTraceSegments/PutTelemetryRecords, which support no resource-level permissions; on the alert dispatcher the DynamoDB event source adds dynamodb:ListStreams, which has none either.',
    );
    acknowledge(
      this.function,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime this project targets and tests; moving to 24.x is a deliberate upgrade, not a drift fix.',
    );
  }

  /**
   * Records why the KMS wildcards that grant* methods add for a customer-managed key are acceptable.
   * Call after granting access to the table or the topic.
   */
  acknowledgeKeyGrants(): void {
    const reason =
      'Added by grant* for the customer-managed key of the table/topic (kms:GenerateDataKey*, kms:ReEncrypt*); the statement is scoped to that single key ARN.';
    acknowledge(this.executionRole, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason);
    acknowledge(this.executionRole, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason);
  }
}

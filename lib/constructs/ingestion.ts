import { Duration } from 'aws-cdk-lib';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ProjectFunction, serviceMetric } from './project-function';
import type { FunctionDefaults } from './function-defaults';

export interface IngestionProps extends FunctionDefaults {
  readonly table: ITable;
  /**
   * Reserved concurrency: a flood of POST /articles holds at most this many instances (0: no reservation).
   * @default 0
   */
  readonly reservedConcurrency?: number;
}

/** POST /articles: validate, normalise, tag and conditionally write articles and their tag index. */
export class Ingestion extends Construct {
  readonly fn: NodejsFunction;
  /**
   * Articles stored but not counted into their story (answered 503 `story_not_counted`; the feed
   * poller's re-sends emit it too): alarmed on in Operations, since each one waits for a re-send.
   */
  readonly storyWritesFailedMetric: Metric = serviceMetric('StoryWritesFailed', 'Sum');

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const ingest = new ProjectFunction(this, 'IngestFunction', {
      handler: 'ingest',
      description: 'newswatch: validates, tags and stores articles',
      environment: props.environment,
      logRetention: props.logRetention,
      // Tagging a 100-article batch is CPU-bound: more memory buys proportionally more CPU.
      memorySize: 512,
      timeout: Duration.seconds(15),
      reservedConcurrency: props.reservedConcurrency,
    });
    this.fn = ingest.function;
    // Reads the watchlist and probes for duplicates; writes articles and tag index items.
    props.table.grantReadWriteData(this.fn);
    ingest.acknowledgeKeyGrants();
  }
}

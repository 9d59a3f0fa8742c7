/**
 * The stream in shards, as DynamoDB gives it: records are spread over shards by their key (DynamoDB
 * keeps one shard per partition, and a table written at more than a trickle has several), and Lambda
 * runs one batch at a time per shard, in order within it. Records of one item always go to the same
 * shard, so they stay in order, as on AWS.
 *
 * The default is still one shard. Four, measured against one in the same runs (docs/benchmarks.md):
 * alerts arrive sooner at the median (0.25–0.4 ×), the p99 moves less (0.74–0.90 × without story
 * clustering, about the same with it), but the server spends 1–11 % more CPU per article and ingests
 * 4–25 % fewer articles per second — smaller batches, so more invocations and SNS state saves.
 * The bench's targets are CPU and throughput.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { wholeNumberSetting } from '../../core/text/decimal-integer';
import type { StreamDelivery } from './stream-delivery';

/** How many shards the local stream has; `NEWSWATCH_STREAM_SHARDS` sets another number (`bench:pipeline`'s BENCH_SHARDS_AB). */
export const STREAM_SHARDS = 1;
const MAX_SHARDS = 64;

/** The shards to run: NEWSWATCH_STREAM_SHARDS (1 to 64, decimal digits) or the default; a bad value fails the start, naming it. */
export function streamShards(): number {
  return wholeNumberSetting('NEWSWATCH_STREAM_SHARDS', process.env.NEWSWATCH_STREAM_SHARDS, STREAM_SHARDS, 1, MAX_SHARDS);
}

/** FNV-1a over the record's keys: a fixed shard per item, spread evenly. */
export function shardOf(record: DynamoDBRecord, shards: number): number {
  const key = JSON.stringify(record.dynamodb?.Keys ?? {});
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % shards;
}

/** One StreamDelivery per shard behind the same surface as one. */
export class ShardedDelivery {
  constructor(private readonly shards: readonly StreamDelivery[]) {}

  push(records: DynamoDBRecord[], options: { logged?: boolean } = {}): void {
    const groups = this.shards.map((): DynamoDBRecord[] => []);
    for (const record of records) groups[shardOf(record, this.shards.length)]!.push(record);
    for (const [shard, group] of groups.entries()) this.shards[shard]!.push(group, options);
  }

  /** Resolves once every shard delivered or dead-lettered what it was given. */
  async idle(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.idle()));
  }

  get pending(): number {
    return this.shards.reduce((sum, shard) => sum + shard.pending, 0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.stop()));
  }
}

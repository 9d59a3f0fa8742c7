import type { Metrics } from '@aws-lambda-powertools/metrics';
import { onSkippedRecord, type SkippedRecordListener } from '../adapters/skipped-records';
import type { Table } from '../adapters/table';
import { pollAllFeeds } from '../app/feeds/poll-feeds';
import { feedRunDeps } from './feed-run-wiring';

export type PollAllNow = () => ReturnType<typeof pollAllFeeds>;

/**
 * `POST /feeds/poll` for the API function: every feed polled now, through the guarded fetcher and the
 * ingest use case. Deployed, this module is bundled into a file of its own (lib/bundling.ts,
 * `lazyChunks`) that the API loads on the first poll: the feed parsers, Readability and linkedom it
 * brings are most of the API's code, and a cold start would otherwise parse them all. The chunk has its
 * own copy of the adapters, so the API's report of left-out records is registered on that copy too.
 */
export function pollAllNow(table: Table, metrics: Metrics, reportSkipped: SkippedRecordListener): PollAllNow {
  onSkippedRecord(reportSkipped);
  const deps = feedRunDeps(table, metrics);
  return () => pollAllFeeds(deps);
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleIdOfKey, keys } from '../../adapters/table-keys';
import { AlertDeadLetter, StreamFailureLetter } from '../../core/alerts/dead-letter-message';
import type { KeyTarget } from './key-store';

/**
 * `alerts redrive`: empties the stream dead-letter queue into owed-alert items the completeness sweeper
 * publishes on its next run (through the same claim → publish → mark path, so nothing is sent twice).
 * Operator-only (writes the table with the operator's credentials); loaded through loadIsolated.
 */
export interface RedriveTarget {
  table: KeyTarget;
  queueUrl: string;
  queue: { region?: string; endpoint?: string; dummyCredentials?: boolean };
}

export interface RedriveReport {
  messages: number;
  /** Alerts made due again (the sweeper publishes them). */
  requeued: number;
  /** Lambda's own failure records (shard and sequence range only): their alerts are still owed, the sweeper already has them. */
  coveredBySweeper: number;
  /** Left in the queue: a malformed article item no publish can fix (delete or rewrite it first). */
  kept: number;
}

/** Makes an owed-alert item sort before every real one: the sweeper takes it on its very next run. */
const DUE_AT_ONCE = new Date(0).toISOString();
const RECEIVE_ROUNDS = 100;

interface Verdict {
  ids: string[];
  verdict: 'requeue' | 'sweeper' | 'keep';
}

/**
 * What one dead-letter message asks for: `requeue` the article ids (their alerts are owed again),
 * `sweeper` (Lambda's failure record without records: the owed-alert items it covers are still in the
 * table), or `keep` it in the queue (a malformed article no publish can fix, or a message of neither
 * shape: left for an operator, never deleted unread).
 */
export function classify(body: string): Verdict {
  const keep: Verdict = { ids: [], verdict: 'keep' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return keep;
  }
  const ours = AlertDeadLetter.safeParse(value);
  if (ours.success) {
    const { articleId, reason } = ours.data;
    return !articleId || reason.startsWith('malformed') ? keep : { ids: [articleId], verdict: 'requeue' };
  }
  const lambdas = StreamFailureLetter.safeParse(value);
  if (!lambdas.success) return keep;
  const ids = (lambdas.data.records ?? []).flatMap((record) => articleIdOfKey(record.dynamodb?.Keys?.pk?.S) ?? []);
  return ids.length ? { ids, verdict: 'requeue' } : { ids: [], verdict: 'sweeper' };
}

export async function redriveDeadLetters(target: RedriveTarget): Promise<RedriveReport> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const credentials = { accessKeyId: 'newswatch-local', secretAccessKey: 'newswatch-local' };
  const sqs = new SQSClient({ ...target.queue, ...(target.queue.dummyCredentials && { credentials }) });
  const ddb = new DynamoDBClient({
    ...(target.table.region && { region: target.table.region }),
    ...(target.table.endpoint && { endpoint: target.table.endpoint }),
    ...(target.table.dummyCredentials && { credentials }),
  });
  const doc = DynamoDBDocumentClient.from(ddb);
  const report: RedriveReport = { messages: 0, requeued: 0, coveredBySweeper: 0, kept: 0 };
  try {
    for (let round = 0; round < RECEIVE_ROUNDS; round++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: target.queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
      );
      if (Messages.length === 0) break;
      const done: string[] = [];
      for (const message of Messages) {
        report.messages++;
        const { ids, verdict } = classify(message.Body ?? '');
        if (verdict === 'keep') {
          report.kept++;
          continue;
        }
        if (verdict === 'sweeper') report.coveredBySweeper++;
        if (ids.length) {
          const items = ids.map((id) => ({
            PutRequest: { Item: { ...keys.alertDue(id, DUE_AT_ONCE), kind: 'alert-due', articleId: id } },
          }));
          await doc.send(new BatchWriteCommand({ RequestItems: { [target.table.tableName]: items } }));
          report.requeued += ids.length;
        }
        done.push(message.ReceiptHandle!);
      }
      if (done.length) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: target.queueUrl,
            Entries: done.map((handle, i) => ({ Id: String(i), ReceiptHandle: handle })),
          }),
        );
      }
    }
    return report;
  } finally {
    sqs.destroy();
    ddb.destroy();
  }
}

import type { Command } from 'commander';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { answerShape } from '../support/http-client';
import { AlertListAnswer } from '../../core/api-answers';
import { runAction, UsageError } from '../support/cli-errors';
import { integerBetween, nonEmpty, parseId, parseIsoDate } from '../support/options';
import { idList, renderTable } from '../support/output';

interface ListOptions extends ConnectionOptions {
  since?: string;
  person?: string;
  topic?: string;
  limit?: number;
  cursor?: string;
  json?: boolean;
}

/** `alerts list`: what was sent (GET /alerts), newest first, with each alert's ingest-to-publish latency. */
export function registerAlertsList(alerts: Command): void {
  addConnectionOptions(
    alerts
      .command('list')
      .description('List the alerts and digests that were published, newest first, with ingest-to-publish latency')
      .option('--since <iso>', 'only those published at or after this ISO-8601 date or time', parseIsoDate)
      .option('--person <id>', 'only those naming this person', parseId)
      .option('--topic <id>', 'only those for this topic', parseId)
      .option('--limit <n>', 'at most this many (1-100, default 20)', integerBetween(1, 100))
      .option('--cursor <c>', 'continue after a previous page (the "next:" line it printed)', nonEmpty)
      .option('--json', 'print the API response as JSON'),
  ).action(runAction(list));
}

function queryOf(options: ListOptions): string {
  if (options.person && options.topic) throw new UsageError('give at most one of --person and --topic');
  const params = new URLSearchParams();
  for (const key of ['since', 'person', 'topic', 'limit', 'cursor'] as const) {
    if (options[key] !== undefined) params.set(key, String(options[key]));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function alertsText(items: AlertListAnswer['items']): string {
  if (items.length === 0) return 'nothing was sent';
  return renderTable(
    ['PUBLISHED', 'KIND', 'LATENCY', 'STORY', 'ARTICLES', 'PEOPLE', 'TOPICS', 'ALERT'],
    items.map((a) => [
      a.publishedAt,
      a.kind,
      `${a.latencyMs} ms`,
      a.storyId ?? '-',
      String(a.articleIds.length + (a.omittedArticles ?? 0)),
      idList(a.people),
      idList(a.topics),
      a.alertId,
    ]),
  );
}

async function list(options: ListOptions): Promise<void> {
  const path = `/alerts${queryOf(options)}`;
  const { client } = connect(options);
  const { body } = await client.request('GET', path, undefined, { expect: answerShape(AlertListAnswer) });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${alertsText(body.items)}\n${body.nextCursor ? `next: --cursor ${body.nextCursor}\n` : ''}`);
}

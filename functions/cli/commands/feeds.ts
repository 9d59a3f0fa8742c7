import { isUtf8 } from 'node:buffer';
import type { Command } from 'commander';
import { decodeFeedBody, feedEncoding } from '../../core/feeds/decode';
import { FeedInput, shownFeedUrl } from '../../core/feeds/feed';
import { opmlFeeds, type OpmlFeed } from '../../core/feeds/opml';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { answerShape, ApiError } from '../support/http-client';
import { FeedAnswer, FeedListAnswer, PollAnswer, type PollResultAnswer } from '../../core/api-answers';
import { pathIdProblem } from '../../core/path-ids';
import { EXIT, runAction, UsageError } from '../support/cli-errors';
import { renderTable } from '../support/output';
import { oneLine } from '../../core/text/one-line';
import { isEmptyName, notUtf8, readFileAtMost, readProblem } from '../support/input-file';
import { decimalInteger } from '../../core/text/decimal-integer';

/** An API answer at or above this is the server's failure, not a refusal of the feed sent. */
const SERVER_ERROR = 500;
/** Answers that refuse the key, not the feed. */
const KEY_REFUSED = new Set([401, 403]);

/** feeds add / list / remove / import / poll: the feeds the server polls, managed through the API. */
interface AddOptions extends ConnectionOptions {
  source?: string;
  every?: string;
  fullText?: boolean;
  json?: boolean;
}

export function registerFeeds(program: Command): void {
  const feeds = program.command('feeds').description('RSS, Atom and JSON feeds the server polls for articles');
  addConnectionOptions(
    feeds
      .command('add')
      .description('Add a feed (its new items become articles, tagged and alerted like POST /articles)')
      .argument('<url>', 'the feed URL (http or https)')
      .option('--source <name>', "the articles' source (default: the feed's host)")
      .option('--every <minutes>', 'poll every N minutes, 5 to 1440 (default 15)')
      .option('--full-text', "fetch each summary-only item's page and keep its article text")
      .option('--json', 'print the API response as JSON'),
  ).action(runAction(addFeed));
  addConnectionOptions(
    feeds
      .command('list')
      .description('List feeds with their last poll, status, error and article count')
      .option('--json', 'print the API response as JSON'),
  ).action(runAction(listFeeds));
  addConnectionOptions(
    feeds.command('remove').description('Stop polling a feed (its articles stay)').argument('<id>', 'feed id, as `feeds list` shows it'),
  ).action(runAction(removeFeed));
  addConnectionOptions(
    feeds
      .command('import')
      .description('Add every feed of an OPML subscription list')
      .argument('<file>', 'an .opml file (feed readers export one)'),
  ).action(runAction(importFeeds));
  addConnectionOptions(
    feeds.command('poll').description('Poll every feed now and print what each gave').option('--json', 'print the API response as JSON'),
  ).action(runAction(pollFeeds));
}

/** The request body, checked with the API's own schema; a problem names the option. */
export function feedRequest(url: string, options: AddOptions) {
  const body = {
    url,
    ...(options.source !== undefined && { source: options.source }),
    ...(options.every !== undefined && { everyMinutes: decimalInteger(options.every) }),
    ...(options.fullText && { fullText: true }),
  };
  const parsed = FeedInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const option = { url: '<url>', source: '--source', everyMinutes: '--every' }[String(issue.path[0])] ?? '<url>';
    throw new UsageError(`${option}: ${issue.message}`);
  }
  return body;
}

async function addFeed(url: string, options: AddOptions): Promise<void> {
  const request = feedRequest(url, options);
  const { client } = connect(options);
  const { status, body } = await client.request('POST', '/feeds', request, { expect: answerShape(FeedAnswer) });
  if (options.json) return void process.stdout.write(`${JSON.stringify(body)}\n`);
  process.stdout.write(
    `${status === 201 ? 'added' : 'already there:'} ${body.id} ${body.url} (every ${body.everyMinutes} min, source ${body.source})\n`,
  );
}

export function feedsTable(items: readonly FeedAnswer[]): string {
  const rows = items.map((f) => [
    f.id,
    f.source,
    String(f.everyMinutes),
    f.lastPolledAt ?? 'never',
    f.lastStatus,
    String(f.articles),
    f.url,
    f.lastError ?? '',
  ]);
  return renderTable(['ID', 'SOURCE', 'EVERY', 'LAST POLLED', 'STATUS', 'ARTICLES', 'URL', 'ERROR'], rows);
}

async function listFeeds(options: ConnectionOptions & { json?: boolean }): Promise<void> {
  const { client } = connect(options);
  const { body } = await client.request('GET', '/feeds', undefined, { expect: answerShape(FeedListAnswer) });
  if (options.json) return void process.stdout.write(`${JSON.stringify(body)}\n`);
  process.stdout.write(body.items.length === 0 ? 'no feeds\n' : `${feedsTable(body.items)}\n`);
}

/** A feed id checked with the API's own rule before anything is sent (exit 2 naming `<id>`). */
export function checkFeedId(id: string): string {
  const problem = pathIdProblem('DELETE /feeds/{id}', id);
  if (problem) throw new UsageError(`<id>: ${problem}`);
  return id;
}

async function removeFeed(id: string, options: ConnectionOptions): Promise<void> {
  checkFeedId(id);
  const { client } = connect(options);
  await client.request('DELETE', `/feeds/${encodeURIComponent(id)}`);
  process.stdout.write(`removed ${id}\n`);
}

/** An OPML file of a few thousand feeds is well under 1 MiB: anything past this is not a feed list. */
const MAX_OPML_BYTES = 10 * 1024 * 1024;

/** The feeds an OPML file lists; an unreadable file, one that is not OPML or one without feeds is a usage error naming it and what is wrong. */
export function readOpml(file: string): OpmlFeed[] {
  let text: string;
  if (isEmptyName(file)) throw new UsageError('<file>: an empty file name was given (a variable that was not set?)');
  let bytes: Buffer;
  try {
    bytes = readFileAtMost(file, MAX_OPML_BYTES);
  } catch (error) {
    throw new UsageError(`${file}: ${readProblem(error)}`);
  }
  // OPML is XML: an encoding its prolog declares (ISO-8859-1, windows-1251) is honoured, as a feed's is;
  // a file read as UTF-8 must be UTF-8, or its outlines' names would be stored with U+FFFD in them.
  if (feedEncoding(bytes) === 'utf-8' && !isUtf8(bytes)) {
    const { line, problem } = notUtf8(bytes);
    throw new UsageError(`${file}:${line}: ${problem}`);
  }
  text = decodeFeedBody(bytes);
  if (text.trim() === '') throw new UsageError(`${file}: the file is empty (no OPML document)`);
  try {
    return opmlFeeds(text);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

async function importFeeds(file: string, options: ConnectionOptions): Promise<number> {
  const found = readOpml(file);
  const { client } = connect(options);
  let failed = 0;
  for (const feed of found) {
    const parsed = FeedInput.safeParse(feed);
    if (!parsed.success) {
      failed++;
      process.stderr.write(`skipped ${feed.url}: ${parsed.error.issues[0]!.message}\n`);
      continue;
    }
    try {
      const { status, body } = await client.request('POST', '/feeds', feed, { expect: answerShape(FeedAnswer) });
      process.stdout.write(`${status === 201 ? 'added' : 'already there:'} ${body.id} ${body.url}\n`);
    } catch (error) {
      // A refusal of this feed is reported and the others still go; anything else (the server gone, or a key
      // that may not add feeds: every feed would be refused alike) stops the import.
      if (!(error instanceof ApiError && error.status < SERVER_ERROR && !KEY_REFUSED.has(error.status))) throw error;
      if (error.code === 'feed_already_added') {
        // Added before with another source or interval: kept as it was, as a feed already there is.
        process.stdout.write(`already there, with other settings (kept): ${shownFeedUrl(feed.url)} (${error.apiMessage})\n`);
        continue;
      }
      failed++;
      process.stderr.write(`skipped ${shownFeedUrl(feed.url)}: ${error.apiMessage}\n`);
    }
  }
  process.stdout.write(
    `${found.length} feed${found.length === 1 ? '' : 's'} in ${file}: ${found.length - failed} added or already there, ${failed} skipped\n`,
  );
  return failed > 0 ? EXIT.failure : EXIT.ok;
}

export function pollLine(r: PollResultAnswer): string {
  const what =
    r.status === 'error'
      ? `error: ${r.error}`
      : r.status === 'not_modified'
        ? 'unchanged'
        : `${r.items} item${r.items === 1 ? '' : 's'}: ${r.new} new, ${r.duplicates} seen before, ${r.rejected} skipped${r.left ? `, ${r.left} left for the next poll` : ''}`;
  // Feed text, cleaned by the server; kept on one line here too, whatever server answered.
  const refusals = (r.refused ?? []).map(({ item, reason }) => `\n  skipped ${oneLine(item)}: ${oneLine(reason)}`);
  return `${r.id} ${r.url} — ${what}${refusals.join('')}`;
}

async function pollFeeds(options: ConnectionOptions & { json?: boolean }): Promise<number> {
  const { client } = connect(options);
  const { body } = await client.request('POST', '/feeds/poll', {}, { expect: answerShape(PollAnswer) });
  if (options.json) process.stdout.write(`${JSON.stringify(body)}\n`);
  else process.stdout.write(body.results.length === 0 ? 'no feeds\n' : `${body.results.map(pollLine).join('\n')}\n`);
  return body.results.some((r) => r.status === 'error') ? EXIT.failure : EXIT.ok;
}

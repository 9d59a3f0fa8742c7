/**
 * A feed claimed by a run that stopped before polling it (Ctrl-C mid-round: the local feed queue is not
 * kept) is polled when the runtime next starts, not when its 15-minute claim would have lapsed.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFeed, getFeed } from '../../functions/adapters/feed-repository';
import type { Table } from '../../functions/adapters/table';
import { localDynamoClient } from '../support/local-dynamo';
import { startFeedServer, type FeedServer } from './feed-server';
import { api, restartTestRuntime, startTestRuntime, stopTestRuntime, waitFor, type TestRuntime } from './helpers';

const LEASE_MS = 15 * 60_000;

function tableOf(runtime: TestRuntime): Table {
  return { doc: DynamoDBDocumentClient.from(localDynamoClient(runtime.dynamodbEndpoint, runtime.region)), name: runtime.tableName };
}

describe('local runtime: feed claims across a restart', () => {
  let runtime: TestRuntime | undefined;
  let server: FeedServer;

  beforeAll(async () => {
    server = await startFeedServer();
  });

  afterAll(async () => {
    await stopTestRuntime(runtime);
    await server.close();
  });

  it('polls at the next start a feed the stopped run had claimed and not polled, and the poll removes the claim mark', async () => {
    runtime = await startTestRuntime({ feedPollIntervalMs: 0 });
    const added = await api(runtime, 'POST', '/feeds', { url: server.url('/rss2.xml'), everyMinutes: 5 });
    const table = tableOf(runtime);
    const feed = (await getFeed(table, added.body.id))!;
    const claimed = await claimFeed(table, feed, new Date(Date.now() + LEASE_MS).toISOString());

    runtime = await restartTestRuntime(runtime, { feedPollIntervalMs: 300 });
    const polled = await waitFor(
      async () => (await api(runtime!, 'GET', '/feeds')).body.items[0],
      (listed) => listed?.lastStatus === 'ok',
      15_000,
      'the claimed feed to be polled after the restart',
    );

    const stored = await tableOf(runtime).doc.send(new GetCommand({ TableName: runtime.tableName, Key: { pk: 'FEEDS', sk: polled.id } }));

    expect(claimed).toBe(true);
    expect(polled).toMatchObject({ id: added.body.id, lastStatus: 'ok', articles: 5 });
    // The poll's save removed the claim's mark (the claim it polled under was this run's own): a later start leaves the schedule alone.
    expect(stored.Item).toMatchObject({ nextPollAt: polled.nextPollAt });
    expect(stored.Item).not.toHaveProperty('claimedUntil');
  });

  it('starts all the same when a damaged feed record stops the release, and says so', async () => {
    await tableOf(runtime!).doc.send(
      new PutCommand({ TableName: runtime!.tableName, Item: { pk: 'FEEDS', sk: 'feed_damaged', kind: 'feed', url: 5 } }),
    );
    const warnings: string[] = [];

    runtime = await restartTestRuntime(runtime!, { warn: (line) => warnings.push(line) });
    const watchlist = await api(runtime, 'GET', '/watchlist');

    expect(watchlist.status).toBe(200);
    expect(warnings).toContainEqual(expect.stringContaining('feeds: could not release the claims of an earlier run'));
  });
});

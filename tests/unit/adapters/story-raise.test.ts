import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { claimGains, raiseTopicScore } from '../../../functions/adapters/story-gains';
import type { Table } from '../../../functions/adapters/table';
import { fakeTable } from '../handlers/support/fake-table';

const fake = fakeTable();
const table: Table = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };
const STORY = 'st_0123456789abcdef01234567';
const TOPIC = 'topic#prisoner-exchange';

beforeEach(() => fake.reset());

describe("a story topic's best score", () => {
  it('is raised only by an article scoring it higher than every one before, which learns the best before it', async () => {
    await claimGains(table, STORY, 'a1', [TOPIC], { [TOPIC]: 0.6 });

    const lower = await raiseTopicScore(table, STORY, 'a2', TOPIC, 0.55);
    const higher = await raiseTopicScore(table, STORY, 'a3', TOPIC, 0.9);
    const equal = await raiseTopicScore(table, STORY, 'a4', TOPIC, 0.9);
    const highest = await raiseTopicScore(table, STORY, 'a5', TOPIC, 1);

    expect([lower, higher, equal, highest]).toEqual([undefined, 0.6, undefined, 0.9]);
  });

  it('answers a retried raise as the first time, even after a later article raised it further', async () => {
    await claimGains(table, STORY, 'a1', [TOPIC], { [TOPIC]: 0.5 });
    expect(await raiseTopicScore(table, STORY, 'a2', TOPIC, 0.8)).toBe(0.5);

    const retried = await raiseTopicScore(table, STORY, 'a2', TOPIC, 0.8);
    await raiseTopicScore(table, STORY, 'a3', TOPIC, 0.95);
    const retriedLater = await raiseTopicScore(table, STORY, 'a2', TOPIC, 0.8);

    expect(retried).toBe(0.5);
    // By then a3 holds the raise: a2's retry still finds its own (its story alert may not have left yet).
    expect(retriedLater).toBe(0.5);
  });

  it('keeps a raise when the claim that brought the topic is retried', async () => {
    await claimGains(table, STORY, 'a1', [TOPIC], { [TOPIC]: 0.5 });
    await raiseTopicScore(table, STORY, 'a2', TOPIC, 0.8);

    await claimGains(table, STORY, 'a1', [TOPIC], { [TOPIC]: 0.5 });

    expect(await raiseTopicScore(table, STORY, 'a3', TOPIC, 0.7)).toBeUndefined();
  });

  it('is never raised over a claim written without a score', async () => {
    await claimGains(table, STORY, 'a1', [TOPIC]);

    expect(await raiseTopicScore(table, STORY, 'a2', TOPIC, 1)).toBeUndefined();
  });
});

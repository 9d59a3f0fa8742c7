/**
 * The local stream in shards: every record of one item goes to the same shard (so an item's records
 * stay in order), different items spread over the shards, and the shards deliver side by side.
 */
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamDelivery } from '../../../functions/local/stream/stream-delivery';
import { StreamLog } from '../../../functions/local/stream/stream-log';
import { ShardedDelivery, shardOf } from '../../../functions/local/stream/stream-shards';

const SHARDS = 4;
let sequence = 0;
const record = (id: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(++sequence), Keys: { pk: { S: `ART#${id}` }, sk: { S: 'A' } } },
});
const idOf = (r: DynamoDBRecord) => r.dynamodb!.Keys!.pk!.S!;

function shards(handler: (event: DynamoDBStreamEvent, shard: number) => Promise<void>) {
  const options = {
    batchSize: 25,
    maxRetries: 0,
    bisect: true,
    backoffBaseMs: 1,
    backoffMaxMs: 1,
    onFailure: async () => {},
    warn: () => {},
  };
  const each = Array.from(
    { length: SHARDS },
    (_, shard) => new StreamDelivery((event) => handler(event, shard), new StreamLog(undefined), options),
  );
  return new ShardedDelivery(each);
}

describe('stream shards', () => {
  it('sends every record of one item to the same shard, in the order written', async () => {
    const seen: Array<{ shard: number; id: string; sequence: string }> = [];
    const delivery = shards(async (event, shard) => {
      for (const r of event.Records) seen.push({ shard, id: idOf(r), sequence: r.dynamodb!.SequenceNumber! });
    });

    for (let round = 0; round < 3; round++) delivery.push(['a', 'b', 'c', 'd', 'e', 'f'].map(record));
    await delivery.idle();

    for (const id of ['ART#a', 'ART#b', 'ART#c', 'ART#d', 'ART#e', 'ART#f']) {
      const mine = seen.filter((s) => s.id === id);
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((s) => s.shard)).size).toBe(1);
      expect(mine.map((s) => Number(s.sequence))).toEqual([...mine.map((s) => Number(s.sequence))].sort((x, y) => x - y));
    }
  });

  it('spreads items over every shard', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => shardOf(record(`article-${i}`), SHARDS)));

    expect([...used].sort()).toEqual([0, 1, 2, 3]);
  });

  it('delivers on the shards side by side, and is idle only when all of them are', async () => {
    const releases: Array<() => void> = [];
    let inFlight = 0;
    let most = 0;
    const delivery = shards(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight--;
    });
    delivery.push(Array.from({ length: 40 }, (_, i) => record(`article-${i}`)));
    await expect.poll(() => releases.length).toBe(SHARDS);
    let idle = false;
    const waiting = delivery.idle().then(() => (idle = true));

    for (const release of releases.splice(0, SHARDS - 1)) release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    releases.splice(0).forEach((release) => {
      release();
    });
    await waiting;

    expect(most).toBe(SHARDS);
    expect(delivery.pending).toBe(0);
  });
});

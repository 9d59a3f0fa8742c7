/**
 * The local stream delivery behaves like a Lambda DynamoDB event source mapping with
 * ReportBatchItemFailures, BisectBatchOnFunctionError, bounded retries and an on-failure destination.
 * Driven with a scripted handler (no servers), so each rule is visible on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamDelivery, type StreamHandler } from '../../functions/local/stream/stream-delivery';
import { StreamLog } from '../../functions/local/stream/stream-log';
import { matchesEventFilter } from '../../functions/local/stream/stream-filter';
import { alertStreamFilter } from '../../functions/adapters/table-design';

const record = (n: number, image: Record<string, unknown> = { kind: { S: 'article' }, matched: { BOOL: true } }): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: String(1000 + n), NewImage: image as never, Keys: { pk: { S: `ART#${n}` } } as never },
});
const seq = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;

function setup(handler: StreamHandler, options: { batchSize?: number; maxRetries?: number; logFile?: string } = {}) {
  const deadLetters: DynamoDBRecord[][] = [];
  const delivery = new StreamDelivery(handler, new StreamLog(options.logFile), {
    batchSize: options.batchSize ?? 10,
    maxRetries: options.maxRetries ?? 2,
    bisect: true,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
    onFailure: async (records) => void deadLetters.push(records),
    warn: () => undefined,
  });
  return { delivery, deadLetters };
}

describe('stream delivery (Lambda event source mapping semantics)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers records in order, in batches of at most batchSize', async () => {
    const batches: string[][] = [];
    const { delivery } = setup(async (event) => void batches.push(event.Records.map(seq)), { batchSize: 4 });

    delivery.push([1, 2, 3, 4, 5, 6].map((n) => record(n)));
    await delivery.idle();

    expect(batches).toEqual([
      ['1001', '1002', '1003', '1004'],
      ['1005', '1006'],
    ]);
  });

  it('retries from the lowest failed sequence number of a partial batch response, not the records before it', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const { delivery, deadLetters } = setup(async (event: DynamoDBStreamEvent) => {
      seen.push(...event.Records.map(seq));
      if (failOnce && event.Records.some((r) => seq(r) === '1003')) {
        failOnce = false;
        return { batchItemFailures: [{ itemIdentifier: '1003' }] };
      }
      return { batchItemFailures: [] };
    });

    delivery.push([1, 2, 3, 4].map((n) => record(n)));
    await delivery.idle();

    expect(seen.filter((s) => s === '1001')).toHaveLength(1);
    expect(seen.filter((s) => s === '1003')).toHaveLength(2);
    expect(seen.filter((s) => s === '1004')).toHaveLength(2);
    expect(deadLetters).toEqual([]);
  });

  it('bisects a failing batch down to the poison record, dead-letters it alone after its retries, and delivers the rest', async () => {
    const delivered = new Set<string>();
    let poisonAttempts = 0;
    const { delivery, deadLetters } = setup(
      async (event) => {
        if (event.Records.some((r) => seq(r) === '1005')) {
          if (event.Records.length === 1) poisonAttempts++;
          throw new Error('cannot handle 1005');
        }
        for (const r of event.Records) delivered.add(seq(r));
      },
      { maxRetries: 2 },
    );

    delivery.push([1, 2, 3, 4, 5, 6, 7, 8].map((n) => record(n)));
    await delivery.idle();

    expect([...delivered].sort()).toEqual(['1001', '1002', '1003', '1004', '1006', '1007', '1008']);
    expect(deadLetters.map((batch) => batch.map(seq))).toEqual([['1005']]);
    expect(poisonAttempts).toBe(3); // the first try and maxRetries = 2 retries
  });

  it('delivers again, after a restart, the records that were pending when it stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-log-'));
    dirs.push(dir);
    const logFile = join(dir, 'pending.jsonl');
    const first = setup(
      async () => {
        throw new Error('SNS is down');
      },
      { logFile, maxRetries: 1000 },
    );
    first.delivery.push([1, 2].map((n) => record(n)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await first.delivery.stop();

    const delivered: string[] = [];
    const log = new StreamLog(logFile);
    const second = new StreamDelivery(async (event) => void delivered.push(...event.Records.map(seq)), log, {
      batchSize: 10,
      maxRetries: 1,
      bisect: true,
      backoffBaseMs: 1,
      backoffMaxMs: 1,
      onFailure: async () => undefined,
      warn: () => undefined,
    });
    second.push(log.recover(), { logged: true });
    await second.idle();

    expect(delivered.sort()).toEqual(['1001', '1002']);
    expect(new StreamLog(logFile).recover()).toEqual([]);
  });

  it('passes only new matched articles through the CDK stream filter', () => {
    const insert = { eventName: 'INSERT', dynamodb: { NewImage: { kind: { S: 'article' }, matched: { BOOL: true } } } };

    expect(matchesEventFilter(alertStreamFilter, insert)).toBe(true);
    expect(matchesEventFilter(alertStreamFilter, { ...insert, eventName: 'MODIFY' })).toBe(false);
    expect(
      matchesEventFilter(alertStreamFilter, {
        eventName: 'INSERT',
        dynamodb: { NewImage: { kind: { S: 'article' }, matched: { BOOL: false } } },
      }),
    ).toBe(false);
    expect(
      matchesEventFilter(alertStreamFilter, {
        eventName: 'INSERT',
        dynamodb: { NewImage: { kind: { S: 'tag' }, matched: { BOOL: true } } },
      }),
    ).toBe(false);
  });
});

/**
 * A damaged record read again and again (a story that is a clustering candidate for every article near
 * it) is logged once per process, while StoredRecordsSkipped counts every time it was left out; the
 * records the log remembers are bounded.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { storyRecords } from '../../../functions/adapters/story-repository';
import type { Table } from '../../../functions/adapters/table';
import { LOGGED_RECORDS_MAX, logger, metrics, reportSkippedRecord } from '../../../functions/handlers/observability';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };

const damagedStory = (id: string) => ({ pk: `STORY#${id}`, sk: 'S', kind: 'story', id, title: 'no profile, no version' });

const warn = vi.spyOn(logger, 'warn');
const addMetric = vi.spyOn(metrics, 'addMetric');
beforeEach(() => {
  ddb.reset();
  warn.mockReset().mockImplementation(() => undefined);
  addMetric.mockReset().mockImplementation(() => metrics);
});

const skippedCounts = () => addMetric.mock.calls.filter(([name]) => name === 'StoredRecordsSkipped').length;
/** The records the log named, in order. */
const loggedRecords = () => warn.mock.calls.map((call) => (call[1] as { record: string }).record);

describe('a damaged record read many times', () => {
  it('logs a damaged story read as a clustering candidate once, and counts every time it was left out', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { newswatch: [damagedStory('st_damaged')] } });

    for (let read = 0; read < 3; read++) expect(await storyRecords(table, ['st_damaged'])).toEqual([]);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('A stored record does not parse; it was left out', {
      record: 'story STORY#st_damaged',
      problems: expect.stringContaining('version'),
    });
    expect(skippedCounts()).toBe(3);
  });

  it('logs each damaged record once, however many there are', async () => {
    reportSkippedRecord('story STORY#a', 'version: missing');
    reportSkippedRecord('story STORY#b', 'version: missing');
    reportSkippedRecord('story STORY#a', 'version: missing');

    expect(loggedRecords()).toEqual(['story STORY#a', 'story STORY#b']);
    expect(skippedCounts()).toBe(3);
  });

  it('remembers a bounded number of records: the oldest is logged again once forgotten', () => {
    reportSkippedRecord('story STORY#oldest', 'version: missing');
    for (let i = 0; i < LOGGED_RECORDS_MAX; i++) reportSkippedRecord(`story STORY#filler-${i}`, 'version: missing');
    warn.mockClear();

    reportSkippedRecord(`story STORY#filler-${LOGGED_RECORDS_MAX - 1}`, 'version: missing');
    reportSkippedRecord('story STORY#oldest', 'version: missing');

    expect(loggedRecords()).toEqual(['story STORY#oldest']);
  });
});

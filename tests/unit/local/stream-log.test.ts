/**
 * The stream capture as the data-folder check reads it: a last line torn by a crash (cut anywhere) is
 * accepted, anything else that is not an entry is damage naming the file and line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStreamLog } from '../../../functions/local/stream/stream-log';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-stream-log-'));
const record = JSON.stringify({ record: { eventName: 'INSERT', dynamodb: { SequenceNumber: '001' } } });

function read(text: string) {
  const file = join(dir, 'pending.jsonl');
  writeFileSync(file, text);
  return readStreamLog(file, 'stream/pending.jsonl');
}

describe('the stream capture check', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a last line torn anywhere by a crash, keeping the whole entries before it', () => {
    for (const cut of [1, 4, 12, record.length - 1]) {
      expect(read(`${record}\n{"ack":"001"}\n${record.slice(0, cut)}`)).toHaveLength(2);
    }
  });

  it('refuses a line that is not JSON, JSON that is not an entry, and a tail that is not the start of one', () => {
    expect(() => read(`${record}\nnot json\n`)).toThrow('stream/pending.jsonl line 2 is not JSON');
    expect(() => read(`${record}\n{"ack":1}\n`)).toThrow('stream/pending.jsonl line 2 is not a stream record');
    expect(() => read(`${record}\nnoise`)).toThrow('stream/pending.jsonl ends with bytes that are not a record');
  });
});

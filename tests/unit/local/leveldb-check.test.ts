/**
 * The LevelDB log reader of the data-folder check on hand-made logs: what a crash can leave is
 * accepted, what only damage can make is refused. (Real folders: tests/integration/damaged-data-folder.test.ts.)
 */
import { crc32c } from '@aws-crypto/crc32c';
import { describe, expect, it } from 'vitest';
import { readLogRecords } from '../../../functions/local/dynamo/leveldb-check';
import { DataDamage } from '../../../functions/local/startup-errors';

const TYPE = { full: 1, first: 2, middle: 3, last: 4 } as const;
const BLOCK = 32_768;

/** One physical record as LevelDB's log writer lays it out: masked CRC32C, length, type, payload. */
function physical(type: number, payload: string): Buffer {
  const body = Buffer.concat([Buffer.from([type]), Buffer.from(payload)]);
  const crc = crc32c(body);
  const masked = (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
  const header = Buffer.alloc(6);
  header.writeUInt32LE(masked, 0);
  header.writeUInt16LE(payload.length, 4);
  return Buffer.concat([header, body]);
}

const read = (log: Buffer) => readLogRecords(log, 'dynamodb/000003.log').map(String);

describe('the LevelDB log check', () => {
  it('reads whole records and a record split in parts', () => {
    const log = Buffer.concat([
      physical(TYPE.full, 'one'),
      physical(TYPE.first, 'tw'),
      physical(TYPE.middle, 'o-'),
      physical(TYPE.last, 'two'),
    ]);

    expect(read(log)).toEqual(['one', 'two-two']);
  });

  it('accepts a write cut between its parts by a crash (never acknowledged): only the whole records count', () => {
    const log = Buffer.concat([physical(TYPE.full, 'one'), physical(TYPE.first, 'half of a')]);

    expect(read(log)).toEqual(['one']);
  });

  it("skips a block's zero trailer and a zero-filled tail", () => {
    const first = physical(TYPE.full, 'x'.repeat(BLOCK - 7 - 3));
    const log = Buffer.concat([first, Buffer.alloc(3), physical(TYPE.full, 'next block'), Buffer.alloc(64)]);

    expect(read(log)).toEqual(['x'.repeat(BLOCK - 10), 'next block']);
  });

  it('refuses a log cut inside a record, noise after the last record, a changed byte, parts out of order', () => {
    const whole = Buffer.concat([physical(TYPE.full, 'one'), physical(TYPE.full, 'two')]);
    const changed = Buffer.from(whole);
    changed[9] = 'X'.charCodeAt(0);

    expect(() => read(whole.subarray(0, whole.length - 1))).toThrow(/000003\.log ends inside a record/);
    expect(() => read(Buffer.concat([whole, Buffer.from('noise that is not a record')]))).toThrow(DataDamage);
    expect(() => read(changed)).toThrow(/000003\.log holds a record whose checksum does not match/);
    expect(() => read(Buffer.concat([physical(TYPE.first, 'a'), physical(TYPE.full, 'b')]))).toThrow(/records out of order/);
  });
});

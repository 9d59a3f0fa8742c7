/**
 * Verifies dynalite's LevelDB folder byte for byte before anything opens it. LevelDB as classic-level
 * opens it (no paranoid checks, no checksums verified on reads) silently drops a damaged log record,
 * and starts an empty database when CURRENT is missing — then deletes the old files as obsolete. So
 * before the first open: CURRENT names a manifest; the manifest's records are intact; every table file
 * it lists exists with its recorded size and every block's CRC32C matches; the live write-ahead logs'
 * records are intact. Formats: LevelDB's doc/log_format.md and doc/table_format.md.
 *
 * A crash is not damage: LevelDB writes each physical log record with one write(), so a SIGKILL leaves
 * whole records, at most a multi-part entry without its last part (never acknowledged; LevelDB ignores
 * it too). A log that ends inside a record, or holds bytes that are not a record, is damage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32c } from '@aws-crypto/crc32c';
import { DataDamage, MissingDependency, StartupError } from '../startup-errors';

/** Another process holds the folder (LevelDB's lock): not damage. */
class InUse extends StartupError {
  constructor(dir: string) {
    super(`the data folder ${dir} is in use by another newswatch process; stop it first`);
  }
}

const require = createRequire(import.meta.url);
const snappy = require('snappyjs') as { uncompress(data: Buffer): Buffer };

const LOG_BLOCK = 32_768;
const LOG_HEADER = 7;
const RECORD = { full: 1, first: 2, middle: 3, last: 4 } as const;
const CRC_MASK_DELTA = 0xa282ead8;
const FOOTER = 48;
const TABLE_MAGIC = Buffer.from('57fb808b247547db', 'hex'); // 0xdb4775248b80fb57, little-endian
const BLOCK_TRAILER = 5;
const COMPRESSION = { none: 0, snappy: 1 } as const;
const EDIT = { comparator: 1, logNumber: 2, nextFile: 3, lastSequence: 4, compactPointer: 5, deleted: 6, added: 7, prevLog: 9 };

const unmask = (masked: number) => {
  const rotated = (masked - CRC_MASK_DELTA) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
};

/** A cursor over LevelDB's little-endian varints and length-prefixed slices. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
  ) {}
  get done() {
    return this.pos >= this.buf.length;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (this.pos >= this.buf.length) throw new RangeError('truncated varint');
      const byte = this.buf[this.pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError('varint too long');
  }
  bytes(length: number): Buffer {
    if (this.pos + length > this.buf.length) throw new RangeError('slice past the end');
    const slice = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }
  slice(): Buffer {
    return this.bytes(this.varint());
  }
}

/** The logical records of a log-format file (write-ahead log or manifest). */
export function readLogRecords(buf: Buffer, name: string): Buffer[] {
  const records: Buffer[] = [];
  let parts: Buffer[] | undefined;
  let pos = 0;
  while (pos < buf.length) {
    const leftInBlock = LOG_BLOCK - (pos % LOG_BLOCK);
    if (leftInBlock < LOG_HEADER) {
      pos += leftInBlock; // the block's zero trailer
      continue;
    }
    if (buf.length - pos < LOG_HEADER) throw new DataDamage(`${name} ends inside a record (truncated)`);
    const length = buf.readUInt16LE(pos + 4);
    const type = buf[pos + 6]!;
    if (type === 0 && length === 0 && buf.subarray(pos).every((b) => b === 0)) break; // zero-filled tail
    if (LOG_HEADER + length > leftInBlock) throw new DataDamage(`${name} holds a record that is not one (bad length)`);
    if (pos + LOG_HEADER + length > buf.length) throw new DataDamage(`${name} ends inside a record (truncated)`);
    if (crc32c(buf.subarray(pos + 6, pos + LOG_HEADER + length)) !== unmask(buf.readUInt32LE(pos))) {
      throw new DataDamage(`${name} holds a record whose checksum does not match`);
    }
    const payload = buf.subarray(pos + LOG_HEADER, pos + LOG_HEADER + length);
    const expectsMore = parts !== undefined;
    if ((type === RECORD.full || type === RECORD.first) === expectsMore || type < RECORD.full || type > RECORD.last) {
      throw new DataDamage(`${name} holds records out of order`);
    }
    if (type === RECORD.full) records.push(payload);
    else if (type === RECORD.first) parts = [payload];
    else if (type === RECORD.middle) parts!.push(payload);
    else {
      records.push(Buffer.concat([...parts!, payload]));
      parts = undefined;
    }
    pos += LOG_HEADER + length;
  }
  return records;
}

interface Manifest {
  logNumber: number;
  prevLogNumber: number;
  /** Live table files: number -> size in bytes. */
  tables: Map<number, number>;
}

function readManifest(buf: Buffer, name: string): Manifest {
  const manifest: Manifest = { logNumber: 0, prevLogNumber: 0, tables: new Map() };
  for (const record of readLogRecords(buf, name)) {
    const edit = new Reader(record);
    try {
      while (!edit.done) {
        const tag = edit.varint();
        if (tag === EDIT.comparator) edit.slice();
        else if (tag === EDIT.logNumber) manifest.logNumber = edit.varint();
        else if (tag === EDIT.prevLog) manifest.prevLogNumber = edit.varint();
        else if (tag === EDIT.nextFile || tag === EDIT.lastSequence) edit.varint();
        else if (tag === EDIT.compactPointer) {
          edit.varint(); // level
          edit.slice(); // key
        } else if (tag === EDIT.deleted) {
          edit.varint(); // level
          manifest.tables.delete(edit.varint());
        } else if (tag === EDIT.added) {
          edit.varint(); // level
          const number = edit.varint();
          manifest.tables.set(number, edit.varint());
          edit.slice(); // smallest key
          edit.slice(); // largest key
        } else throw new RangeError(`unknown tag ${tag}`);
      }
    } catch (err) {
      if (err instanceof RangeError) throw new DataDamage(`${name} holds an unreadable entry`);
      throw err;
    }
  }
  return manifest;
}

/** A table block's contents, after its checksum was verified (and it was decompressed). */
function readBlock(table: Buffer, handle: Reader, name: string): Buffer {
  const offset = handle.varint();
  const size = handle.varint();
  if (offset + size + BLOCK_TRAILER > table.length) throw new DataDamage(`${name} points past its end`);
  const type = table[offset + size]!;
  if (crc32c(table.subarray(offset, offset + size + 1)) !== unmask(table.readUInt32LE(offset + size + 1))) {
    throw new DataDamage(`${name} has a block whose checksum does not match`);
  }
  const contents = table.subarray(offset, offset + size);
  if (type === COMPRESSION.none) return contents;
  if (type === COMPRESSION.snappy) return snappy.uncompress(contents);
  throw new DataDamage(`${name} has a block of unknown type`);
}

/** The values of a block's entries (an index block's values are the handles of the data blocks). */
function blockValues(block: Buffer): Buffer[] {
  const restarts = block.readUInt32LE(block.length - 4);
  const end = block.length - 4 - 4 * restarts;
  if (end < 0) throw new RangeError('restart array past the start');
  const entries = new Reader(block.subarray(0, end));
  const values: Buffer[] = [];
  while (!entries.done) {
    entries.varint(); // bytes shared with the previous key
    const unshared = entries.varint();
    const valueLength = entries.varint();
    entries.bytes(unshared);
    values.push(entries.bytes(valueLength));
  }
  return values;
}

function checkTable(table: Buffer, name: string, size: number): void {
  if (table.length !== size) throw new DataDamage(`${name} is ${table.length} bytes, the manifest says ${size}`);
  if (table.length < FOOTER || !table.subarray(table.length - TABLE_MAGIC.length).equals(TABLE_MAGIC)) {
    throw new DataDamage(`${name} is not a table file (no footer)`);
  }
  try {
    const footer = new Reader(table, table.length - FOOTER);
    readBlock(table, footer, name); // metaindex
    const index = readBlock(table, footer, name);
    for (const handle of blockValues(index)) readBlock(table, new Reader(handle), name);
  } catch (err) {
    if (err instanceof DataDamage) throw err;
    throw new DataDamage(`${name} has an unreadable block`);
  }
}

const fileNumber = (file: string) => Number(/^(\d+)\./.exec(file)?.[1] ?? Number.NaN);

/**
 * Throws DataDamage naming what is wrong (files as `<label>/<name>`); returns quietly for an intact
 * folder or one that holds no database yet (a first start). Reads only: nothing is opened or changed.
 */
export function checkLevelDbFiles(dir: string, label: string): void {
  if (!existsSync(dir)) return;
  const files = readdirSync(dir);
  const at = (file: string) => `${label}/${file}`;
  const databaseFiles = files.filter((f) => /^(\d+\.(log|ldb|sst)|MANIFEST-\d+)$/.test(f));
  if (!files.includes('CURRENT')) {
    if (databaseFiles.length > 0) throw new DataDamage(`${at('CURRENT')} is missing`);
    return;
  }
  const manifestName = /^(MANIFEST-\d+)\n$/.exec(readFileSync(join(dir, 'CURRENT'), 'utf8'))?.[1];
  if (!manifestName) throw new DataDamage(`${at('CURRENT')} does not name a manifest`);
  if (!files.includes(manifestName)) throw new DataDamage(`${at(manifestName)}, named by CURRENT, is missing`);
  const manifest = readManifest(readFileSync(join(dir, manifestName)), at(manifestName));
  for (const [number, size] of manifest.tables) {
    const name = files.find((f) => fileNumber(f) === number && /\.(ldb|sst)$/.test(f));
    if (!name) throw new DataDamage(`${at(`${String(number).padStart(6, '0')}.ldb`)} is missing`);
    checkTable(readFileSync(join(dir, name)), at(name), size);
  }
  // The logs LevelDB replays at open: this one and later ones, and the previous one while it is named.
  const liveLogs = files.filter((f) => {
    if (!f.endsWith('.log')) return false;
    const number = fileNumber(f);
    return number >= manifest.logNumber || number === manifest.prevLogNumber;
  });
  for (const log of liveLogs) readLogRecords(readFileSync(join(dir, log)), at(log));
}

/** The `level` package dynalite itself uses (the same LevelDB build and options). */
function levelOfDynalite(): typeof import('level') {
  let dynalite: string;
  try {
    dynalite = require.resolve('dynalite');
  } catch {
    throw new MissingDependency('dynalite');
  }
  return createRequire(dynalite)('level') as typeof import('level');
}

/**
 * Opens the database the way dynalite will and reads every entry, so that whatever LevelDB itself
 * finds wrong stops the start instead of the first request (dynalite would crash the process).
 */
export async function readEveryEntry(dir: string, label: string): Promise<void> {
  const { Level } = levelOfDynalite();
  const db = new Level(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') throw new InUse(dir);
    throw new DataDamage(`${label} cannot be opened: ${cause?.message ?? (err as Error).message}`);
  }
  try {
    for await (const _entry of db.iterator()) {
      // reading is the check
    }
  } catch (err) {
    throw new DataDamage(`${label} cannot be read: ${(err as Error).message}`);
  } finally {
    await db.close();
  }
}

/**
 * Pending stream records, persisted under the data folder so a crash or Ctrl-C between a table write
 * and its delivery to the alert dispatcher does not lose the alert: each record is appended when it is
 * observed and acknowledged when it was delivered (or sent to the dead-letter queue). On start the
 * unacknowledged ones are delivered again — at-least-once, like Lambda; the dispatcher is idempotent.
 * The remaining window: a crash after dynalite stored an item but before its record was appended here.
 *
 * A crash can tear only the last line (one append is one write); any other line that is not an entry,
 * or a torn tail that is not the start of one, is damage: `readStreamLog` refuses it and `recover` changes nothing.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { DataDamage } from '../startup-errors';

/** One line of the file: a record observed, or the sequence number of one delivered. */
const Entry = z.union([
  z.object({ record: z.looseObject({ eventName: z.string(), dynamodb: z.looseObject({ SequenceNumber: z.string() }) }) }),
  z.object({ ack: z.string() }),
]);
type Entry = { record: DynamoDBRecord } | { ack: string };

/** How every entry begins: a line torn by a crash is one of these cut short, or one of them and more. */
const ENTRY_STARTS = ['{"record":', '{"ack":'];
const isTornEntry = (tail: string) => ENTRY_STARTS.some((start) => start.startsWith(tail) || tail.startsWith(start));

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

/** The entries of a pending-records file; throws DataDamage naming `label` when it holds anything else. */
export function readStreamLog(file: string, label: string): Entry[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const tail = lines.pop()!; // after the last newline: empty, or a line torn by a crash
  if (tail && !isTornEntry(tail)) throw new DataDamage(`${label} ends with bytes that are not a record`);
  return lines.map((line, n) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new DataDamage(`${label} line ${n + 1} is not JSON`);
    }
    const entry = Entry.safeParse(parsed);
    if (!entry.success) throw new DataDamage(`${label} line ${n + 1} is not a stream record`);
    return entry.data as Entry;
  });
}

/** Where delivery acknowledges records: the log itself, or a messenger to the thread that owns it. */
export interface PendingLog {
  append(records: DynamoDBRecord[]): void;
  ack(records: DynamoDBRecord[]): void;
}

export class StreamLog implements PendingLog {
  private unacked = 0;

  constructor(private readonly file: string | undefined) {}

  /** Reads what was pending at the last stop and compacts the file to just that. */
  recover(): DynamoDBRecord[] {
    if (!this.file) return [];
    const pending = new Map<string, DynamoDBRecord>();
    for (const entry of readStreamLog(this.file, this.file)) {
      if ('record' in entry) pending.set(sequenceOf(entry.record), entry.record);
      else pending.delete(entry.ack);
    }
    const records = [...pending.values()];
    this.rewrite(records);
    return records;
  }

  append(records: DynamoDBRecord[]): void {
    this.unacked += records.length;
    this.write(records.map((record) => ({ record })));
  }

  ack(records: DynamoDBRecord[]): void {
    this.ackSequences(records.map(sequenceOf));
  }

  /** The same by sequence number (what the runtime's thread sends back to the DynamoDB stand-in's). */
  ackSequences(sequences: string[]): void {
    this.unacked -= sequences.length;
    // Nothing pending: start the file afresh instead of letting it grow for ever.
    if (this.unacked === 0) this.rewrite([]);
    else this.write(sequences.map((ack) => ({ ack })));
  }

  private write(entries: Entry[]): void {
    if (!this.file || entries.length === 0) return;
    appendFileSync(this.file, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`);
  }

  private rewrite(records: DynamoDBRecord[]): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, records.map((record) => `${JSON.stringify({ record })}\n`).join(''));
    renameSync(tmp, this.file);
    this.unacked = records.length;
  }
}

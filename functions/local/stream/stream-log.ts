/**
 * Pending stream records, persisted under the data folder so a crash or Ctrl-C between a table write
 * and its delivery to the alert dispatcher does not lose the alert: each record is appended when it is
 * observed and acknowledged when it was delivered (or sent to the dead-letter queue). On start the
 * unacknowledged ones are delivered again — at-least-once, like Lambda; the dispatcher is idempotent.
 * The remaining window: a crash after dynalite stored an item but before its record was appended here.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';

type Entry = { record: DynamoDBRecord } | { ack: string };

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

export class StreamLog {
  private unacked = 0;

  constructor(private readonly file: string | undefined) {}

  /** Reads what was pending at the last stop and compacts the file to just that. */
  recover(): DynamoDBRecord[] {
    if (!this.file) return [];
    mkdirSync(dirname(this.file), { recursive: true });
    if (!existsSync(this.file)) return [];
    const pending = new Map<string, DynamoDBRecord>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch {
        continue; // a torn last line from a crash: the write it described is the remaining window
      }
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
    this.unacked -= records.length;
    // Nothing pending: start the file afresh instead of letting it grow for ever.
    if (this.unacked === 0) this.rewrite([]);
    else this.write(records.map((record) => ({ ack: sequenceOf(record) })));
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

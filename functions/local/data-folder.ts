/**
 * The data folder is checked before anything in it is opened: dynalite's LevelDB files byte for byte
 * and then every entry read, the SNS/SQS stand-in's state and the pending stream records against their
 * schemas. Anything wrong stops the start with one line naming the file and how to recover; nothing is
 * deleted or rewritten (LevelDB, left to itself, would drop damaged records and delete files it no
 * longer recognises). `runtime.json` is not checked: it holds nothing but this run's settings and is
 * written afresh at every start.
 */
import { join } from 'node:path';
import { checkLevelDbFiles, readEveryEntry } from './dynamo/leveldb-check';
import { DamagedDataFolder, DataDamage } from './startup-errors';
import { readStandinState } from './sns/standin-state';
import { readStreamLog } from './stream/stream-log';

/** Where each part lives under the data folder (the runtime and this check agree through these). */
export const dataPaths = (dataDir: string) => ({
  dynamodb: join(dataDir, 'dynamodb'),
  standinState: join(dataDir, 'sns', 'state.json'),
  streamLog: join(dataDir, 'stream', 'pending.jsonl'),
  /** The CLI settings of the running runtime (URL, key, endpoints), written by `newswatch serve`. */
  runtimeFile: join(dataDir, 'runtime.json'),
});

/** Throws DamagedDataFolder (a StartupError: one line, exit 1) when any part is damaged. */
export async function checkDataFolder(dataDir: string): Promise<void> {
  const paths = dataPaths(dataDir);
  try {
    checkLevelDbFiles(paths.dynamodb, 'dynamodb');
    readStandinState(paths.standinState, 'sns/state.json');
    readStreamLog(paths.streamLog, 'stream/pending.jsonl');
    await readEveryEntry(paths.dynamodb, 'dynamodb');
  } catch (err) {
    if (err instanceof DataDamage) throw new DamagedDataFolder(dataDir, err.message);
    throw err;
  }
}

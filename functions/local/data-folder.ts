/**
 * The data folder is checked before anything in it is opened: dynalite's LevelDB files byte for byte
 * and then every entry read, the SNS/SQS stand-in's state and the pending stream records against their
 * schemas. Anything wrong stops the start with one line naming the file and how to recover; nothing is
 * deleted or rewritten (LevelDB, left to itself, would drop damaged records and delete files it no
 * longer recognises). `runtime.json` is not checked: it holds nothing but this run's settings and is
 * written afresh at every start.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkLevelDbFiles, readEveryEntry } from './dynamo/leveldb-check';
import { DamagedDataFolder, DataDamage, StartupError } from './startup-errors';
import { readStandinState, savedRegion } from './sns/standin-state';
import { DEFAULT_REGION } from '../core/aws-region';
import { readStreamLog } from './stream/stream-log';

/** Where each part lives under the data folder (the runtime and this check agree through these). */
export const dataPaths = (dataDir: string) => ({
  dynamodb: join(dataDir, 'dynamodb'),
  standinState: join(dataDir, 'sns', 'state.json'),
  streamLog: join(dataDir, 'stream', 'pending.jsonl'),
  /** The CLI settings of the running runtime (URL, key, endpoints), written by `newswatch serve`. */
  runtimeFile: join(dataDir, 'runtime.json'),
});
export type DataPaths = ReturnType<typeof dataPaths>;

const CHOOSE_ANOTHER = 'choose a folder with NEWSWATCH_DATA_DIR or --data-dir';

/** The data folder's mode when it is created: its owner's alone. */
const PRIVATE_FOLDER = 0o700;

/**
 * Creates the folder one level at a time, top first. Node's recursive mkdir (which LevelDB uses too)
 * retries for ever where a parent exists but refuses a child with ENOENT, as /proc does:
 * `--data-dir /proc/nope` hung the start without a word.
 */
function createFolder(dataDir: string): void {
  const missing: string[] = [];
  for (let path = dataDir; !statSync(path, { throwIfNoEntry: false }); path = dirname(path)) {
    missing.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const dir of missing) {
    try {
      // The data folder itself for its owner alone: it holds subscribers' endpoints (e-mail addresses, phone
      // numbers) and key hashes, and its files are written with the usual umask (readable by all).
      mkdirSync(dir, { mode: dir === dataDir ? PRIVATE_FOLDER : undefined });
    } catch (err) {
      // Made meanwhile by someone else: as good as made here.
      if (!((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory())) throw err;
    }
  }
}

/**
 * Writes and removes a file in the folder. Whatever cannot be written (permissions, a read-only mount,
 * a pseudo file system such as /proc or /sys) is told now: LevelDB would otherwise hang or fail in a
 * way that reads as damage, and the SNS/SQS stand-in and the stream capture would fail later still.
 */
function checkWritable(dir: string): void {
  const probe = join(dir, `.newswatch-write-check-${process.pid}`);
  writeFileSync(probe, '');
  rmSync(probe);
}

/**
 * A path that is a file, or a folder that cannot be created or written in, is a setting to change:
 * calling it damaged would advise moving the path aside, which for a file is moving someone else's file.
 */
function ensureFolder(dataDir: string): void {
  let existing: ReturnType<typeof statSync>;
  try {
    existing = statSync(dataDir, { throwIfNoEntry: false });
    if (!existing) createFolder(dataDir);
  } catch (err) {
    throw new StartupError(`the data folder ${dataDir} cannot be created (${(err as Error).message}): ${CHOOSE_ANOTHER}`);
  }
  if (existing && !existing.isDirectory()) {
    throw new StartupError(`the data folder ${dataDir} is a file, not a folder: ${CHOOSE_ANOTHER}`);
  }
  const paths = dataPaths(dataDir);
  try {
    checkWritable(dataDir);
    // The parts' own folders too, where they exist: one of them alone may be unwritable (a mount, a chmod).
    for (const part of [paths.dynamodb, dirname(paths.standinState), dirname(paths.streamLog)]) {
      if (statSync(part, { throwIfNoEntry: false })?.isDirectory()) checkWritable(part);
    }
  } catch (err) {
    throw new StartupError(`the data folder ${dataDir} cannot be written (${(err as Error).message}): ${CHOOSE_ANOTHER}`);
  }
}

/** A folder whose alert subscriptions were made in another region is refused: started, they would be dropped. */
function checkRegion(dataDir: string, saved: string | undefined, region: string): void {
  if (saved === undefined || saved === region) return;
  throw new StartupError(
    `the data folder ${dataDir} holds subscriptions to its alerts topic made in region ${saved}, not ${region}: ` +
      `start with AWS_REGION=${saved}${saved === DEFAULT_REGION ? ' (or without AWS_REGION)' : ''}, or choose another folder with NEWSWATCH_DATA_DIR or --data-dir to start afresh in ${region}`,
  );
}

/**
 * Throws DamagedDataFolder (a StartupError: one line, exit 1) when any part is damaged, and a plain
 * StartupError when the path is no folder and cannot become one, nothing can be written in it, or (given
 * `own`) the subscriptions to the runtime's alerts topic were made in another region than `own.region`.
 */
export async function checkDataFolder(dataDir: string, own?: { region: string; topicName: string }): Promise<void> {
  ensureFolder(dataDir);
  const paths = dataPaths(dataDir);
  try {
    checkLevelDbFiles(paths.dynamodb, 'dynamodb');
    const standin = readStandinState(paths.standinState, 'sns/state.json');
    if (standin && own) checkRegion(dataDir, savedRegion(standin, own.topicName), own.region);
    readStreamLog(paths.streamLog, 'stream/pending.jsonl');
    await readEveryEntry(paths.dynamodb, 'dynamodb');
  } catch (err) {
    if (err instanceof DataDamage) throw new DamagedDataFolder(dataDir, err.message);
    throw err;
  }
}

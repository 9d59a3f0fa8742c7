/**
 * The data-folder check on a path that is no folder at all: a settings mistake, told as such, never
 * called damage (whose advice is to move the path aside: for a file that is someone else's file).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../../functions/local/data-folder';
import { DamagedDataFolder, StartupError } from '../../../functions/local/startup-errors';

describe('the data-folder check', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-data-folder-'));
    dirs.push(dir);
    return dir;
  };

  it('creates a missing data folder for its owner alone (it holds endpoints and key hashes), its parents as usual', async () => {
    const parent = join(tempDir(), 'projects');
    const dataDir = join(parent, '.newswatch');

    await checkDataFolder(dataDir);

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    // The parents as mkdir makes them, by the umask.
    expect(statSync(parent).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  it('refuses a data folder that is a file as a setting to change, not as a damaged folder to move aside', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'a file of the user, not a data folder\n');

    const refusal = await checkDataFolder(file).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(StartupError);
    expect(refusal).not.toBeInstanceOf(DamagedDataFolder);
    expect((refusal as Error).message).toBe(
      `the data folder ${file} is a file, not a folder: choose a folder with NEWSWATCH_DATA_DIR or --data-dir`,
    );
  });

  it('refuses a data folder that cannot be created as a setting to change, naming the reason', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'a file, so nothing can be created under it\n');
    const below = join(file, 'data');

    const refusal = await checkDataFolder(below).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(StartupError);
    expect(refusal).not.toBeInstanceOf(DamagedDataFolder);
    expect((refusal as Error).message).toMatch(
      new RegExp(`^the data folder ${below} cannot be created \\(ENOTDIR\\b.*\\): choose a folder with NEWSWATCH_DATA_DIR or --data-dir$`),
    );
  });

  it('refuses a folder whose subscriptions were made in another region, naming both, and starts it in its own', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'sns'));
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts';
    const state = {
      version: 1,
      topics: [{ name: 'newswatch-alerts', attributes: {} }],
      subscriptions: [
        {
          arn: `${topicArn}:abc`,
          topicArn,
          protocol: 'sqs',
          endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
          confirmed: true,
          attributes: {},
        },
      ],
      queues: [],
    };
    writeFileSync(join(dataDir, 'sns', 'state.json'), JSON.stringify(state));

    const refusal = await checkDataFolder(dataDir, { region: 'eu-west-1', topicName: 'newswatch-alerts' }).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(StartupError);
    expect(refusal).not.toBeInstanceOf(DamagedDataFolder);
    expect((refusal as Error).message).toContain(
      'made in region us-east-1, not eu-west-1: start with AWS_REGION=us-east-1 (or without AWS_REGION)',
    );
    await expect(checkDataFolder(dataDir, { region: 'us-east-1', topicName: 'newswatch-alerts' })).resolves.toBeUndefined();
  });

  it('is not misled by a topic and queue a user made through the endpoint in another region', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'sns'));
    const own = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts';
    const users = 'arn:aws:sns:eu-west-1:000000000000:my-topic';
    const endpoint = 'arn:aws:sqs:eu-west-1:000000000000:mine';
    const sub = (topicArn: string, id: string) => ({
      arn: `${topicArn}:${id}`,
      topicArn,
      protocol: 'sqs',
      endpoint,
      confirmed: true,
      attributes: {},
    });
    const state = {
      version: 1,
      topics: [
        { name: 'my-topic', attributes: {} },
        { name: 'newswatch-alerts', attributes: {} },
      ],
      subscriptions: [sub(users, 'a'), sub(own, 'b')],
      queues: [{ name: 'mine', arn: endpoint, attributes: {}, messages: [] }],
    };
    writeFileSync(join(dataDir, 'sns', 'state.json'), JSON.stringify(state));

    await expect(checkDataFolder(dataDir, { region: 'us-east-1', topicName: 'newswatch-alerts' })).resolves.toBeUndefined();
    await expect(checkDataFolder(dataDir, { region: 'eu-west-1', topicName: 'newswatch-alerts' })).rejects.toThrow(
      'made in region us-east-1, not eu-west-1',
    );
  });

  it('accepts a folder that does not exist yet (the first start creates it)', async () => {
    const fresh = join(tempDir(), 'fresh', 'data');

    await expect(checkDataFolder(fresh)).resolves.toBeUndefined();
  });

  // /sys refuses new files to every user, root included (a pseudo file system, like /proc).
  it('refuses a data folder nothing can be written in as a setting to change, not as damage', async () => {
    const refusal = await checkDataFolder('/sys/kernel').catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(StartupError);
    expect(refusal).not.toBeInstanceOf(DamagedDataFolder);
    expect((refusal as Error).message).toMatch(
      /^the data folder \/sys\/kernel cannot be written \(E[A-Z]+: .*'\/sys\/kernel\/[^']+'\): choose a folder with NEWSWATCH_DATA_DIR or --data-dir$/,
    );
  });

  it('refuses a data folder one of whose parts cannot be written, naming that part', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'stream'));
    symlinkSync('/sys/kernel', join(dataDir, 'sns'));

    const refusal = await checkDataFolder(dataDir).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(StartupError);
    expect(refusal).not.toBeInstanceOf(DamagedDataFolder);
    expect((refusal as Error).message).toMatch(
      new RegExp(`^the data folder ${dataDir} cannot be written \\(E[A-Z]+: .*'${dataDir}/sns/[^']+'\\): choose a folder`),
    );
  });

  it('leaves nothing of its own in a folder it could write in', async () => {
    const dataDir = tempDir();
    for (const part of ['dynamodb', 'sns', 'stream']) mkdirSync(join(dataDir, part));

    await checkDataFolder(dataDir);

    const left = readdirSync(dataDir, { recursive: true }).map(String);
    expect(left.filter((name) => name.includes('write-check'))).toEqual([]);
    expect(left).toContain(join('dynamodb', 'CURRENT'));
  });
});

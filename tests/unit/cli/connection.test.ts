import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_URL,
  dataFolder,
  missingKeyError,
  readRuntimeInfo,
  resolveConnection,
  runtimeFilePath,
} from '../../../functions/cli/support/connection';
import { UsageError } from '../../../functions/cli/support/cli-errors';

const runtime = {
  apiUrl: 'http://127.0.0.1:3000',
  apiKey: 'local-key-0123456789',
  region: 'us-east-1',
  sqsEndpoint: 'http://127.0.0.1:4566',
};

describe('resolveConnection', () => {
  it('uses the running local runtime when nothing is given', () => {
    expect(resolveConnection({}, {}, runtime)).toEqual({ url: runtime.apiUrl, apiKey: runtime.apiKey, runtime });
  });

  it('falls back to 127.0.0.1:3000 without a key when no runtime is running', () => {
    expect(resolveConnection({}, {}, undefined)).toEqual({ url: DEFAULT_URL, apiKey: undefined, runtime: undefined });
  });

  it('prefers flags over environment over runtime.json', () => {
    const env = { NEWSWATCH_URL: 'https://env.example.com', NEWSWATCH_API_KEY: 'env-key' };

    expect(resolveConnection({}, env, runtime)).toMatchObject({ url: 'https://env.example.com', apiKey: 'env-key' });
    expect(resolveConnection({ url: 'https://flag.example.com', apiKey: 'flag-key' }, env, runtime)).toMatchObject({
      url: 'https://flag.example.com',
      apiKey: 'flag-key',
    });
  });

  it('takes a variable set to nothing as unset, as `newswatch serve` does (export NEWSWATCH_API_KEY= clears it)', () => {
    expect(resolveConnection({}, { NEWSWATCH_URL: '', NEWSWATCH_API_KEY: '' }, runtime)).toEqual({
      url: runtime.apiUrl,
      apiKey: runtime.apiKey,
      runtime,
    });
    expect(() => resolveConnection({ url: '' }, {}, runtime)).toThrow('--url: "" is not an http(s) URL');
  });

  it('never sends the local key to another server', () => {
    const connection = resolveConnection({ url: 'https://api.example.com/prod' }, {}, runtime);

    expect(connection.apiKey).toBeUndefined();
    expect(connection.runtime).toBeUndefined();
  });

  it('names the option when the URL is not http(s)', () => {
    expect(() => resolveConnection({ url: 'ftp://x' }, {}, undefined)).toThrow(new UsageError('--url: "ftp://x" is not an http(s) URL'));
    expect(() => resolveConnection({}, { NEWSWATCH_URL: 'nonsense' }, undefined)).toThrow(/^NEWSWATCH_URL: /);
  });

  it('refuses an empty --api-key', () => {
    expect(() => resolveConnection({ apiKey: ' ' }, {}, runtime)).toThrow(/--api-key: must not be empty/);
  });
});

describe('runtime.json', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-runtime-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is looked for in the runtime data folder, .newswatch by default, unless NEWSWATCH_RUNTIME_FILE says otherwise', () => {
    expect(runtimeFilePath({}, '/repo')).toBe('/repo/.newswatch/runtime.json');
    expect(runtimeFilePath({ NEWSWATCH_DATA_DIR: 'data' }, '/repo')).toBe('/repo/data/runtime.json');
    expect(runtimeFilePath({ NEWSWATCH_RUNTIME_FILE: '/elsewhere/rt.json' }, '/repo')).toBe('/elsewhere/rt.json');
  });

  it("names the runtime's data folder as serve takes it by default: NEWSWATCH_DATA_DIR, else .newswatch", () => {
    expect(dataFolder({})).toBe('.newswatch');
    expect(dataFolder({ NEWSWATCH_DATA_DIR: '' })).toBe('.newswatch');
    expect(dataFolder({ NEWSWATCH_DATA_DIR: '/srv/nw' })).toBe('/srv/nw');
  });

  it('takes an empty NEWSWATCH_DATA_DIR for unset, as serve does (it keeps its data in .newswatch then)', () => {
    expect(runtimeFilePath({ NEWSWATCH_DATA_DIR: '' }, '/repo')).toBe('/repo/.newswatch/runtime.json');
  });

  it("finds the runtime's file from a subfolder, in the nearest folder above that has one", () => {
    const present = new Set(['/repo/.newswatch/runtime.json', '/repo/data/runtime.json']);
    const exists = (path: string) => present.has(path);

    expect(runtimeFilePath({}, '/repo/examples/deep', exists)).toBe('/repo/.newswatch/runtime.json');
    expect(runtimeFilePath({ NEWSWATCH_DATA_DIR: 'data' }, '/repo/functions', exists)).toBe('/repo/data/runtime.json');
    expect(runtimeFilePath({}, '/elsewhere/sub', exists)).toBe('/elsewhere/sub/.newswatch/runtime.json');
  });

  it('reads the runtime details and ignores fields it does not know', async () => {
    const path = join(dir, 'runtime.json');
    await writeFile(path, JSON.stringify({ ...runtime, pid: 42 }));

    expect(readRuntimeInfo(path)).toEqual(runtime);
  });

  it('treats a missing or corrupt file as no runtime', async () => {
    const corrupt = join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"apiUrl": ');

    expect(readRuntimeInfo(join(dir, 'absent.json'))).toBeUndefined();
    expect(readRuntimeInfo(corrupt)).toBeUndefined();
  });
});

describe('when no key is known', () => {
  it('names the address the local runtime really runs at when --url points at another local port', () => {
    const error = missingKeyError('http://127.0.0.1:3999', runtime);

    expect(error.message).toBe('no API key for http://127.0.0.1:3999: the local runtime runs at http://127.0.0.1:3000, not there');
    expect(error.exitCode).toBe(2);
  });

  it('says to start the runtime when none runs', () => {
    expect(missingKeyError('http://127.0.0.1:3000', undefined).detailLines[0]).toMatch(/npm start/);
  });

  it('names the runtime file NEWSWATCH_RUNTIME_FILE or NEWSWATCH_DATA_DIR points at, where it looked', () => {
    const named = missingKeyError('http://127.0.0.1:3000', undefined, { NEWSWATCH_RUNTIME_FILE: '/srv/nw/runtime.json' });
    const inDataDir = missingKeyError('http://127.0.0.1:3000', undefined, { NEWSWATCH_DATA_DIR: 'data/nw' });
    const absoluteDataDir = missingKeyError('http://127.0.0.1:3000', undefined, { NEWSWATCH_DATA_DIR: '/srv/nw/' });
    const usual = missingKeyError('http://127.0.0.1:3000', undefined, {});

    expect(named.message).toBe('no API key, and no local runtime found (no /srv/nw/runtime.json, the file NEWSWATCH_RUNTIME_FILE names)');
    expect(inDataDir.message).toBe('no API key, and no local runtime found (no data/nw/runtime.json here or in any folder above)');
    expect(absoluteDataDir.message).toBe(
      'no API key, and no local runtime found (no /srv/nw/runtime.json, in the folder NEWSWATCH_DATA_DIR names)',
    );
    expect(usual.message).toBe('no API key, and no local runtime found (no .newswatch/runtime.json here or in any folder above)');
  });

  it('asks for a key for a remote API', () => {
    expect(missingKeyError('https://api.example.com', runtime).message).toBe('--api-key: no API key given');
  });

  it('names the data folder NEWSWATCH_DATA_DIR sets where a remote API is told where the local key lives', () => {
    const hint = missingKeyError('https://api.example.com', undefined, { NEWSWATCH_DATA_DIR: 'data/nw' }).detailLines[1];
    expect(hint).toBe('against the local runtime the key is read from data/nw/runtime.json while `npm start` runs');
  });
});

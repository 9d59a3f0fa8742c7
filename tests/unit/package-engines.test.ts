import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// package.json's `engines` is what the README promises: every Node.js version it admits must be one
// that every installed package (runtime and tooling, from the lock file) says it supports.
const ROOT = resolve(__dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(resolve(ROOT, file), 'utf8'));

describe('engines', () => {
  const ours: string = read('package.json').engines.node;
  const packages = Object.entries(read('package-lock.json').packages as Record<string, { engines?: { node?: string } }>);

  it('admits only Node.js versions every locked package supports', () => {
    const narrower = packages
      .filter(([path, meta]) => path !== '' && typeof meta.engines?.node === 'string')
      .filter(([, meta]) => !semver.subset(ours, meta.engines!.node!))
      .map(([path, meta]) => `${path.replace(/^.*node_modules\//, '')} wants ${meta.engines!.node}`);
    expect(narrower).toEqual([]);
  });

  it('admits Node.js 22, which the Lambda functions run, and the Node.js 20 the suite also runs on', () => {
    expect(semver.satisfies('22.20.0', ours)).toBe(true);
    expect(semver.satisfies(process.versions.node, ours)).toBe(true);
  });
});

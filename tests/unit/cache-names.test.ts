import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
/** A module-level WeakMap: a cache keyed by an object, named by what it holds. */
const WEAK_MAP = /^(?:export )?const (\w+) = new WeakMap</gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('module-level WeakMaps', () => {
  it('each have a name no other one has, so a name says which cache it is', () => {
    const byName = new Map<string, string[]>();
    for (const file of sourceFiles(join(ROOT, 'functions'))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(WEAK_MAP)) {
        byName.set(name!, [...(byName.get(name!) ?? []), relative(ROOT, file)]);
      }
    }
    expect(byName.size).toBeGreaterThan(2);
    expect([...byName].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});

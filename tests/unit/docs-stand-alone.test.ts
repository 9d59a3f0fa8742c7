import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The repository stands alone: no file points at something outside it (a sibling checkout, a path on
// the machine it was written on) or at an issue tracker's numbers a reader cannot see.
const ROOT = resolve(__dirname, '../..');
const PLACES = ['README.md', 'docs', 'functions', 'lib', 'bin', 'bench', 'tests', 'console/src', 'console/build.ts', 'examples', '.ci'];
const SKIP = /(^|\/)(node_modules|cdk\.out|\.newswatch|fixtures)(\/|$)/;
const TEXT = /\.(md|ts|tsx|mjs|js|json|jsonl|sh|yml|yaml|txt)$|(^|\/)[^./]+$/;
const OUTSIDE = [
  { what: 'a sibling checkout', pattern: new RegExp(['\\.\\.', 'shared\\b'].join('/')) },
  { what: 'a path on the writing machine', pattern: new RegExp(['', 'work', ''].join('/')) },
  // The repository has no design file of its own: a name of one points at another tree's.
  { what: "another tree's design notes", pattern: new RegExp(['\\bDESIGN', '\\.md\\b'].join('')) },
  { what: 'an issue number', pattern: new RegExp(['\\bissues?', '\\s*#\\d+'].join(''), 'i') },
  // In prose only: article text in examples may speak of an issue, and code names zod's issues.
  { what: 'an issue the reader cannot see', pattern: new RegExp(['\\bthe ', "issue(?:'s)?\\b"].join(''), 'i'), only: /\.(md|ts|tsx|mjs)$/ },
  { what: 'an issue the reader cannot see', pattern: new RegExp(['\\(', 'issue[):]'].join(''), 'i'), only: /\.md$/ },
  // Work is dated and named by commit, never by the sitting it was done in (a reader was not there).
  {
    what: 'a work session the reader cannot see',
    pattern: new RegExp(['\\b(?:this|the|that|previous|next|last|earlier) ', "session(?:'s)?\\b|\\bsessions? \\d"].join(''), 'i'),
    only: /\.(md|ts|tsx|mjs)$/,
  },
];

function walk(path: string): string[] {
  if (SKIP.test(relative(ROOT, path))) return [];
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((name) => walk(join(path, name)));
  return TEXT.test(path) ? [path] : [];
}

describe('the repository stands alone', () => {
  const files = PLACES.flatMap((p) => walk(join(ROOT, p)));

  it('reads the documentation and the code', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it('points at no file outside it and at no issue numbers', () => {
    const found = files.flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, i) =>
        OUTSIDE.filter(({ pattern, only }) => (!only || only.test(file)) && pattern.test(line)).map(
          ({ what }) => `${relative(ROOT, file)}:${i + 1}: ${what}`,
        ),
      );
    });
    expect(found).toEqual([]);
  });
});

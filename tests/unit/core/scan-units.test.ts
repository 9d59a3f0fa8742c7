import { type BuildOptions, build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../functions/core/tagger';
import { codeUnitsOf, MAX_KEPT_UNITS } from '../../../functions/core/text/scan';
import { defaultWatchlist } from '../../../functions/core/watchlist';
import { esbuildOptions } from '../../../lib/bundling';

const tagger = createTagger(defaultWatchlist);
const peopleIn = (body: string) => tagger.tag({ body }).people.map((p) => p.id);
/** Longer than the code units' starting room (4,096 units), so the scan must grow it. */
const LONG = 10_000;
const SCAN = 'functions/core/text/scan.ts';

describe('the code units the scan reads (codeUnitsOf)', () => {
  it('holds the text and a space after it, whatever longer text came before', () => {
    codeUnitsOf('x'.repeat(LONG));
    const units = codeUnitsOf('Bout’s');
    expect(String.fromCharCode(...units.subarray(0, 7))).toBe('Bout’s ');
  });

  it('grows for a text longer than any before it', () => {
    const text = `${'ab '.repeat(LONG)}Бут`;
    const units = codeUnitsOf(text);
    expect(String.fromCharCode(...units.subarray(text.length - 3, text.length + 1))).toBe('Бут ');
  });

  it('gives a text past the kept room an array of its own, and keeps no more room than that', () => {
    const kept = codeUnitsOf('short').buffer;
    const huge = `${'c'.repeat(MAX_KEPT_UNITS)} Bout`;
    const units = codeUnitsOf(huge);
    // Compared as booleans: a failing comparison of two buffers of megabytes would print them whole.
    expect(units.buffer === kept).toBe(false);
    expect(String.fromCharCode(...units.subarray(huge.length - 5, huge.length + 1))).toBe(' Bout ');
    const after = codeUnitsOf('short again');
    expect(after.buffer === kept).toBe(true);
    expect(after.length).toBeLessThanOrEqual(MAX_KEPT_UNITS);
  });

  it('lets the tagger find a name that ends a text scanned after a longer run of letters', () => {
    expect(peopleIn(`${'a'.repeat(LONG)} Viktor Bout`)).toEqual(['viktor-bout']);
    expect(peopleIn('Viktor Bout')).toEqual(['viktor-bout']);
    expect(peopleIn(`${'b'.repeat(LONG * 3)} Sergei Ryabkov`)).toEqual(['sergei-ryabkov']);
  });
});

/** The tag CLI's tag bundles (bin/newswatch-cli.mjs: bundled, ES module, syntax and whitespace minified). */
const TAG_CLI: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
};
/** The Lambda functions' bundles, read from the settings they deploy with. */
const LAMBDA: BuildOptions = { ...esbuildOptions(SCAN, 'scan.js'), sourcemap: false };

describe('the hash constants of word-key-codes.ts', () => {
  it.each([
    ['the tag CLI', TAG_CLI],
    ['a Lambda function', LAMBDA],
  ])('are written into the scan by %s’s bundler settings, not read from module variables', async (_, options) => {
    const out = await build({ ...options, entryPoints: [SCAN], outfile: undefined, write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]!.text;
    const scanCode = code.slice(code.indexOf('function scan('));
    expect(scanCode).toContain('16777619');
    expect(code).not.toMatch(/\b(FNV_PRIME|H0)\b/);
  });
});

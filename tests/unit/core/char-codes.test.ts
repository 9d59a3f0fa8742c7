import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAsciiDigit } from '../../../functions/core/text/char-codes';

const ROOT = resolve(__dirname, '../../..');
const SCANNING = ['functions/core/text', 'functions/core/tagger'].map((dir) => join(ROOT, dir));
/** A range check against the digit codes spelled out (`c >= DIGIT_ZERO && c <= DIGIT_NINE`): isAsciiDigit says it by name. */
const DIGIT_RANGE = />=\s*DIGIT_ZERO\s*&&[^;]*<=\s*DIGIT_NINE/g;
/** The one file that may spell character codes as numbers: it gives them their names. */
const NAMES = 'functions/core/text/char-codes.ts';
/** A character code (from charCodeAt, or a variable holding one) compared with a number literal of 9 or more. */
const RAW_COMPARISON = /(?:charCodeAt\([^)]*\)|\b(?:c|code|before|after)\b)\s*(?:===|!==|<=|>=|<|>)\s*(?:0x[0-9a-f]+|[1-9]\d+|9)\b/gi;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('character codes in the scanner and the tagger', () => {
  it('are compared by name, never as raw numbers', () => {
    const raw = SCANNING.flatMap(sourceFiles)
      .filter((file) => relative(ROOT, file) !== NAMES)
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(RAW_COMPARISON)].map((m) => `${relative(ROOT, file)}: ${m[0]}`));
    expect(raw).toEqual([]);
  });
});

describe('ASCII digits', () => {
  it('are 0 to 9 and nothing around them or in other scripts', () => {
    const digits = [...'/0123456789:٣０'].filter((ch) => isAsciiDigit(ch.charCodeAt(0)));
    expect(digits.join('')).toBe('0123456789');
  });

  it('are told by isAsciiDigit everywhere in the core, never by a range check of its own', () => {
    const spelled = sourceFiles(join(ROOT, 'functions/core'))
      .filter((file) => relative(ROOT, file) !== NAMES)
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(DIGIT_RANGE)].map((m) => `${relative(ROOT, file)}: ${m[0]}`));
    expect(spelled).toEqual([]);
  });
});

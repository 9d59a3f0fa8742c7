/**
 * MinHash signatures over word shingles, and the LSH bands that find near-copies with a constant
 * number of key lookups: two texts whose shingle sets have Jaccard similarity J share at least one
 * band with probability 1 - (1 - J^ROWS)^BANDS. The index uses 4 bands of 4 rows (the signature's first
 * 16 values): J = 0.9 → 0.99, J = 0.8 → 0.88, J = 0.5 → 0.23; the copy check that follows estimates J
 * from all 32 values. Eight bands (0.98 at J = 0.8) cost 4 more reads per article and 4 more writes
 * per new story, and found no copy more on the labelled set or the generated stream (docs/stories.md):
 * a copy shares its original's names and numbers, which are keys too.
 */
export const SIGNATURE_SIZE = 32;
export const BANDS = 4;
export const ROWS = 4;
const SHINGLE = 3;

/** One odd multiplier and one seed per hash function, fixed so signatures are stable across runs. */
const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => Math.imul(i + 1, 0x9e3779b1) | 1);

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;
const SPACE = 0x20;

/** FNV-1a of `text` continued from `h`. */
function fnvFrom(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a of the shingle `a b c`, hashed word by word: the same value as of the joined string, without building it. */
function shingleHash(a: string, b: string, c: string): number {
  const ab = Math.imul(fnvFrom(FNV_OFFSET, a) ^ SPACE, FNV_PRIME);
  return fnvFrom(Math.imul(fnvFrom(ab, b) ^ SPACE, FNV_PRIME), c);
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The signature of a word sequence (its 3-word shingles); empty when the text has fewer words. */
export function signatureOf(words: readonly string[]): number[] {
  if (words.length < SHINGLE) return [];
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const h = shingleHash(words[i]!, words[i + 1]!, words[i + 2]!);
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const v = mix(h, SEEDS[k]!);
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two shingle sets (0 when either is empty). */
export function estimatedJaccard(a: readonly number[], b: readonly number[]): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0;
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** The LSH band keys of a signature: `b<band>.<hash of its rows>`. */
export function bandKeys(sig: readonly number[]): string[] {
  if (sig.length !== SIGNATURE_SIZE) return [];
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = FNV_OFFSET;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r]!, FNV_PRIME);
    out.push(`b${b}.${(h >>> 0).toString(36)}`);
  }
  return out;
}

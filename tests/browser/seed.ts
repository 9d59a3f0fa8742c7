/**
 * Articles for the console's screenshots and benchmark: distinct events about Viktor Bout, different
 * words and weeks apart, so the server files each as its own story.
 */
const SYLLABLES = ['ka', 'lo', 'mer', 'tis', 'vun', 'dra', 'pel', 'sor', 'qui', 'bex', 'nar', 'tol', 'fen', 'gri', 'hu', 'jas'];
const DAY_MS = 86_400_000;

/** A small deterministic generator, so every run posts the same articles. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function distinctStories(count: number, newest = Date.parse('2026-11-01T12:00:00Z')) {
  const next = random(42);
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `console-bench-${i}`,
    title: `Case ${i + 1}: ${words(4)}`,
    body: `Viktor Bout ${words(30)} ${1000 + i * 37} ${words(30)}.`,
    source: `outlet-${i % 7}.example`,
    publishedAt: new Date(newest - i * 21 * DAY_MS).toISOString(),
  }));
}

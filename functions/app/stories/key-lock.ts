/**
 * In-process striped locks: articles that share a story index key are clustered one after the other
 * (so two copies posted in one batch, or concurrently to one process, meet in one story); articles
 * with no key in common run in parallel. Across Lambda instances two near-simultaneous first copies
 * can still start two stories (docs/stories.md).
 */
const STRIPES = 256;
const tails: Promise<void>[] = Array.from({ length: STRIPES }, () => Promise.resolve());

function stripeOf(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % STRIPES;
}

/** Runs `work` holding the stripes of every key (taken in stripe order, so two holders never deadlock). */
export async function withKeyLocks<T>(lockKeys: readonly string[], work: () => Promise<T>): Promise<T> {
  const stripes = [...new Set(lockKeys.map(stripeOf))].sort((a, b) => a - b);
  const before = stripes.map((s) => tails[s]!);
  let release!: () => void;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  for (const s of stripes) tails[s] = tails[s]!.then(() => done);
  await Promise.all(before);
  try {
    return await work();
  } finally {
    release();
  }
}

/** Small statistics shared by the benchmarks. */

/** The p-th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The median (the upper one of an even count, as the benchmarks have always reported it); NaN when empty. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

/** A small seeded generator (mulberry32) of numbers in [0, 1): a run's random choices repeat with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A copy of `items` in random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How many resamples a bootstrap interval draws: enough for stable 2.5 / 97.5 percentiles. */
export const BOOTSTRAP_RESAMPLES = 2_000;

/**
 * A 95 % percentile-bootstrap interval of median(a) / median(b) for paired samples (a[i] and b[i] were
 * measured in the same round): rounds are drawn with replacement, each keeping its pair together, so
 * what moved both of a round's samples (the machine's load then) moves the ratio less than it moves
 * either median.
 */
export function pairedRatioInterval(a: readonly number[], b: readonly number[], random: () => number): [number, number] {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  const ra = new Array<number>(n);
  const rb = new Array<number>(n);
  for (let r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
    for (let i = 0; i < n; i++) {
      const k = Math.floor(random() * n);
      ra[i] = a[k]!;
      rb[i] = b[k]!;
    }
    ratios.push(median(ra) / median(rb));
  }
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

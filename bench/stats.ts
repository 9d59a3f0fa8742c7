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
 * How many times `a` is `b` for paired samples (a[i] and b[i] were measured in the same round): the
 * median of the per-round ratios a[i] / b[i], with a 95 % percentile-bootstrap interval (the ratios drawn
 * with replacement). Pairing takes out what moved both samples of a round, the machine's load at the
 * time, which two separate medians keep: on a loaded machine the same code read 0.90 × and 1.20 × as a
 * ratio of medians in one run, 1.17 × both as a median of per-round ratios (docs/benchmarks.md).
 */
export function pairedRatio(
  a: readonly number[],
  b: readonly number[],
  random: () => number,
): { ratio: number; low: number; high: number } {
  const ratios = a.map((x, i) => x / b[i]!).filter((r) => Number.isFinite(r));
  const medians: number[] = [];
  const draw = new Array<number>(ratios.length);
  for (let r = 0; r < BOOTSTRAP_RESAMPLES; r++) {
    for (let i = 0; i < ratios.length; i++) draw[i] = ratios[Math.floor(random() * ratios.length)]!;
    medians.push(median(draw));
  }
  return { ratio: median(ratios), low: percentile(medians, 2.5), high: percentile(medians, 97.5) };
}

import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How large V8's young generation (its "new space", where every object starts) may grow in a tag run
 * that tags on its own thread. V8 doubles it while objects survive, up to 32 MB on this Node; the run's
 * objects are short-lived text and tags, so a larger space only spreads the same work over more memory.
 * On a shared 2-core machine a run held at 8 MB took ≈ 0.87–0.88 × the wall time of one left to grow
 * (per-round medians of alternating runs) and faulted in ≈ 5,000 fewer pages (docs/benchmarks.md, "Tagger").
 */
export const TAG_YOUNG_GENERATION_BYTES = 8 * 1024 * 1024;

/**
 * The same size for a tagging thread, as its Worker's `resourceLimits.maxYoungGenerationSizeMb`: V8 counts a
 * young generation as three semi-spaces (the two of the new space and as much again for large new objects),
 * so 12 MB gives an 8 MB new space (measured on Node 20 and 22). With it `--threads 2` took 0.89–0.90 × the
 * wall time of threads left to grow to 32 MB (docs/benchmarks.md, "Tagger").
 */
export const TAG_WORKER_YOUNG_GENERATION_MB = ((TAG_YOUNG_GENERATION_BYTES / 2) * 3) / (1024 * 1024);

/**
 * A check to call now and then (after loading the matcher, after each batch): once the young generation
 * has reached `bytes`, it stops its growth. V8 reads its size limit only when a process starts, but reads
 * the growth factor each time it grows the space, so a factor of 1 holds it where it is. The flag is
 * process-wide, so only a process whose one isolate tags should hold it: a worker thread's young
 * generation would stay at whatever size it had then (a tagging thread gets its own limit instead).
 */
export function youngGenerationHold(bytes: number): () => void {
  let held = false;
  return () => {
    if (held) return;
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!space || space.space_size < bytes) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    held = true;
  };
}

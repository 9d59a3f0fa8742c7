import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimising compiler runs on background threads whose CPU the process pays too. Its default
 * inlining budget makes each optimised function a large graph: the tagger compiled for about as long
 * as its code ran, and the local server, whose code turns hot function by function over thousands of
 * requests, spent ≈ 1 ms of every article's server CPU in those threads. With a smaller budget the
 * compiles are much cheaper and the optimised code runs almost as fast (docs/benchmarks.md, "tag CLI"
 * and "Pipeline"). The flag is process-wide (worker threads included) and changes no result, only
 * how much V8 inlines; set it before the code it should apply to turns hot.
 */
const INLINING_BUDGET = '--max-inlined-bytecode-size-cumulative=250';

export function useSmallInliningBudget(): void {
  setFlagsFromString(INLINING_BUDGET);
}

import { useSmallInliningBudget } from './support/inlining-budget';
import { runTagWorker } from './support/tag-thread';

/**
 * The tagging threads of `newswatch tag --jsonl` (support/tag-pool.ts) run this bundle
 * (bin/newswatch-cli.mjs builds it beside the tag bundle): only the matcher and the tagger, none of
 * the command line, the article schema or the other commands, so a thread starts up sooner.
 */
useSmallInliningBudget();
runTagWorker();

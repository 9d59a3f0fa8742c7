import { runTagWorker } from './support/tag-thread';

/**
 * The tagging threads of `newswatch tag --jsonl` (support/tag-pool.ts) run this bundle
 * (bin/newswatch-cli.mjs builds it beside the tag bundle): only the matcher and the tagger, none of
 * the command line, the article schema or the other commands, so a thread starts up sooner. V8's
 * smaller inlining budget is not set again here: the flag is process-wide, and tag-early.ts set it in
 * the main thread before any tagging thread started.
 */
runTagWorker();

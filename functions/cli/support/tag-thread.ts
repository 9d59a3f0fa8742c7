import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Tagger } from '../../core/tagger';
import { type CacheLookup, type CheckedArticle, loadTagger, type MatcherSource, tagChecked } from './tag-matcher';

/**
 * A tagging thread's side of TagPool (tag-pool.ts). The thread is started before its work is known (so
 * it can start up while the main thread still reads its arguments and the watchlist): its setup comes
 * as the one message on its own port, then batches come on parentPort.
 */
export interface WorkerSetup {
  source: MatcherSource;
  /** Only one worker writes the cache entry on a miss. */
  writesCache: boolean;
  /** The matcher cache as the main thread looked it up while this thread started up (none: no cache). */
  lookup?: CacheLookup;
}

/** What a tagging thread is given at its start (workerData): the port its setup comes on. */
export interface WorkerStart {
  newswatchTagWorker: { setup: MessagePort };
}

export type FromWorker = { kind: 'ready' } | { kind: 'failed'; message: string } | { kind: 'done'; seq: number; out: string };

/** The worker's side: wait for the setup, load the matcher, say so, then tag each batch posted. */
export function runTagWorker(): void {
  const { setup } = (workerData as WorkerStart).newswatchTagWorker;
  setup.once('message', (s: WorkerSetup) => {
    setup.close();
    serve(s);
  });
}

function serve(setup: WorkerSetup): void {
  const port = parentPort!;
  let tagger: Tagger;
  try {
    const { source } = setup;
    tagger = loadTagger(
      setup.writesCache ? source : { ...source, cache: source.cache && { ...source.cache, readOnly: true } },
      setup.lookup,
    );
  } catch (e) {
    port.postMessage({ kind: 'failed', message: (e as Error).message } satisfies FromWorker);
    return;
  }
  port.postMessage({ kind: 'ready' } satisfies FromWorker);
  port.on('message', ({ seq, articles }: { seq: number; articles: CheckedArticle[] }) => {
    port.postMessage({ kind: 'done', seq, out: tagChecked(tagger, articles) } satisfies FromWorker);
  });
}

import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { WorkerStart } from './tag-thread';
import { TAG_WORKER_YOUNG_GENERATION_MB } from './young-generation';

// Imports nothing but node's worker_threads and node:v8 (and types): tag-early.ts runs this before the rest
// of the tag bundle's modules (zod, the tagger, the command line) are evaluated.

/** A tagging thread that is starting up and waits for its setup (see spawnTagWorker). */
export interface StartingWorker {
  worker: Worker;
  setup: MessagePort;
}

/**
 * Starts a tagging thread running `entry` (a module that calls runTagWorker, tag-thread.ts) before its
 * work is known: it starts up (node's worker bootstrap, its bundle) while the caller goes on, then
 * waits for TagPool.start to send its setup. It keeps the process alive only once a pool takes it.
 */
export function spawnTagWorker(entry: URL): StartingWorker {
  const { port1, port2 } = new MessageChannel();
  const start: WorkerStart = { newswatchTagWorker: { setup: port2 } };
  const worker = new Worker(entry, {
    workerData: start,
    transferList: [port2],
    // A small young generation, as on the main thread when it tags alone (young-generation.ts).
    resourceLimits: { maxYoungGenerationSizeMb: TAG_WORKER_YOUNG_GENERATION_MB },
  });
  worker.unref();
  return { worker, setup: port1 };
}

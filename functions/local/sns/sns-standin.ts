/**
 * The SNS/SQS stand-in: fauxqs, in-process, on 127.0.0.1 only. We build its app ourselves (rather than
 * `startFauxqs`, which binds 0.0.0.0) with stores we hold, and take over Publish/PublishBatch on standard
 * topics so subscribers get what AWS would send them (sns-fanout.ts). Also the failure-injection switch,
 * and a receive whose caller hung up gives its messages back at once (abandoned-receives.ts).
 */
import { type ReceiveCounters, returnAbandonedReceives } from './abandoned-receives';
import { createFauxqsStores } from './fauxqs-stores';
import { actionOf, type HookRequest } from './hook-request';
import { SAVE_BEFORE_ANSWER, StandinState } from './standin-state';
import { listenError, MissingDependency } from '../startup-errors';
import { wholeNumberSetting } from '../../core/text/decimal-integer';
import { deliverPublish, preparePublish, publish, publishBatch, SnsClientError, snsError, snsResponse } from './sns-fanout';
import type { InProcessPublish } from './sns-fast-path';

export interface SnsFaults {
  /** Every Publish/PublishBatch fails with a 500 InternalError until this epoch millisecond. */
  rejectPublishesUntil: number;
  /** How many Publish/PublishBatch calls the switch above has refused (so a test can prove it fired). */
  rejectedPublishes: number;
  /**
   * Fault hook for crash tests: SIGKILL this whole process when the Nth Publish arrives (0 = never),
   * i.e. after the dispatcher claimed the alert and before SNS took it. Set by
   * NEWSWATCH_FAULT_KILL_ON_PUBLISH=N for `newswatch serve`; nothing else uses it.
   */
  killOnPublish: number;
}

export interface SnsStandin {
  endpoint: string;
  port: number;
  faults: SnsFaults;
  /** Receives whose caller had hung up, and the messages they gave back (abandoned-receives.ts). */
  receives: ReceiveCounters;
  /** A Publish from this process's own SNS clients, without HTTP (sns-fast-path.ts). */
  publish: InProcessPublish;
  stop(): Promise<void>;
}

type Form = Record<string, string>;
/** The slice of Fastify's reply the hooks use. */
interface HookReply {
  code(status: number): HookReply;
  header(name: string, value: string): HookReply;
  send(payload: string): HookReply;
}

export async function startSnsStandin(options: { port: number; region: string; stateFile?: string }): Promise<SnsStandin> {
  // Imported on demand so that a missing install is one clear line, not a stack trace.
  const { buildApp } = await import('fauxqs').catch(() => {
    throw new MissingDependency('fauxqs');
  });
  const stores = await createFauxqsStores();
  const app = buildApp({ logger: false, defaultRegion: options.region, stores: stores as never });
  const faults: SnsFaults = {
    rejectPublishesUntil: 0,
    rejectedPublishes: 0,
    killOnPublish: wholeNumberSetting('NEWSWATCH_FAULT_KILL_ON_PUBLISH', process.env.NEWSWATCH_FAULT_KILL_ON_PUBLISH, 0, 0, 1_000_000),
  };
  let publishes = 0;
  /** Every Publish/PublishBatch that arrives, over HTTP or in-process, counts towards the crash-test hook. */
  const arrived = () => {
    if (faults.killOnPublish > 0 && ++publishes === faults.killOnPublish) process.kill(process.pid, 'SIGKILL');
  };
  // Before the state-saving hook below, so a save in the same turn already has the messages given back.
  const receives = returnAbandonedReceives(app, stores);
  const state = options.stateFile ? new StandinState(options.stateFile, stores) : undefined;
  // Saved before the answer for what a caller relies on (so a crash cannot lose it), a moment later otherwise.
  app.addHook('onSend', async (request: HookRequest, _reply: unknown, payload: unknown) => {
    if (!state || request.method !== 'POST') return payload;
    const action = actionOf(request);
    if (action && SAVE_BEFORE_ANSWER.has(action)) await state.saveThisTurn();
    else state.saveSoon();
    return payload;
  });

  // AWS refuses an SQS subscription whose queue is not there; fauxqs would accept it and drop every message.
  app.addHook('preHandler', async (request: HookRequest, reply: HookReply) => {
    const form = request.body as Form | undefined;
    if (request.method !== 'POST' || form?.Action !== 'Subscribe' || form.Protocol !== 'sqs') return;
    if (stores.sqsStore.getQueueByArn(form.Endpoint ?? '')) return;
    return reply
      .code(400)
      .header('content-type', 'text/xml')
      .send(snsError('InvalidParameter', 'Invalid parameter: Endpoint (no such queue)', 'Sender'));
  });

  app.addHook('preHandler', async (request: HookRequest, reply: HookReply) => {
    const form = request.body as Form | undefined;
    const action = form?.Action;
    if (request.method !== 'POST' || (action !== 'Publish' && action !== 'PublishBatch')) return;
    arrived();
    if (Date.now() < faults.rejectPublishesUntil) {
      faults.rejectedPublishes += 1;
      return reply
        .code(500)
        .header('content-type', 'text/xml')
        .send(snsError('InternalError', 'Injected failure', 'Receiver'));
    }
    const topic = stores.snsStore.getTopic(form!.TopicArn ?? '');
    // Unknown topics (fauxqs answers NotFound) and FIFO topics (dedup rules) stay with fauxqs.
    if (!topic || topic.attributes.FifoTopic === 'true') return;
    try {
      const result = action === 'Publish' ? publish(stores, topic, form!) : publishBatch(stores, topic, form!);
      return reply.header('content-type', 'text/xml').send(snsResponse(action, result));
    } catch (err) {
      if (!(err instanceof SnsClientError)) throw err;
      return reply
        .code(400)
        .header('content-type', 'text/xml')
        .send(snsError(err.code, err.message, 'Sender'));
    }
  });

  try {
    await app.listen({ port: options.port, host: '127.0.0.1' });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw listenError(err, 'SNS/SQS stand-in', options.port, 'NEWSWATCH_SNS_PORT');
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // The runtime checked the file before anything started (data-folder.ts); this read cannot fail on it.
    state?.load(options.region, endpoint);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  /**
   * The same handling as the hooks above give a Publish over HTTP, saved before the answer as the
   * onSend hook does; whatever would be refused (or is fauxqs's: unknown and FIFO topics) is left to
   * HTTP untouched (undefined), which counts and refuses it there.
   */
  const publishInProcess: InProcessPublish = async (topicArn, form) => {
    if (Date.now() < faults.rejectPublishesUntil) return undefined;
    const topic = stores.snsStore.getTopic(topicArn);
    if (!topic || topic.attributes.FifoTopic === 'true') return undefined;
    let prepared: ReturnType<typeof preparePublish>;
    try {
      prepared = preparePublish(form);
    } catch (err) {
      if (err instanceof SnsClientError) return undefined;
      throw err;
    }
    arrived();
    const messageId = deliverPublish(stores, topic, prepared);
    await state?.saveThisTurn();
    return messageId;
  };
  return {
    endpoint,
    port,
    faults,
    receives,
    publish: publishInProcess,
    stop: async () => {
      state?.close();
      await app.close();
    },
  };
}

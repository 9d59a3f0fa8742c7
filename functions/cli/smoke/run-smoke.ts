import { parseAlertMessage } from '../alerts/alert-message';
import { AlertListAnswer, IngestAnswer, SubscriptionCreatedAnswer, WatchlistAnswer, WatchlistPersonAnswer } from '../../core/api-answers';
import { answerShape, ApiError, type ApiClient, type RequestOptions } from '../support/http-client';
import { alertCauses, apiCauses, type AlertEvidence } from './causes';
import type { SmokeReport, StepResult } from './report';
import { matchProblem, testArticle, type SmokeIdentity } from './test-article';

/**
 * The smoke test: add a made-up person, subscribe a queue of its own to that person only, post a test
 * article naming them, wait for the alert, and clean up — timing each step and naming the likely
 * cause of a failure. Independent of SQS and HTTP themselves (tests drive it with fakes).
 */
export interface SmokeQueue {
  url: string;
  arn: string;
}

export interface QueuePort {
  create(name: string): Promise<SmokeQueue>;
  /** Waits up to `waitSeconds` for messages; returns their bodies. */
  receive(queue: SmokeQueue, waitSeconds: number): Promise<string[]>;
  remove(queue: SmokeQueue): Promise<void>;
  /** Likely causes when creating or reading the queue fails. */
  causes(error: unknown): string[];
}

export interface SmokeDeps {
  api: ApiClient;
  queues: QueuePort;
  identity: SmokeIdentity;
  target: string;
  /** The whole run, cleanup excepted, must end within this. */
  timeoutMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Pause between attempts while the server's watchlist cache catches up. */
  retryEveryMs?: number;
  /** Told of each step as it ends, so a long run shows its progress. */
  onStep?: (step: StepResult) => void;
}

const DEFAULT_RETRY_MS = 2_000;
/** The cleanup's own time, after the run's: it still runs when the run is out of time. */
const CLEANUP_MS = 15_000;
/** The time to ask the server how far the article got, once the alert's wait (the run's time) is over. */
const EVIDENCE_MS = 10_000;
const MAX_POLL_SECONDS = 5;

/** A failed step: its causes are already named. */
class StepFailed extends Error {
  constructor(
    message: string,
    readonly causes: string[],
    /** Leftovers to remove by hand (cleanup), instead of causes. */
    readonly todo: string[] = [],
  ) {
    super(message);
  }
}

interface Created {
  person?: string;
  queue?: SmokeQueue;
  subscriptionId?: string;
  articles: number;
}

export async function runSmoke(deps: SmokeDeps): Promise<SmokeReport> {
  const now = deps.now ?? Date.now;
  const start = now();
  const deadline = start + deps.timeoutMs;
  const report: SmokeReport = { target: deps.target, steps: [], measures: {}, totalMs: 0 };
  const created: Created = { articles: 0 };
  const step = stepRunner(report, now, deps.onStep);
  const ctx = {
    ...deps,
    api: within(deps.api, deadline),
    openApi: deps.api,
    now,
    deadline,
    sleep: deps.sleep ?? delay,
    retryEveryMs: deps.retryEveryMs ?? DEFAULT_RETRY_MS,
  };

  const watchlist = await step('API reachable, key accepted', async () => {
    const answer = await ctx.api.request('GET', '/watchlist', undefined, { expect: answerShape(WatchlistAnswer) }).catch(failWith('Api'));
    return { value: answer.body };
  });
  const ok =
    watchlist.ok &&
    (await step('made-up person added to watchlist', () => addPerson(ctx, watchlist.value, created))).ok &&
    (await step('own queue created', () => createQueue(ctx, created))).ok &&
    (await step('queue subscribed to that person only', () => subscribe(ctx, created))).ok;
  if (ok) {
    const ingest = await step('test article posted and tagged', () => postArticle(ctx, report, created));
    if (ingest.ok) await step('alert received', () => awaitAlert(ctx, created.queue!, ingest.value, report));
  }
  await step('cleanup', () => cleanUp({ ...ctx, api: within(deps.api, Math.max(now(), deadline) + CLEANUP_MS) }, created));
  report.totalMs = now() - start;
  return report;
}

/** `api` ends by the run's deadline; `openApi` is the client itself, for the work given time of its own after it. */
type Ctx = Required<Omit<SmokeDeps, 'timeoutMs' | 'target' | 'onStep'>> & { deadline: number; openApi: ApiClient };

/** The API with every request over by `deadline` (epoch ms by the API client's clock), retries included. */
function within(api: ApiClient, deadline: number): ApiClient {
  return {
    baseUrl: api.baseUrl,
    request: <T>(method: string, path: string, body?: unknown, options?: RequestOptions<T>) =>
      api.request<T>(method, path, body, { ...options, deadline }),
  };
}

type StepBody<T> = () => Promise<{ value: T; detail?: string }>;

function stepRunner(report: SmokeReport, now: () => number, onStep: SmokeDeps['onStep']) {
  const done = (step: StepResult) => {
    report.steps.push(step);
    onStep?.(step);
  };
  return async <T>(name: string, body: StepBody<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
    const began = now();
    try {
      const { value, detail } = await body();
      done(result(name, true, now() - began, detail));
      return { ok: true, value };
    } catch (error) {
      const causes = error instanceof StepFailed ? error.causes : apiCauses(error, 'Api');
      const todo = error instanceof StepFailed ? error.todo : [];
      done({ ...result(name, false, now() - began, (error as Error).message), causes, ...(todo.length && { todo }) });
      return { ok: false };
    }
  };
}

function result(name: string, ok: boolean, ms: number, detail: string | undefined): StepResult {
  return { name, ok, ms, ...(detail && { detail }) };
}

/** Rethrows an API failure as a StepFailed naming the causes for that function. */
function failWith(functionName: string) {
  return (error: unknown): never => {
    throw new StepFailed(error instanceof Error ? error.message : String(error), apiCauses(error, functionName));
  };
}

async function addPerson(ctx: Ctx, serverWatchlist: unknown, created: Created) {
  const { person } = ctx.identity;
  const problem = matchProblem(serverWatchlist, ctx.identity);
  if (problem) throw new StepFailed(`${problem}; nothing was posted`, ['run it again: the made-up name is drawn anew each run']);
  await ctx.api
    .request('PUT', `/watchlist/people/${person.id}`, { name: person.name }, { expect: answerShape(WatchlistPersonAnswer) })
    .catch(failWith('Api'));
  created.person = person.id;
  return { value: undefined, detail: `${person.id} "${person.name}"` };
}

async function createQueue(ctx: Ctx, created: Created) {
  try {
    created.queue = await ctx.queues.create(ctx.identity.queueName);
  } catch (error) {
    throw new StepFailed(`cannot create queue ${ctx.identity.queueName}: ${(error as Error).message}`, ctx.queues.causes(error));
  }
  return { value: undefined, detail: created.queue.arn };
}

const isUnknownId = (error: unknown) => error instanceof ApiError && error.code === 'unknown_watchlist_id';

/** Subscribes the queue; until the API's watchlist cache knows the new person, it answers 400 unknown id: retry. */
async function subscribe(ctx: Ctx, created: Created) {
  const request = { protocol: 'sqs', endpoint: created.queue!.arn, people: [ctx.identity.person.id] };
  for (let attempt = 1; ; attempt++) {
    try {
      const { body } = await ctx.api.request('POST', '/subscriptions', request, { expect: answerShape(SubscriptionCreatedAnswer) });
      created.subscriptionId = body.id;
      if (body.status !== 'confirmed') {
        throw new StepFailed(`subscription ${body.id} is ${body.status}`, [
          "SNS waits for confirmation: the queue is in another AWS account than the alerts topic (run smoke with the stack account's credentials)",
        ]);
      }
      return { value: undefined, detail: `${body.id}${attempt > 1 ? ` (after ${attempt} tries: watchlist cache)` : ''}` };
    } catch (error) {
      if (!isUnknownId(error) || ctx.now() + ctx.retryEveryMs > ctx.deadline) {
        if (isUnknownId(error)) {
          throw new StepFailed((error as Error).message, [
            'the api function still did not know the new person: its watchlist cache outlived the time limit (--timeout)',
          ]);
        }
        if (error instanceof StepFailed) throw error;
        failWith('Api')(error);
      }
      await ctx.sleep(ctx.retryEveryMs);
    }
  }
}

interface Ingested {
  articleId: string;
  at: number;
}

/** Posts the test article; an answer without the new person means ingest's watchlist cache is stale: retry with a new id. */
async function postArticle(ctx: Ctx, report: SmokeReport, created: Created) {
  const personId = ctx.identity.person.id;
  for (let attempt = 1; ; attempt++) {
    const article = testArticle(ctx.identity, attempt);
    const sent = ctx.now();
    const { status, body } = await ctx.api
      .request('POST', '/articles', article, { expect: answerShape(IngestAnswer) })
      .catch(failWith('Ingest'));
    const at = ctx.now();
    created.articles++;
    report.measures['ingest status'] = `${status} in ${Math.round(at - sent)} ms`;
    const others = [...body.people.filter((p) => p !== personId), ...body.topics];
    if (others.length > 0) {
      throw new StepFailed(`the test article was also tagged ${others.join(', ')}`, [
        'the server tags differently from this CLI (another version): its alert may have reached followers of those ids',
      ]);
    }
    if (body.people.includes(personId)) {
      const retries = attempt > 1 ? `, after ${attempt} tries (watchlist cache)` : '';
      return { value: { articleId: body.id, at } satisfies Ingested, detail: `${status}, ${body.id} tagged ${personId}${retries}` };
    }
    if (ctx.now() + ctx.retryEveryMs > ctx.deadline) {
      throw new StepFailed(`article ${body.id} was not tagged ${personId}`, [
        'the ingest function still did not know the new person: its watchlist cache outlived the time limit (--timeout)',
      ]);
    }
    await ctx.sleep(ctx.retryEveryMs);
  }
}

/** True when the message is the alert for `articleId`; notes an SNS subscription confirmation. */
function isAlertFor(body: string, articleId: string, seen: { confirmation: boolean }): boolean {
  if (/"Type"\s*:\s*"SubscriptionConfirmation"/.test(body)) seen.confirmation = true;
  const { payload } = parseAlertMessage(body);
  return typeof payload === 'object' && payload !== null && (payload as { articleId?: unknown }).articleId === articleId;
}

async function awaitAlert(ctx: Ctx, queue: SmokeQueue, ingested: Ingested, report: SmokeReport) {
  const seen = { confirmation: false };
  while (ctx.now() < ctx.deadline) {
    const waitSeconds = Math.max(1, Math.min(MAX_POLL_SECONDS, Math.ceil((ctx.deadline - ctx.now()) / 1_000)));
    let bodies: string[];
    try {
      bodies = await ctx.queues.receive(queue, waitSeconds);
    } catch (error) {
      throw new StepFailed(`cannot read the queue: ${(error as Error).message}`, ctx.queues.causes(error));
    }
    if (bodies.some((b) => isAlertFor(b, ingested.articleId, seen))) {
      const latency = Math.round(ctx.now() - ingested.at);
      report.measures['ingest-to-alert latency'] = `${latency} ms`;
      return { value: undefined, detail: `alert for ${ingested.articleId}` };
    }
  }
  // The wait used the run's time up: the questions get time of their own (else both fail at once, and the
  // report would say the article was never stored).
  const evidence = await gatherEvidence({ ...ctx, api: within(ctx.openApi, ctx.now() + EVIDENCE_MS) }, ingested, seen.confirmation);
  throw new StepFailed(`no alert for ${ingested.articleId} within the time limit`, alertCauses(evidence));
}

/** Asks the server how far the article got: stored? alert published (GET /alerts with test alerts, where the server has it)? */
async function gatherEvidence(ctx: Ctx, ingested: Ingested, confirmationSeen: boolean): Promise<AlertEvidence> {
  const stored = await ctx.api
    .request('GET', `/articles/${encodeURIComponent(ingested.articleId)}`)
    .then(() => true)
    .catch(() => false);
  const since = new Date(ingested.at - 60_000).toISOString();
  const published = await ctx.api
    .request('GET', `/alerts?since=${encodeURIComponent(since)}&person=${ctx.identity.person.id}&test=true`, undefined, {
      expect: answerShape(AlertListAnswer),
    })
    .then(({ body }) => body.items.some((a) => a.articleIds.includes(ingested.articleId)))
    .catch(() => undefined);
  return { stored, confirmationSeen, ...(published !== undefined && { published }) };
}

/** Removes what the run created, each on its own; says what is left and how to remove it. */
async function cleanUp(ctx: Ctx, created: Created) {
  const left: string[] = [];
  const removed: string[] = [];
  const attempt = async (what: string, howToRemove: string, action: () => Promise<unknown>) => {
    try {
      await action();
      removed.push(what);
    } catch (error) {
      left.push(`${what} is left (${(error as Error).message}): ${howToRemove}`);
    }
  };
  const { subscriptionId, queue, person } = created;
  if (subscriptionId) {
    await attempt('subscription', `npx newswatch unsubscribe ${subscriptionId}`, () =>
      ctx.api.request('DELETE', `/subscriptions/${subscriptionId}`),
    );
  }
  if (queue) await attempt('queue', `aws sqs delete-queue --queue-url ${queue.url}`, () => ctx.queues.remove(queue));
  if (person) {
    await attempt('watchlist entry', `npx newswatch watchlist remove-person ${person}`, () =>
      ctx.api.request('DELETE', `/watchlist/people/${person}`),
    );
  }
  if (left.length > 0) throw new StepFailed(`removed: ${removed.join(', ') || 'nothing'}`, [], left);
  const what = removed.length ? `${removed.join(', ')} removed` : 'nothing to remove';
  const articles = created.articles
    ? `; the test article${created.articles > 1 ? 's' : ''} (never listed) expire${created.articles > 1 ? '' : 's'} within a day`
    : '';
  return { value: undefined, detail: `${what}${articles}` };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

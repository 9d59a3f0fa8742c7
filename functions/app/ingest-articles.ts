import * as z from '../core/zod';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { alertDueItems } from '../adapters/alert-due';
import {
  clearItemsOwed,
  clearStoryOwed,
  getArticle,
  getArticleAndOwed,
  markItemsOwed,
  markStoryOwed,
  putArticleIfAbsent,
  tagIndexItems,
} from '../adapters/article-repository';
import { putEachIfAbsent, settleWritten } from '../adapters/batch';
import { storyKeyItems, storyMemberItem, writeItems } from '../adapters/story-repository';
import { matchItems } from '../adapters/digest-index';
import type { Table } from '../adapters/table';
import type { IngestAnswer } from '../core/api-answers';
import { MAX_ITEM_JSON_BYTES } from '../adapters/table-design';
import { ArticleInput } from '../core/article';
import { ArticleTooLarge, DomainError, StoryNotCounted, validationFailed } from '../core/errors';
import { articleId, normaliseArticle, type NormalisedArticle } from '../core/normalise';
import { storyFeatures } from '../core/stories/features';
import { newStoryId, storyArticleOf } from '../core/stories/membership';
import type { StoredArticle } from '../core/stored-article';
import { clusterArticle, saveOwedStory, saveStory } from './stories/story-filing';
import { StoryWriteFailed } from './stories/story-writer';
import { mapLimit } from './map-limit';
import type { CurrentTagger } from './tagging';
import { jsonBytes } from '../core/json-bytes';

export const MAX_BATCH = 100;
const BATCH_CONCURRENCY = 8;

export interface IngestDeps {
  table: Table;
  currentTagger: () => Promise<CurrentTagger>;
  retentionDays: number;
  metrics: Metrics;
  now?: () => Date;
  /** False only to measure what clustering costs: each article is then a story of its own (default true). */
  clusterStories?: boolean;
}

/** What ingesting one article came to: the answer to `POST /articles` with that article. */
export type IngestOutcome = IngestAnswer;

export const BatchEnvelope = z.strictObject({
  articles: z
    .array(z.unknown())
    .check(z.minLength(1, 'must hold at least one article'), z.maxLength(MAX_BATCH, `at most ${MAX_BATCH} articles per request`)),
});

export function isBatch(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && 'articles' in body;
}

async function tagged(deps: IngestDeps, base: NormalisedArticle): Promise<StoredArticle> {
  const { tagger, personNames } = await deps.currentTagger();
  const tags = tagger.tag({ ...(base.title !== undefined && { title: base.title }), body: base.body });
  const people = tags.people.map((p) => p.id);
  return {
    ...base,
    matched: people.length + tags.topics.length > 0,
    people,
    topics: tags.topics.map((t) => t.id),
    personNames: Object.fromEntries(people.map((id) => [id, personNames.get(id) ?? id])),
    tags,
  };
}

/**
 * The items that describe the article, with its fields and expiry: its tag index entries and, clustered,
 * its story member entry. Each is written only where absent (putEachIfAbsent), so a re-send — identical,
 * under another title or source, days later — leaves the stored article's as they are: the expiry of
 * each stays the article's, and the story's article list shows the article as stored.
 */
function describingItems(article: StoredArticle, clustered: boolean): Record<string, unknown>[] {
  const member =
    clustered && article.storyId !== undefined ? [storyMemberItem(article.storyId, storyArticleOf(article), article.expiresAt)] : [];
  return [...tagIndexItems(article), ...member];
}

/**
 * Stores one valid article: write first, read only on conflict. The tag index and the story filing
 * (member entry, new index keys) go first and the article's conditional put last, so a crash in
 * between leaves only entries that point at nothing (queries skip them) and the re-send completes the
 * write; the article is never stored without its index. The conditional put is the duplicate check:
 * the article INSERT (which triggers the alert) happens exactly once, and only then is the article
 * counted into its story; only a re-send that loses it reads the stored article, to answer `duplicate`
 * with the stored tags and story (docs/architecture.md, failure handling). The items that describe
 * the article are written only where absent (describingItems): a re-send changes none of them.
 * Clustering decides in one synchronous step after its reads, so concurrent articles in one process
 * see each other's decisions without a lock (docs/stories.md).
 */
export async function ingestArticle(deps: IngestDeps, input: ArticleInput): Promise<IngestOutcome> {
  const base = normaliseArticle(input, (deps.now ?? (() => new Date()))(), deps.retentionDays);
  const candidate = await tagged(deps, base);
  if (jsonBytes(candidate) > MAX_ITEM_JSON_BYTES) {
    // The id is the client's own text: the error names the field to shorten, never repeats the input.
    const message = `The article is too large to store with its tags (over ${MAX_ITEM_JSON_BYTES} bytes as JSON)`;
    throw new ArticleTooLarge(message, [
      { path: 'body', message: `shorten it: with its tags the article passes ${MAX_ITEM_JSON_BYTES} bytes` },
    ]);
  }
  if (candidate.test) return ingestTestArticle(deps, candidate);
  if (deps.clusterStories === false) return ingestUnclustered(deps, candidate);
  const features = storyFeatures(candidate);
  const assignment = await clusterArticle(deps.table, candidate, features);
  const article: StoredArticle = { ...candidate, storyId: assignment.storyId };
  // The owed-alert item goes first too: a re-send of an article whose alert never left makes it due again.
  const [present] = await Promise.all([
    putEachIfAbsent(deps.table, describingItems(article, true)),
    assignment.fileWith(() =>
      writeItems(deps.table, [...storyKeyItems(assignment.filed), ...alertDueItems(article), ...matchItems(article)]),
    ),
  ]);
  if (await putArticleIfAbsent(deps.table, article)) {
    // Side by side: a failed takeover of leftovers never keeps the stored article out of its story.
    const [takenOver, counted] = await Promise.allSettled([
      ownLeftovers(deps, article, present),
      countStored(deps, () => saveStory(deps.table, assignment, article), article.id),
    ]);
    if (counted.status === 'rejected') throw counted.reason;
    if (takenOver.status === 'rejected') throw takenOver.reason;
    deps.metrics.addMetric('ArticlesIngested', MetricUnit.Count, 1);
    deps.metrics.addMetric('Mentions', MetricUnit.Count, article.people.length + article.topics.length);
    return { id: article.id, duplicate: false, people: article.people, topics: article.topics, storyId: article.storyId };
  }
  // Already stored (a re-send, or a concurrent post of the same article): the stored one is the
  // article of record. It can be gone only if it expired (TTL) in between; then ours describes it.
  const found = await getArticleAndOwed(deps.table, article.id);
  const stored = found?.article ?? article;
  await settleResend(deps, article, stored, true, present);
  if (found?.itemsOwed) await completeOwedItems(deps, stored, true);
  const { storyId } = stored;
  const owed = found?.storyOwed;
  if (owed !== undefined && storyId !== undefined) {
    // The first attempt stored the article but failed to count it into its story: this re-send does.
    await countStored(deps, () => saveOwedStory(deps.table, { ...stored, storyId }, owed), stored.id);
    await clearStoryOwed(deps.table, stored.id);
  }
  return duplicate(deps, stored);
}

/**
 * The article is stored by this attempt, and some of its items were already there: left by an attempt
 * that was never stored (it died before the article's put, or lost to this one), or by an earlier copy
 * whose article has expired and been deleted while they wait for their own deletion. They are this
 * article's now, with its fields and expiry. Written only in those cases: the common new article finds none.
 */
async function ownLeftovers(deps: IngestDeps, article: StoredArticle, present: readonly Record<string, unknown>[]): Promise<void> {
  try {
    await writeItems(deps.table, present);
  } catch (error) {
    // Best effort, as markStoryOwed: the client's re-send (told to by the error) completes them (completeOwedItems).
    await markItemsOwed(deps.table, article.id).catch(() => undefined);
    throw error;
  }
}

/** A re-send of an article whose storing attempt failed to own its leftovers (marked itemsOwed): present, they were left alone. */
async function completeOwedItems(deps: IngestDeps, stored: StoredArticle, clustered: boolean): Promise<void> {
  await writeItems(deps.table, describingItems(stored, clustered));
  await clearItemsOwed(deps.table, stored.id);
}

/**
 * A re-send that lost the conditional put to `stored`, in one request stream: the items it wrote that
 * the stored article does not have are deleted — index entries under a tag or publishedAt it does not
 * carry (the watchlist changed between the posts, or an article without `publishedAt` got its own
 * ingest time), a member entry in a story it chose and the stored article is not in, its digest entry
 * (keyed by its own ingest time, it would bring the story into a later digest again) — and an item the
 * stored article has that this attempt had to create (it was missing) is written as the stored article
 * has it. An identical re-send, or one under another title or source, writes nothing here.
 */
async function settleResend(
  deps: IngestDeps,
  sent: StoredArticle,
  stored: StoredArticle,
  clustered: boolean,
  present: readonly Record<string, unknown>[],
): Promise<void> {
  const written = [...describingItems(sent, clustered), ...matchItems(sent)];
  await settleWritten(deps.table, written, [...describingItems(stored, clustered), ...matchItems(stored)], present);
}

/**
 * An article from another source than POST /articles (a feed item): checked against the very schema
 * POST /articles validates with, then ingested. One the schema refuses is a ValidationFailed (400),
 * which a poll counts as rejected (app/feeds/poll-feed.ts).
 */
export function ingestUnchecked(deps: IngestDeps, input: unknown): Promise<IngestOutcome> {
  const parsed = ArticleInput.safeParse(input);
  if (!parsed.success) return Promise.reject(validationFailed(parsed.error));
  return ingestArticle(deps, parsed.data);
}

/**
 * Runs the story write of a stored article. When it fails, the article is marked as owing its count
 * (with the failed write's mark, so the re-send can tell whether it landed after all) and the answer
 * is a 503: the article is stored and alerted, and the client's re-send finishes the story.
 */
async function countStored(deps: IngestDeps, write: () => Promise<void>, articleId: string): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof StoryWriteFailed)) throw error;
    deps.metrics.addMetric('StoryWritesFailed', MetricUnit.Count, 1);
    // Best effort: if this fails too, the re-send cannot know, and the story stays one article short.
    await markStoryOwed(deps.table, articleId, error.mark).catch(() => undefined);
    throw new StoryNotCounted('The article is stored, but its story could not be updated: send the article again to finish');
  }
}

/**
 * A test article (`newswatch smoke`) is a story of its own, filed nowhere: it joins no real story (its
 * count, sources and last-seen time stay as they are) and no story list shows it. Like its missing
 * tag index, this keeps it out of every default view; it is still stored, alerted and expires in a day.
 */
async function ingestTestArticle(deps: IngestDeps, candidate: StoredArticle): Promise<IngestOutcome> {
  const article: StoredArticle = { ...candidate, storyId: newStoryId(candidate.id) };
  if (await putArticleIfAbsent(deps.table, article)) {
    deps.metrics.addMetric('ArticlesIngested', MetricUnit.Count, 1);
    return { id: article.id, duplicate: false, people: article.people, topics: article.topics, storyId: article.storyId };
  }
  return duplicate(deps, (await getArticle(deps.table, article.id)) ?? article);
}

/**
 * Ingest without story clustering (the benchmark's "before" side): the same writes as a clustered
 * article — tag index, owed alert, digest entry, the conditional put — but no story lookups, filing or
 * story record; the article is a story of its own. A failed takeover of leftovers is marked
 * (`itemsOwed`) and completed by the re-send, as clustered.
 */
async function ingestUnclustered(deps: IngestDeps, candidate: StoredArticle): Promise<IngestOutcome> {
  const article: StoredArticle = { ...candidate, storyId: newStoryId(candidate.id) };
  const [present] = await Promise.all([
    putEachIfAbsent(deps.table, describingItems(article, false)),
    writeItems(deps.table, [...alertDueItems(article), ...matchItems(article)]),
  ]);
  if (await putArticleIfAbsent(deps.table, article)) {
    await ownLeftovers(deps, article, present);
    deps.metrics.addMetric('ArticlesIngested', MetricUnit.Count, 1);
    return { id: article.id, duplicate: false, people: article.people, topics: article.topics, storyId: article.storyId };
  }
  const found = await getArticleAndOwed(deps.table, article.id);
  const stored = found?.article ?? article;
  await settleResend(deps, article, stored, false, present);
  if (found?.itemsOwed) await completeOwedItems(deps, stored, false);
  return duplicate(deps, stored);
}

function duplicate(deps: IngestDeps, stored: StoredArticle): IngestOutcome {
  deps.metrics.addMetric('Duplicates', MetricUnit.Count, 1);
  return {
    id: stored.id,
    duplicate: true,
    people: stored.people,
    topics: stored.topics,
    ...(stored.storyId && { storyId: stored.storyId }),
  };
}

/** One item of a batch: what ingesting it came to, or the domain error that refused it (the handler answers each with its status). */
export type BatchItemOutcome = { index: number; outcome: IngestOutcome } | { index: number; refused: DomainError };

/**
 * Runs the calls given one id one after another, in the order they were made: items of one batch that
 * share an id then meet as a first post and its re-sends, so the first is stored and the later ones are
 * its duplicates (concurrently, the item with the fewest story reads would win, whatever its place).
 */
function oneAtATimePerId(): <T>(id: string, run: () => Promise<T>) => Promise<T> {
  const latest = new Map<string, Promise<unknown>>();
  return (id, run) => {
    const result = (latest.get(id) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => undefined);
    latest.set(id, settled);
    return result;
  };
}

/** Each item on its own: a bad item is reported by index and does not stop the good ones. */
export async function ingestBatch(deps: IngestDeps, body: unknown): Promise<BatchItemOutcome[]> {
  const { articles } = BatchEnvelope.parse(body);
  const inTurn = oneAtATimePerId();
  return mapLimit(articles, BATCH_CONCURRENCY, async (item, index): Promise<BatchItemOutcome> => {
    const parsed = ArticleInput.safeParse(item);
    if (!parsed.success) return { index, refused: validationFailed(parsed.error) };
    try {
      // The id worked out once (a hash of the text when none was given): the article carries it, so ingest does not hash again.
      const id = articleId(parsed.data);
      return { index, outcome: await inTurn(id, () => ingestArticle(deps, { ...parsed.data, id })) };
    } catch (error) {
      if (error instanceof DomainError) return { index, refused: error };
      throw error;
    }
  });
}

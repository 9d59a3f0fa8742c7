import type { ArticleInput } from '../article';
import { MAX_LANGUAGE_LENGTH, MAX_SOURCE_LENGTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '../article-limits';
import { articleId } from '../normalise';
import { sha256Hex } from '../hash';
import { cutAt } from '../text/cut';
import type { FeedItem } from './parse-feed';
import { hiddenCredentials } from '../url-credentials';

/** What a feed adds to each of its items' articles. */
export interface FeedContext {
  /** The feed's own URL: scopes the id of an item that has no link. */
  url: string;
  /** The feed's `source`, else its host. */
  source: string;
  language?: string;
  /** The poll's time (ISO-8601): an item dated later is dated this, so a mistyped year cannot head every list for years. */
  polledAt?: string;
}

/** The item's date, unless it is later than the poll: then the poll's time. */
function pastDate(publishedAt: string | undefined, polledAt: string | undefined): string | undefined {
  if (!publishedAt || !polledAt) return publishedAt;
  return Date.parse(publishedAt) > Date.parse(polledAt) ? polledAt : publishedAt;
}

const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** The article source of a feed: the one given, else the feed URL's host. */
export function feedSource(feed: { url: string; source?: string }): string {
  return feed.source ?? new URL(feed.url).hostname;
}

/**
 * One feed item as the article `POST /articles` would receive: its link is the article's `url`, so
 * the article id is the same canonical-URL hash a client posting that link gets, and a re-polled
 * item (even with a changed title) is the same article. An item without a link is identified by
 * its guid within its feed; one with neither by its text (the ingest default). An item without any
 * text has nothing to tag and gives no article. The ingest the poll calls then checks the article
 * against the very `ArticleInput` schema of `POST /articles` (app/ingest-articles.ts, ingestUnchecked):
 * one the schema refuses is a 400 there, which the poll counts as rejected.
 */
export function itemToArticle(item: FeedItem, feed: FeedContext): ArticleInput | undefined {
  // Typed as the schema's output, but not checked yet: the ingest checks it.
  const body = item.text || item.title;
  return body ? shapedArticle(item, cutAt(body, MAX_FEED_BODY_LENGTH), feed) : undefined;
}

/**
 * The longest item text made an article, in UTF-16 code units: at three bytes a character (most of
 * them), 300 KB, so with its tags the article stays under what one table item holds. A longer text (a
 * transcript, a whole page taken for full text) is cut, and its start, where news says what happened,
 * is still tagged and alerted, where the whole would be refused as too large and never seen.
 */
const MAX_FEED_BODY_LENGTH = 100_000;

/**
 * The feed-specific shaping, before the schema: what would make a good item fail it is cut or left out
 * (a feed stored before the limits, or restored, may hold a longer source), so the schema refuses only a
 * truly broken item, and no page is fetched for an item bound to be refused.
 */
function shapedArticle(item: FeedItem, body: string, feed: FeedContext): ArticleInput {
  const title = item.title?.slice(0, MAX_TITLE_LENGTH);
  // A link longer than any article url taken is left out (POST /articles would refuse it): the item is then known by its guid.
  const link = item.link && item.link.length <= MAX_URL_LENGTH ? item.link : undefined;
  return {
    ...(!link && item.guid && { id: `feed-${sha256Hex(`${feed.url}\n${item.guid}`).slice(0, 32)}` }),
    ...(title && { title }),
    body,
    // Without credentials: a relative link in a feed polled as `https://reader:secret@host/…` resolves with
    // them, and the article's url is listed to every read key and sent in alerts. The item keeps its link,
    // so its full text is still fetched with them.
    ...(link && { url: hiddenCredentials(link) }),
    source: feed.source.slice(0, MAX_SOURCE_LENGTH),
    ...(item.publishedAt && { publishedAt: pastDate(item.publishedAt, feed.polledAt) }),
    ...languageOf(item.language, feed.language),
  };
}

/** A feed that repeats an item (same link, or same guid) gives it once: the first occurrence wins. */
export function distinctItems(items: readonly FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.link ? `l:${item.link}` : item.guid ? `g:${item.guid}` : `t:${item.title ?? ''}\n${item.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Items remembered per feed, and so the most of a feed's items a poll reads (the newest: newestFirst):
 * every item read is remembered, so none still listed is forgotten and ingested again.
 */
export const MAX_SEEN = 400;

/**
 * A feed's items newest first when every one is dated (a few feeds list the oldest first, and their
 * new items come last), else in the feed's own order; items of the same time keep that order.
 */
export function newestFirst(items: readonly FeedItem[]): FeedItem[] {
  const times = items.map((item) => (item.publishedAt ? Date.parse(item.publishedAt) : Number.NaN));
  if (times.some(Number.isNaN)) return [...items];
  return items
    .map((item, i) => ({ item, time: times[i] ?? 0 }))
    .sort((a, b) => b.time - a.time)
    .map(({ item }) => item);
}
/** 12 hex digits (48 bits) of the article id: unique enough within one feed, small enough to keep 400 of. */
const SEEN_KEY_LENGTH = 12;

/** The short key a feed remembers an item by: from the id POST /articles would give its article. */
export function seenKey(article: ArticleInput): string {
  return articleId(article)
    .replace(/^feed-/, '')
    .slice(0, SEEN_KEY_LENGTH);
}

/**
 * The second key a feed remembers an item by: its guid's and title's, when it has a guid. An item is its
 * link's article, but a publisher that changes an item's link (a new slug, http to https) keeps its guid
 * and title: the item is known by either key, so it makes no second article and no second alert. The
 * title is in the key because some feeds give every item one guid (the site's address, `0`): with the
 * guid alone, each new story would be taken for the first. 'g' and 11 hex digits (44 bits), in the same
 * list as the article keys (which are hex digits only).
 */
export function guidKey(item: { guid?: string | undefined; title?: string | undefined }, feed: { url: string }): string | undefined {
  return item.guid ? `g${sha256Hex(`feed-guid\n${feed.url}\n${item.guid}\n${item.title ?? ''}`).slice(0, SEEN_KEY_LENGTH - 1)}` : undefined;
}

/** Keys remembered per feed: an article key and a guid key for each of the MAX_SEEN items read. */
const MAX_SEEN_KEYS = 2 * MAX_SEEN;

/** The keys of this poll first, then those remembered from before, at most MAX_SEEN_KEYS. */
export function rememberSeen(current: readonly string[], before: readonly string[]): string[] {
  return [...new Set([...current, ...before])].slice(0, MAX_SEEN_KEYS);
}

/**
 * The article's language: the item's own where it names one a `POST /articles` takes (a feed of several
 * languages), else the feed's; lower-cased, as feeds write `en-US` and `en-us` alike.
 */
function languageOf(...candidates: (string | undefined)[]): { language?: string } {
  const language = candidates.find((l) => l !== undefined && l.length <= MAX_LANGUAGE_LENGTH && LANGUAGE.test(l));
  return language === undefined ? {} : { language: language.toLowerCase() };
}

import { buildTaggerSnapshot, createTagger, taggerFromSnapshot, type Tagger } from '../../core/tagger';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import { isUtf8 } from 'node:buffer';
import { notUtf8, readFileAtMost, readProblem } from './input-file';
import { StoredWatchlist, WatchlistError, defaultWatchlist, parseWatchlistJson } from '../../core/watchlist';
import { decodeSnapshot, matcherKey, readMatcher, readMatcherPayload, writeMatcher, type MatcherCache } from './matcher-cache';

// All a tagging thread needs: the matcher (from the cache or built) and the output lines of checked
// articles. The article schema and the reading of the input stay in tag-batch.ts, on the main thread,
// so the tagging threads' own bundle (tag-worker.ts) does not load them.

/** A watchlist file as read: its name and bytes (decoded only when the matcher is built: a cached one is found by the bytes' hash). */
export interface WatchlistFile {
  file: string;
  bytes: Uint8Array;
}

/** Where the tag command finds its matcher: the watchlist file (none: the shipped one) and the matcher cache, if used. */
export interface MatcherSource {
  watchlist?: WatchlistFile;
  cache?: MatcherCache;
}

/** 10,000 people take ≈ 0.7 MB; a watchlist file past this is a mistake (or `/dev/zero`), not a list to tag with. */
const MAX_WATCHLIST_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Reads a watchlist file once (every tagging thread then compiles the same text, even if the file
 * changes meanwhile). Throws WatchlistError when it cannot be read, or is not UTF-8: decoded leniently,
 * a Latin-1 `é` in a name would become U+FFFD and the name would silently never match.
 */
export function readWatchlistFile(file: string): WatchlistFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileAtMost(file, MAX_WATCHLIST_FILE_BYTES);
  } catch (err) {
    throw new WatchlistError([readProblem(err)], file);
  }
  if (!isUtf8(bytes)) {
    const { line, problem } = notUtf8(bytes);
    throw new WatchlistError([`line ${line}: ${problem}`], file);
  }
  return { file, bytes };
}

/** A watchlist file's text, without a byte order mark. */
const textOf = ({ bytes }: WatchlistFile): string =>
  withoutByteOrderMark(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));

/**
 * What the main thread found in the matcher cache for a source, handed to the tagging threads so none
 * hashes the watchlist or reads the folder again: the entry's key, and its checked bytes (none: no
 * usable entry, so the matcher is built).
 */
export interface CacheLookup {
  key: string;
  payload?: Uint8Array;
}

/**
 * The tagger for a watchlist. With a cache: restored from it when it holds this watchlist version
 * (the text is then not parsed again: the same bytes passed validation when the entry was written),
 * else built, kept there, and returned. `lookup`: the cache already looked up by another thread
 * (lookUpCache; none: looked up here). Throws WatchlistError for a bad watchlist.
 */
export function loadTagger(source: MatcherSource, lookup?: CacheLookup): Tagger {
  if (!source.watchlist) return createTagger(defaultWatchlist);
  const { watchlist } = source;
  if (!source.cache) return createTagger(parseWatchlistJson(textOf(watchlist), watchlist.file, StoredWatchlist));
  const key = lookup?.key ?? matcherKey(watchlist.bytes, source.cache);
  const cached = lookup ? lookup.payload && decodeSnapshot(lookup.payload) : readMatcher(source.cache, key);
  if (cached) return taggerFromSnapshot(cached);
  const snapshot = buildTaggerSnapshot(parseWatchlistJson(textOf(watchlist), watchlist.file, StoredWatchlist));
  writeMatcher(source.cache, key, snapshot);
  return taggerFromSnapshot(snapshot);
}

/** The matcher cache entry for a source: its key and checked bytes (see loadTagger); none without a watchlist file or a cache. */
export function lookUpCache(source: MatcherSource): CacheLookup | undefined {
  if (!source.watchlist || !source.cache) return undefined;
  const key = matcherKey(source.watchlist.bytes, source.cache);
  return { key, payload: readMatcherPayload(source.cache, key) };
}

/**
 * An article as the tag command checked it: what its output line and the tagger read (the rest of its
 * fields is dropped here, so a tagging thread is sent only these).
 */
export interface CheckedArticle {
  id: string | null;
  title?: string;
  body: string;
}

/** The output line of a checked article (without its newline). */
export function lineOf(tagger: Tagger, article: CheckedArticle): string {
  const { people, topics } = tagger.tag(article);
  return JSON.stringify({ id: article.id, people, topics });
}

/** The output lines of checked articles, each ending in a newline. */
export function tagChecked(tagger: Tagger, articles: readonly CheckedArticle[]): string {
  let out = '';
  for (const article of articles) out += `${lineOf(tagger, article)}\n`;
  return out;
}

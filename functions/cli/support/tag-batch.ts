import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { LenientArticleInput } from '../../core/article';
import { quickTaggableFields } from '../../core/article-quick';
import { buildTaggerSnapshot, createTagger, taggerFromSnapshot, type Tagger } from '../../core/tagger';
import { WatchlistError, defaultWatchlist, parseWatchlistJson } from '../../core/watchlist';
import { matcherKey, readMatcher, writeMatcher, type MatcherCache } from './matcher-cache';

/** Where the tag command finds its matcher: the watchlist file's name and text (none: the shipped one) and the matcher cache, if used. */
export interface MatcherSource {
  watchlist?: { file: string; text: string };
  cache?: MatcherCache;
}

const BOM = /^\uFEFF/;

/**
 * Reads a watchlist file once (every tagging thread then compiles the same text, even if the file
 * changes meanwhile). Throws WatchlistError when it cannot be read.
 */
export function readWatchlistFile(file: string): { file: string; text: string } {
  try {
    return { file, text: readFileSync(file, 'utf8').replace(BOM, '') };
  } catch (err) {
    throw new WatchlistError([`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`], file);
  }
}

/**
 * The tagger for a watchlist. With a cache: restored from it when it holds this watchlist version
 * (the text is then not parsed again: the same bytes passed validation when the entry was written),
 * else built, kept there, and returned. Throws WatchlistError for a bad watchlist.
 */
export function loadTagger(source: MatcherSource): Tagger {
  if (!source.watchlist) return createTagger(defaultWatchlist);
  const { file, text } = source.watchlist;
  if (!source.cache) return createTagger(parseWatchlistJson(text, file));
  const key = matcherKey(text, source.cache);
  const cached = readMatcher(source.cache, key);
  if (cached) return taggerFromSnapshot(cached);
  const snapshot = buildTaggerSnapshot(parseWatchlistJson(text, file));
  writeMatcher(source.cache, key, snapshot);
  return taggerFromSnapshot(snapshot);
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => (i.path.length ? `field "${i.path.join('.')}": ${i.message}` : `article: ${i.message}`)).join('; ');
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

/** Checks one article's JSON text: the article, or an error message (without location). */
export function checkOne(json: string): { article: CheckedArticle } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  // The usual article takes a cheaper path that accepts only what the schema accepts (core/article-quick.ts).
  const quick = quickTaggableFields(data);
  if (quick) return { article: { id: quick.id ?? null, title: quick.title, body: quick.body } };
  const parsed = LenientArticleInput.safeParse(data);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { id, title, body } = parsed.data;
  return { article: { id: id ?? null, title, body } };
}

/** The output line of a checked article (without its newline). */
export function lineOf(tagger: Tagger, article: CheckedArticle): string {
  const { people, topics } = tagger.tag(article);
  return JSON.stringify({ id: article.id, people, topics });
}

/** Tags one article's JSON text: the output line, or an error message (without location). */
export function tagOne(tagger: Tagger, json: string): { line: string } | { error: string } {
  const checked = checkOne(json);
  return 'article' in checked ? { line: lineOf(tagger, checked.article) } : checked;
}

/** A run of whole JSON Lines lines of one input, numbered from `firstLine` (1 = the input's first line). */
export interface Batch {
  text: string;
  firstLine: number;
  /** The input's name in messages ("FILE" or "stdin"). */
  where: string;
}

/** The output lines of a batch (each ending in a newline), and a message for each bad line ("FILE:LINE: …"). */
export interface BatchResult {
  out: string;
  errors: string[];
}

/** A batch's good articles, in order, and a message for each bad line ("FILE:LINE: …"). */
export interface CheckedBatch {
  articles: CheckedArticle[];
  errors: string[];
}

/** Checks every line of a batch: blank lines are skipped, a byte order mark before the first line and a CR before each newline ignored. */
export function checkBatch(batch: Batch): CheckedBatch {
  const lines = batch.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const articles: CheckedArticle[] = [];
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = batch.firstLine + i;
    let text = lines[i]!;
    if (n === 1) text = text.replace(BOM, '');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (!text.trim()) continue;
    const result = checkOne(text);
    if ('article' in result) articles.push(result.article);
    else errors.push(`${batch.where}:${n}: ${result.error}`);
  }
  return { articles, errors };
}

/** The output lines of checked articles, each ending in a newline. */
export function tagChecked(tagger: Tagger, articles: readonly CheckedArticle[]): string {
  let out = '';
  for (const article of articles) out += `${lineOf(tagger, article)}\n`;
  return out;
}

/** Checks and tags every line of a batch (see checkBatch). */
export function tagBatch(tagger: Tagger, batch: Batch): BatchResult {
  const { articles, errors } = checkBatch(batch);
  return { out: tagChecked(tagger, articles), errors };
}

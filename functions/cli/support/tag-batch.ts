import { oneLine } from '../../core/text/one-line';
import type * as z from 'zod';
import { LenientArticleInput } from '../../core/article';
import { quickTaggableFields, type TaggableFields } from '../../core/article-quick';
import type { Tagger } from '../../core/tagger';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import { jsonErrorLine } from '../push/json-lines';
import { NOT_UTF8 } from './input-file';
import { type CheckedArticle, lineOf, tagChecked } from './tag-matcher';

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => (i.path.length ? `field "${i.path.join('.')}": ${i.message}` : `article: ${i.message}`)).join('; ');
}

/** What the output line and the tagger read of an article (see CheckedArticle): an absent id is null. */
const checkedArticle = ({ id, title, body }: TaggableFields): CheckedArticle => ({ id: id ?? null, title, body });

/** Checks one article's JSON text: the article, or an error message (without location). */
export function checkOne(json: string): { article: CheckedArticle } | { error: string; jsonLine?: number } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    // The line of the text where JSON.parse stopped: in a file of one article, the line to look at.
    return { error: `not valid JSON: ${oneLine((err as Error).message)}`, jsonLine: jsonErrorLine(json, err) };
  }
  // The usual article takes a cheaper path that accepts only what the schema accepts (core/article-quick.ts).
  const quick = quickTaggableFields(data);
  if (quick) return { article: checkedArticle(quick) };
  const parsed = LenientArticleInput.safeParse(data);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  return { article: checkedArticle(parsed.data) };
}

/** Tags one article's JSON text: the output line, or an error message (without location). */
export function tagOne(tagger: Tagger, json: string): { line: string } | { error: string; jsonLine?: number } {
  const checked = checkOne(json);
  return 'article' in checked ? { line: lineOf(tagger, checked.article) } : checked;
}

/** A run of whole JSON Lines lines of one input, numbered from `firstLine` (1 = the input's first line). */
export interface Batch {
  /** The lines' text, without their line feeds. */
  lines: string[];
  firstLine: number;
  /** The input's name in messages ("FILE" or "stdin"). */
  where: string;
  /** The lines (numbered as `firstLine` is) that held bytes that are not UTF-8: each a bad line. None: every line is UTF-8. */
  notUtf8?: readonly number[];
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

/**
 * Checks every line of a batch: blank lines are skipped, a byte order mark before the first line and a CR
 * before each newline ignored; a line that was not UTF-8 is a bad line, never read as its lenient decoding.
 */
export function checkBatch(batch: Batch): CheckedBatch {
  const { lines } = batch;
  const articles: CheckedArticle[] = [];
  const errors: string[] = [];
  const notUtf8 = batch.notUtf8 && new Set(batch.notUtf8);
  for (let i = 0; i < lines.length; i++) {
    const n = batch.firstLine + i;
    if (notUtf8?.has(n)) {
      errors.push(`${batch.where}:${n}: ${NOT_UTF8}`);
      continue;
    }
    let text = lines[i]!;
    if (n === 1) text = withoutByteOrderMark(text);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (!text.trim()) continue;
    const result = checkOne(text);
    if ('article' in result) articles.push(result.article);
    else errors.push(`${batch.where}:${n}: ${result.error}`);
  }
  return { articles, errors };
}

/** Checks and tags every line of a batch (see checkBatch). */
export function tagBatch(tagger: Tagger, batch: Batch): BatchResult {
  const { articles, errors } = checkBatch(batch);
  return { out: tagChecked(tagger, articles), errors };
}

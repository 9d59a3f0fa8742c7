import * as z from '../zod';
import { jsonBytes } from '../json-bytes';

export const AlertKind = z.enum(['article', 'story', 'digest']);
export type AlertKind = z.infer<typeof AlertKind>;

/** One published alert or digest, as `GET /alerts` lists it (contract: docs/api.md, What was sent). */
export const SentAlert = z.object({
  alertId: z.string(),
  kind: AlertKind,
  storyId: z.optional(z.string()),
  articleIds: z.array(z.string()),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  /** When the (latest) article it reports was ingested. */
  ingestedAt: z.string(),
  publishedAt: z.string(),
  latencyMs: z.number().check(z.int(), z.nonnegative()),
  messageId: z.string(),
  /** The alert of a test article (`newswatch smoke`): listed only when the query asks for test alerts. */
  test: z.optional(z.literal(true)),
  /** Extension: matched articles a digest's entry leaves out of `articleIds` to fit in one table item (absent when none). */
  omittedArticles: z.optional(z.number().check(z.int(), z.positive())),
});
export type SentAlert = z.infer<typeof SentAlert>;

/** The comma between two list elements. */
const SEPARATOR_BYTES = 1;

/**
 * The entry as it fits in `maxBytes` of JSON: whole when it does; else with as many of its `articleIds`
 * as fit, the last ones (a digest lists them in ingest order, so the latest are kept), and the rest
 * counted in `omittedArticles`. A bounded list plus a count rather than the ids split over several
 * items: `GET /alerts` still reads one item per alert, keeps its documented shape (`articleIds` an
 * array of the articles it reports, people and topics of all of them), and a page of digests never
 * grows with the busiest period; the stories themselves stay listed by `GET /stories`.
 */
export function fitArticleIds(sent: SentAlert, maxBytes: number): SentAlert {
  if (jsonBytes(sent) <= maxBytes) return sent;
  const ids = sent.articleIds;
  // The count is written with at most as many digits as the whole list's length: an upper bound.
  let room = maxBytes - jsonBytes({ ...sent, articleIds: [], omittedArticles: ids.length });
  let kept = 0;
  while (kept < ids.length) {
    const cost = jsonBytes(ids[ids.length - 1 - kept]) + SEPARATOR_BYTES;
    if (cost > room) break;
    room -= cost;
    kept += 1;
  }
  return { ...sent, articleIds: ids.slice(ids.length - kept), omittedArticles: ids.length - kept };
}

export function sentAlert(fields: Omit<SentAlert, 'latencyMs' | 'publishedAt'>, publishedAt: Date): SentAlert {
  return {
    ...fields,
    publishedAt: publishedAt.toISOString(),
    latencyMs: Math.max(0, publishedAt.getTime() - Date.parse(fields.ingestedAt)),
  };
}

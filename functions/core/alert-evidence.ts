// Zod-free on purpose (bundled by the alert dispatcher, like alert-text.ts).
import type { AlertEvidence } from './alert-payload';
import type { Span } from './tags';

/** How many pieces of evidence an alert shows per person or topic; the rest is only counted. */
export const MAX_EVIDENCE_PER_ID = 3;
/** Spans looked at per person or topic while looking for distinct sentences: bounds the work on very dense articles. */
const MAX_SPANS_SCANNED = 25;

export interface EvidenceSource {
  kind: AlertEvidence['kind'];
  id: string;
  spans: readonly Span[];
}

export interface EvidenceCount {
  kind: AlertEvidence['kind'];
  id: string;
  /** Every mention (person) or piece of evidence (topic) the tagger found. */
  total: number;
  /** How many of them the alert shows. */
  shown: number;
}

export type SentenceOf = (span: Span) => string;

/** How hard an alert is shortened to fit SNS's limits: each level gives up detail, never the names or the link. */
export interface ShortenLevel {
  /** Evidence shown per person or topic. */
  perId: number;
  /** Longest evidence sentence, in characters. */
  sentenceMax: number;
  /** Longest title, in characters. */
  titleMax: number;
}

/** The full alert: the first few pieces of evidence per id, sentences and title as they are. */
export const FULL_DETAIL: ShortenLevel = { perId: MAX_EVIDENCE_PER_ID, sentenceMax: 280, titleMax: 2_000 };

/**
 * The first few pieces of evidence per person and topic, each in a sentence not already shown for
 * that person or topic, and a count of all of them: an article naming someone 1,000 times gives an
 * alert as small as one naming them three times.
 */
export function selectEvidence(
  sources: readonly EvidenceSource[],
  sentenceOf: SentenceOf,
  perId: number = MAX_EVIDENCE_PER_ID,
): { evidence: AlertEvidence[]; counts: EvidenceCount[] } {
  const evidence: AlertEvidence[] = [];
  const counts: EvidenceCount[] = [];
  for (const { kind, id, spans } of sources) {
    const seen = new Set<string>();
    for (const span of spans.slice(0, MAX_SPANS_SCANNED)) {
      if (seen.size >= perId) break;
      const sentence = sentenceOf(span);
      if (seen.has(sentence)) continue;
      seen.add(sentence);
      evidence.push({ kind, id, ...span, sentence });
    }
    counts.push({ kind, id, total: spans.length, shown: seen.size });
  }
  return { evidence, counts };
}

/**
 * The score at which a topic counts as present unless its definition sets `threshold`, and so the
 * lowest `minScore` a subscription can usefully ask for. Chosen from the precision/recall table on
 * the held-out articles (docs/tagging.md, "What the score means"): 0.5 keeps every true exchange of
 * the tuning batches; 0.65 drops articles that mention a past swap only in passing.
 */
export const DEFAULT_TOPIC_MIN_SCORE = 0.5;

/**
 * The score at which a topic counts as present unless its definition sets `threshold`. A topic is
 * tagged only at or above it, so a subscription without `minScore` gets what a subscription with
 * `minScore` 0.5 gets (for topics that keep this default); no separate subscription default exists.
 * Chosen from the precision/recall table on the held-out articles (docs/tagging.md, "What the score
 * means"): 0.5 gives the best F1 on every held-out batch, the untouched one included.
 */
export const DEFAULT_TOPIC_MIN_SCORE = 0.5;

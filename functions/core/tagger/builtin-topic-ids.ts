/**
 * The built-in topics' ids, apart from their definitions (builtin-topics.ts, ≈ 26 KB): the watchlist
 * schema checks `{ id }` entries against these, so a function that parses watchlists loads the
 * definitions only with the tagger (deployed, a file of its own: lib/bundling.ts `lazyChunks`).
 */
export const PRISONER_EXCHANGE_TOPIC_ID = 'prisoner-exchange';

/** One per entry of builtinTopics(), in its order (a unit test holds them together). */
export const BUILTIN_TOPIC_IDS: readonly string[] = [PRISONER_EXCHANGE_TOPIC_ID];

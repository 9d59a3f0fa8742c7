/**
 * The elements of a watchlist phrase, as the topic matcher reads them and the watchlist schema compares
 * synonyms by: here in text/, not in the tagger, so that the schema, which every function's index.js holds,
 * does not pull the tagger out of the chunk that holds it (tests/infra/bundling.test.ts).
 */

import { type Token, tokenize } from './word-keys';

/** One element of a phrase: a word key, or a prefix (`exchang*`). */
export interface Element {
  key: string;
  prefix: boolean;
}

const tokenCache = new Map<string, Token[]>();
/** tokenize(), remembered per word: watchlists repeat given names and words thousands of times (build time). */
function cachedTokens(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    if (tokenCache.size > 100_000) tokenCache.clear();
    tokens = tokenize(text);
    tokenCache.set(text, tokens);
  }
  return tokens;
}

/** Parses a phrase into elements; `*` after a word makes it a prefix. (Plain loops: this runs for every name at build time.) */
export function elementsOf(phrase: string): Element[] {
  const elements: Element[] = [];
  for (const word of phrase.split(WHITESPACE)) {
    if (!word) continue;
    const prefix = word.endsWith('*');
    const tokens = cachedTokens(prefix ? word.slice(0, -1) : word);
    const last = tokens.length - 1;
    for (let i = 0; i <= last; i++) elements.push({ key: tokens[i]!.key, prefix: prefix && i === last });
  }
  return elements;
}
const WHITESPACE = /\s+/;

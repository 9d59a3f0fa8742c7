import type { TagResult } from '../tags';
import type { Watchlist } from '../watchlist';

/** The fields of an article the tagger reads. */
export interface Taggable {
  title?: string;
  body: string;
}

export interface Tagger {
  tag(article: Taggable): TagResult;
}

/**
 * PLACEHOLDER (replaced by the real matcher in issue #2): exact, case-sensitive name search only,
 * so that the layers above have something to call while the tagger is being built.
 */
export function createTagger(watchlist: Watchlist): Tagger {
  return {
    tag(article) {
      const people = watchlist.people
        .map((p) => {
          const mentions = (['title', 'body'] as const).flatMap((field) => {
            const text = article[field] ?? '';
            const start = text.indexOf(p.name);
            return start < 0 ? [] : [{ field, start, end: start + p.name.length, text: p.name }];
          });
          return { id: p.id, mentions };
        })
        .filter((p) => p.mentions.length > 0);
      return { people, topics: [] };
    },
  };
}

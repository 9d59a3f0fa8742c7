import type { StoredArticle } from '../../../../functions/core/stored-article';

const PERSON = 'Viktor Bout';

/**
 * A matched article as the table stores it, naming Viktor Bout where `body` has his name (its one
 * mention) and no topic; `overrides` replace whole fields.
 */
export function boutArticle(id: string, body: string, overrides: Partial<StoredArticle> = {}): StoredArticle {
  const at = body.indexOf(PERSON);
  return {
    id,
    title: 'Talks on Bout',
    body,
    url: `https://example.com/${id}`,
    publishedAt: '2026-01-01T00:00:00.000Z',
    ingestedAt: '2026-01-01T00:00:01.000Z',
    matched: true,
    people: ['viktor-bout'],
    topics: [],
    personNames: { 'viktor-bout': PERSON },
    tags: { people: [{ id: 'viktor-bout', mentions: [{ field: 'body', start: at, end: at + PERSON.length, text: PERSON }] }], topics: [] },
    ...overrides,
  };
}

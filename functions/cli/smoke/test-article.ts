import type { ArticleInput } from '../../core/article';
import { createTagger } from '../../core/tagger/index';
import { StoredWatchlist, type PersonEntry } from '../../core/watchlist';

/**
 * The made-up person and the test article of one smoke run. The person's name is built from random
 * syllables, so no real subscriber follows it; before anything is posted the article is tagged here,
 * against the server's own watchlist plus that person, and must match that person and nothing else —
 * so its alert can reach no subscription that follows a real person or topic. (Subscriptions that
 * follow everything skip it by its `test` attribute.)
 */
export interface SmokeIdentity {
  run: string;
  person: PersonEntry;
  queueName: string;
}

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const SYLLABLES_PER_WORD = 3;

function madeUpWord(random: () => number): string {
  let word = '';
  for (let i = 0; i < SYLLABLES_PER_WORD; i++) {
    word += CONSONANTS[Math.floor(random() * CONSONANTS.length)]! + VOWELS[Math.floor(random() * VOWELS.length)]!;
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

/** A run id (8 hex digits) names everything the run creates, so leftovers are easy to recognise. */
export function smokeIdentity(random: () => number = Math.random): SmokeIdentity {
  const run = Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0');
  const name = `${madeUpWord(random)} ${madeUpWord(random)}`;
  return { run, person: { id: `newswatch-smoke-${run}`, name }, queueName: `newswatch-smoke-${run}` };
}

/** The n-th test article of a run (a retry after a stale watchlist cache needs a fresh id). */
export function testArticle(identity: SmokeIdentity, attempt: number): ArticleInput & { id: string } {
  return {
    id: `newswatch-smoke-${identity.run}-${attempt}`,
    title: 'newswatch smoke test',
    body: `${identity.person.name} (newswatch smoke test ${identity.run}).`,
    source: 'newswatch smoke',
    test: true,
  };
}

/**
 * Why the test article must not be posted (it would match a real person or topic), or undefined when
 * it matches only the made-up person. An unreadable watchlist (a newer server) cannot be checked here;
 * the ingest answer is checked instead.
 */
export function matchProblem(serverWatchlist: unknown, identity: SmokeIdentity): string | undefined {
  const parsed = StoredWatchlist.safeParse(serverWatchlist);
  if (!parsed.success) return undefined;
  const others = parsed.data.people.filter((p) => p.id !== identity.person.id);
  const tagger = createTagger({ people: [...others, identity.person], topics: parsed.data.topics });
  const tags = tagger.tag(testArticle(identity, 1));
  const unexpected = [
    ...tags.people.filter((p) => p.id !== identity.person.id).map((p) => `person ${p.id}`),
    ...tags.topics.map((t) => `topic ${t.id}`),
  ];
  if (!tags.people.some((p) => p.id === identity.person.id)) unexpected.push(`not the made-up person ${identity.person.id}`);
  return unexpected.length ? `the test article would match ${unexpected.join(', ')}` : undefined;
}

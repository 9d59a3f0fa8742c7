import { describe, expect, it } from 'vitest';
import type { PersonMention } from '../../../../functions/core/stories/features';
import { addCounts, leadingKeys } from '../../../../functions/core/stories/profile';
import { joinsStoryOf } from './join-pair';

interface Article {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
}

/** The article as ingest clusters it: tagged with Viktor Bout wherever his name occurs. */
function aboutBout(article: Article) {
  const mentions: PersonMention[] = [];
  for (const field of ['title', 'body'] as const) {
    const text = article[field];
    for (const name of ['Viktor Bout', 'Bout']) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const inLonger = name === 'Bout' && text.slice(Math.max(0, at - 7), at) === 'Viktor ';
        if (!inLonger) mentions.push({ field, start: at, end: at + name.length });
      }
    }
  }
  return { ...article, people: ['viktor-bout'], topics: [], tags: { people: [{ id: 'viktor-bout', mentions }] } };
}

/** A long wire story about the exchange that recounts Bout's arrest and sentence as background. */
const exchange = aboutBout({
  id: 'x1',
  title: 'Viktor Bout flown home to Moscow in prisoner swap for American athlete',
  body: `Russia and the United States swapped prisoners on an airport runway in the Gulf on Thursday, sending Viktor Bout
home to Moscow and an American basketball player back to Texas after months of secret negotiation between the two
governments. Officials from both sides watched as the prisoners crossed the tarmac and boarded separate aircraft. The
White House said mediators from the Emirates and Saudi Arabia had helped close the deal, and the Kremlin called the swap
a humanitarian gesture. Bout's history with American justice goes back many years. Thai police seized him in a luxury
hotel in Bangkok in 2008, in a sting in which undercover agents posed as weapons buyers for Colombian guerrillas. He
fought extradition for two years before he was flown to New York, where a jury convicted him of conspiring to kill
Americans and to supply missiles to a terrorist group; a judge sentenced him to 25 years in 2012. Moscow always called
the case political. His wife and mother met him at the airport in Moscow late on Thursday, state television showed.
Critics in Congress said the swap rewarded hostage diplomacy, and relatives of other Americans held abroad asked when
their turn would come. Analysts said further talks were possible but not imminent.`,
  publishedAt: '2022-12-08T12:00:00Z',
});

const joinsExchange = (later: Parameters<typeof joinsStoryOf>[1]) => joinsStoryOf(exchange, later);

describe('a short article against a long story that recounts other events as background', () => {
  it('a short report of an event the long story only recounts starts a new story', async () => {
    const arrest = aboutBout({
      id: 'x2',
      title: 'Viktor Bout seized in Bangkok hotel',
      body: 'Thai police seized Viktor Bout in a luxury hotel in Bangkok, where undercover agents had posed as weapons buyers for Colombian guerrillas.',
      publishedAt: '2022-12-08T13:00:00Z',
    });
    expect(await joinsExchange(arrest)).toBe(false);
  });

  it('a short rewrite of the long story’s own event still joins it', async () => {
    const rewrite = aboutBout({
      id: 'x3',
      title: 'Bout returns to Moscow in swap for American basketball player',
      body: 'Russia and the United States swapped prisoners on a Gulf runway on Thursday: Viktor Bout flew home to Moscow and the American basketball player to Texas. Emirates and Saudi Arabia mediated, the White House said.',
      publishedAt: '2022-12-08T13:30:00Z',
    });
    expect(await joinsExchange(rewrite)).toBe(true);
  });
});

describe('a story’s leading stems', () => {
  it('are a one-article story’s first stems in text order: every stem counts once, ties keep the stored order', () => {
    const counts = addCounts({}, ['swap', 'prison', 'runway', 'bangko', 'hotel'], 100);
    expect(leadingKeys(counts, 3)).toEqual(['swap', 'prison', 'runway']);
  });

  it('take the stems later articles repeat before the first article’s other stems', () => {
    const first = addCounts({}, ['swap', 'prison', 'runway', 'bangko', 'hotel'], 100);
    const second = addCounts(first, ['hotel', 'bangko'], 100);
    // Listed in the map's order: the repeated two, and of the stems counted once the first.
    expect(leadingKeys(second, 3)).toEqual(['swap', 'bangko', 'hotel']);
  });
});

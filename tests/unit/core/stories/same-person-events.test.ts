import { describe, expect, it } from 'vitest';
import { type ClusterInput, type PersonMention, storyFeatures } from '../../../../functions/core/stories/features';
import { joinsStoryOf } from './join-pair';

interface Article {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
}

/** Where `name` occurs in the article's title and body, as the tagger reports a person's mentions. */
function mentionsOf(article: Article, name: string): PersonMention[] {
  const out: PersonMention[] = [];
  for (const field of ['title', 'body'] as const) {
    for (let at = article[field].indexOf(name); at >= 0; at = article[field].indexOf(name, at + 1)) {
      out.push({ field, start: at, end: at + name.length });
    }
  }
  return out;
}

/** The article as ingest clusters it: tagged with one tracked person, named as `names` say. */
function tagged(article: Article, person: string, names: readonly string[]) {
  const mentions = names.flatMap((n) => mentionsOf(article, n));
  return { ...article, people: [person], topics: [], tags: { people: [{ id: person, mentions }] } };
}

/** An article about Brittney Griner, as the tagger finds her (in full, by surname, in Cyrillic). */
const aboutGriner = (article: Article, names: readonly string[] = ['Brittney Griner', 'Griner', 'Бриттни Гринер']) =>
  tagged(article, 'brittney-griner', names);

const detained = aboutGriner({
  id: 'd1',
  title: 'Brittney Griner detained in Moscow',
  body: 'Russian customs officers detained American basketball player Brittney Griner at Sheremetyevo airport, saying vape cartridges with cannabis oil were found in her luggage. Griner faces up to ten years in prison.',
  publishedAt: '2022-03-05T09:00:00Z',
});

const joinsDetained = (later: Parameters<typeof joinsStoryOf>[1]) => joinsStoryOf(detained, later);

describe('different events about the same person, close in time', () => {
  it('counts a tracked person named in full once, as the person: the words of the name are neither names nor shared words', () => {
    const f = storyFeatures(detained);
    expect(f.people).toEqual(['brittney-griner']);
    expect(f.names).not.toContain('grnr');
    expect(f.names).not.toContain('brtn');
    expect(f.wordSet.has('griner')).toBe(false);
    expect(f.wordSet.has('britt')).toBe(false);
    // The rest of the text still counts: a place named in it is a name, a word of it a shared word.
    expect(f.names).toContain('srmtv');
    expect(f.wordSet.has('luggag')).toBe(true);
  });

  it('keeps the named person in the signature, so a copy of the article is still a copy', () => {
    const untagged: ClusterInput = { ...detained, tags: { people: [] } };
    expect(storyFeatures(detained).signature).toEqual(storyFeatures(untagged).signature);
  });

  it('a later article that only names the same person starts a new story', async () => {
    const game = aboutGriner({
      id: 'd2',
      title: 'Mercury beat Sparks as fans hold signs for Brittney Griner',
      body: 'The Phoenix Mercury beat the Los Angeles Sparks 88-80 on Saturday night; fans held up signs for Brittney Griner, the team center. Diana Taurasi scored 24 points.',
      publishedAt: '2022-03-05T15:00:00Z',
    });
    expect(await joinsDetained(game)).toBe(false);
  });

  it('a statement by the family hours after the arrest starts a new story', async () => {
    const family = aboutGriner(
      {
        id: 'd3',
        title: "Brittney Griner's wife asks the White House for help",
        body: 'Cherelle Griner, the wife of Brittney Griner, said on Saturday evening that she had not been able to speak to her and asked President Biden to intervene.',
        publishedAt: '2022-03-05T20:00:00Z',
      },
      ['Brittney Griner'],
    );
    expect(await joinsDetained(family)).toBe(false);
  });

  it("still puts another outlet's rewrite naming the same person in the story", async () => {
    const rewrite = aboutGriner({
      id: 'd4',
      title: 'US basketball star Griner held at Moscow airport',
      body: 'Brittney Griner was detained at Sheremetyevo airport after customs officers said they found cannabis oil in vape cartridges in her luggage; she could face ten years in prison.',
      publishedAt: '2022-03-05T11:30:00Z',
    });
    expect(await joinsDetained(rewrite)).toBe(true);
  });
});

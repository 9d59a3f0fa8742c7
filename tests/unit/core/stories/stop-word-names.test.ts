import { describe, expect, it } from 'vitest';
import { skeleton, storyFeatures } from '../../../../functions/core/stories/features';
import { keyOf } from '../../../../functions/core/text/word-keys';

/** An article as ingest clusters it, naming nobody the watchlist tracks. */
const untracked = (id: string, title: string, body: string, publishedAt: string) => ({
  id,
  title,
  body,
  publishedAt,
  people: [],
  topics: [],
});

describe('names whose word key is a stop word', () => {
  it('takes a capitalised word for a name when its key folds to a stop word but the word as written is none ("Beijing", "being")', () => {
    expect(keyOf('Beijing')).toBe(keyOf('being'));
    const f = storyFeatures(
      untracked(
        'b1',
        'Talks in Beijing',
        'Envoys met in Beijing on Monday. Being careful, neither side spoke of a deal.',
        '2023-04-11T08:00:00Z',
      ),
    );
    expect(f.names).toContain(skeleton(keyOf('Beijing')));
    expect(f.titleKeys.has(skeleton(keyOf('Beijing')))).toBe(true);
    // The stop word itself, capitalised at a sentence's start, is still neither a name nor a word.
    const g = storyFeatures(untracked('b2', 'Talks', 'Being careful, neither side spoke of a deal.', '2023-04-11T08:00:00Z'));
    expect(g.names).not.toContain(skeleton(keyOf('being')));
    expect(g.wordSet.has(keyOf('being'))).toBe(false);
  });
});

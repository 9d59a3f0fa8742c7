import { describe, expect, it } from 'vitest';
import { deliveryFilterPolicy, storyScoreAttributes } from '../../../functions/core/delivery-policy';
import { checkFilterPolicyLimits } from '../../../functions/core/filter-policy';

const story = (people: string[], topics: string[], minScore?: number) =>
  deliveryFilterPolicy({ id: 'sub_1', delivery: 'story', people, topics, ...(minScore !== undefined && { minScore }) });

describe('a story subscription with minScore', () => {
  it("follows a topic by the alert that takes the story's best score across its bar, raises included", () => {
    expect(story([], ['prisoner-exchange'], 0.9)).toEqual({
      kind: ['story', 'story-raise'],
      'storyBest.prisoner-exchange': [{ numeric: ['>=', 0.9] }],
      'storyBestBefore.prisoner-exchange': [{ numeric: ['<', 0.9] }],
    });
    expect(story(['viktor-bout'], ['prisoner-exchange'], 0.5)).toEqual({
      kind: ['story', 'story-raise'],
      $or: [
        { storyPeople: ['viktor-bout'] },
        { 'storyBest.prisoner-exchange': [{ numeric: ['>=', 0.5] }], 'storyBestBefore.prisoner-exchange': [{ numeric: ['<', 0.5] }] },
      ],
    });
  });

  it("keeps within SNS's five attribute keys: past them, topics are followed by the score of the article that first brought each", () => {
    const wide = story(['viktor-bout'], ['a', 'b', 'c'], 0.5);

    expect(wide).toEqual({
      kind: ['story'],
      $or: [
        { storyPeople: ['viktor-bout'] },
        { 'storyScore.a': [{ numeric: ['>=', 0.5] }] },
        { 'storyScore.b': [{ numeric: ['>=', 0.5] }] },
        { 'storyScore.c': [{ numeric: ['>=', 0.5] }] },
      ],
    });
    for (const policy of [wide, story([], ['a', 'b'], 0.5), story(['p'], ['a'], 0.5), story([], ['a', 'b', 'c', 'd'], 0.5)])
      expect(() => checkFilterPolicyLimits(policy)).not.toThrow();
  });

  it("falls back as well past SNS's 150 combinations, which count the second kind in every branch", () => {
    const people = Array.from({ length: 140 }, (_, i) => `person-${i}`);
    const wide = story(people, ['prisoner-exchange'], 0.5);

    expect(wide.kind).toEqual(['story']);
    expect(() => checkFilterPolicyLimits(wide)).not.toThrow();
    expect(() => checkFilterPolicyLimits({ kind: ['story', 'story-raise'], $or: [{ storyPeople: people }, { t: ['x'] }] })).toThrow(/282/);
  });

  it('without minScore, takes story alerts only (never one that only raised a score)', () => {
    expect(story([], ['prisoner-exchange'])).toEqual({ kind: ['story'], storyTopics: ['prisoner-exchange'] });
    expect(story([], [])).toEqual({ kind: ['story'] });
  });
});

describe("a story alert's topic scores", () => {
  it('gives gained topics the room first, and raised ones never the score that follows what a story gains', () => {
    const attributes = storyScoreAttributes({ g: 0.6 }, { a: { score: 0.9, before: 0.7 }, b: { score: 0.8, before: 0.4 } });

    expect(Object.keys(attributes).sort()).toEqual([
      'storyBest.a',
      'storyBest.g',
      'storyBestBefore.a',
      'storyBestBefore.g',
      'storyScore.g',
    ]);
    expect(attributes['storyBestBefore.g']?.StringValue).toBe('-1');
    expect(attributes['storyBestBefore.a']?.StringValue).toBe('0.7');
  });
});

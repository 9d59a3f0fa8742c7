import { describe, expect, it } from 'vitest';
import { deliveryFilterPolicy } from '../../../functions/core/delivery-policy';
import { checkFilterPolicyLimits } from '../../../functions/core/filter-policy';

const story = (people: string[], topics: string[], minScore?: number) =>
  deliveryFilterPolicy({ id: 'sub_1', delivery: 'story', people, topics, ...(minScore !== undefined && { minScore }) });

describe('a story subscription with minScore', () => {
  it("follows a topic by the alert that takes the story's best score across its bar, raises included", () => {
    expect(story([], ['prisoner-exchange'], 0.9)).toEqual({
      kind: ['story', 'story-raise'],
      'storyScore.prisoner-exchange': [{ numeric: ['>=', 0.9] }],
      'storyScoreBefore.prisoner-exchange': [{ numeric: ['<', 0.9] }],
    });
    expect(story(['viktor-bout'], ['prisoner-exchange'], 0.5)).toEqual({
      kind: ['story', 'story-raise'],
      $or: [
        { storyPeople: ['viktor-bout'] },
        { 'storyScore.prisoner-exchange': [{ numeric: ['>=', 0.5] }], 'storyScoreBefore.prisoner-exchange': [{ numeric: ['<', 0.5] }] },
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

  it('without minScore, takes story alerts only (never one that only raised a score)', () => {
    expect(story([], ['prisoner-exchange'])).toEqual({ kind: ['story'], storyTopics: ['prisoner-exchange'] });
    expect(story([], [])).toEqual({ kind: ['story'] });
  });
});

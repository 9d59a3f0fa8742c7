import { describe, expect, it } from 'vitest';
import { scoreStories } from '../../eval/stories/story-score';

describe('B-cubed story scores', () => {
  it('is 1 for a clustering equal to the labels, whatever the cluster names', () => {
    const s = scoreStories([
      { id: 'a', gold: 'x', predicted: '1' },
      { id: 'b', gold: 'x', predicted: '1' },
      { id: 'c', gold: 'y', predicted: '2' },
    ]);
    expect([s.precision, s.recall, s.f1, s.merged, s.split]).toEqual([1, 1, 1, [], []]);
  });

  it('lowers precision and names the pair when two stories are merged', () => {
    const s = scoreStories([
      { id: 'a', gold: 'x', predicted: '1' },
      { id: 'b', gold: 'y', predicted: '1' },
    ]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
    expect(s.merged).toEqual(['x + y']);
  });

  it('lowers recall and reports the pieces when a story is split', () => {
    const s = scoreStories([
      { id: 'a', gold: 'x', predicted: '1' },
      { id: 'b', gold: 'x', predicted: '2' },
    ]);
    expect(s.recall).toBe(0.5);
    expect(s.split).toEqual([{ story: 'x', pieces: 2 }]);
  });
});

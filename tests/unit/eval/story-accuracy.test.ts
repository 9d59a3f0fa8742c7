import { beforeAll, describe, expect, it } from 'vitest';
import { loadWatchlist } from '../../eval/fixtures';
import {
  CLOSE_GATE,
  formatStoryScores,
  formatStreamScores,
  scoreGeneratedStream,
  scoreSplits,
  STORY_GATE,
  STREAM_GATE,
} from '../../eval/stories/run-stories';
import type { Split } from '../../eval/stories/story-fixtures';
import type { StoryScores } from '../../eval/stories/story-score';

/** The story clustering's acceptance bar, on held-out labelled articles (`npm run eval` prints the same). */
describe('story clustering accuracy on the labelled story set', () => {
  let scores: Record<Split, StoryScores>;

  beforeAll(async () => {
    scores = await scoreSplits(loadWatchlist());
  });

  it(`gives held-out articles storyIds with B-cubed F1 >= ${STORY_GATE.f1}`, () => {
    expect(scores.heldout.f1, formatStoryScores(scores)).toBeGreaterThanOrEqual(STORY_GATE.f1);
  });

  it('never merges two different events, in either split (hard negatives: same people, days or weeks apart)', () => {
    expect([...scores.heldout.merged, ...scores.tune.merged]).toEqual([]);
  });

  it(`keeps different events about the same people hours apart in different stories on held-out articles (B-cubed F1 >= ${CLOSE_GATE.f1})`, () => {
    expect(scores['heldout-close'].f1, formatStoryScores(scores)).toBeGreaterThanOrEqual(CLOSE_GATE.f1);
  });
});

describe('story clustering accuracy on the generated news stream', () => {
  let stream: StoryScores;

  beforeAll(async () => {
    stream = await scoreGeneratedStream();
  });

  it(`keeps B-cubed precision >= ${STREAM_GATE.precision} and recall >= ${STREAM_GATE.recall} on 2,000 articles of hundreds of stories`, () => {
    expect(stream.precision, formatStreamScores(stream)).toBeGreaterThanOrEqual(STREAM_GATE.precision);
    expect(stream.recall, formatStreamScores(stream)).toBeGreaterThanOrEqual(STREAM_GATE.recall);
  });
});

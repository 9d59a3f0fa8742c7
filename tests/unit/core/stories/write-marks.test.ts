import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../../../functions/core/stories/profile';
import { type StoryRecord, summaryOf } from '../../../../functions/core/stories/story';
import { holdsWrite, MAX_WRITE_MARKS, withWriteMark } from '../../../../functions/core/stories/write-marks';

const story: StoryRecord = {
  id: 'st_000000000000000000000001',
  title: 'Bout flown to Moscow',
  firstSeenAt: '2022-12-08T10:00:00Z',
  lastSeenAt: '2022-12-08T10:00:00Z',
  articleCount: 1,
  sources: [],
  languages: [],
  people: [],
  topics: [],
  firstUrl: null,
  profile: emptyProfile(Date.parse('2022-12-08T10:00:00Z')),
  version: 1,
};

describe('story write marks', () => {
  it('keep only the latest marks, however many writes a story had', () => {
    let r = story;
    for (let i = 0; i < MAX_WRITE_MARKS + 5; i++) r = withWriteMark(r, `w${i}`);
    expect(r.recentWrites).toHaveLength(MAX_WRITE_MARKS);
    expect(holdsWrite(r, `w${MAX_WRITE_MARKS + 4}`)).toBe(true);
    expect(holdsWrite(r, 'w4')).toBe(false);
  });

  it('say nothing of a story stored before marks existed', () => {
    expect(holdsWrite(story, 'w0')).toBe(false);
    expect(holdsWrite(undefined, 'w0')).toBe(false);
  });

  it('never appear in the story the API lists', () => {
    expect(summaryOf(withWriteMark(story, 'w0'))).not.toHaveProperty('recentWrites');
  });
});

import { describe, expect, it } from 'vitest';
import { storyFeatures } from '../../../../functions/core/stories/features';
import { type StoryMember, withMember } from '../../../../functions/core/stories/membership';

const member = (id: string, title: string, publishedAt: string): StoryMember => ({
  id,
  title,
  body: 'Brittney Griner was moved to a penal colony in Mordovia, her lawyers said.',
  url: `https://example.com/${id}`,
  publishedAt,
  people: ['brittney-griner'],
  topics: [],
});

/** The story two members make, joined in the given order. */
function joined(first: StoryMember, second: StoryMember) {
  const started = withMember(undefined, 'st_1', first, storyFeatures(first));
  return withMember(started, 'st_1', second, storyFeatures(second));
}

describe('a story joined by articles in any order', () => {
  const earliest = member('dg-1', 'Griner moved to penal colony', '2022-11-17T08:50:00.000Z');
  const later = member('dg-2', 'Griner transferred to Mordovia', '2022-11-17T09:30:00.000Z');

  it('is named after its earliest-published article, with that article url, whichever joined first', () => {
    for (const story of [joined(earliest, later), joined(later, earliest)]) {
      expect({ title: story.title, firstUrl: story.firstUrl, firstSeenAt: story.firstSeenAt }).toEqual({
        title: 'Griner moved to penal colony',
        firstUrl: 'https://example.com/dg-1',
        firstSeenAt: '2022-11-17T08:50:00.000Z',
      });
    }
  });

  it('keeps the title of the article that started it when a later-published one joins', () => {
    expect(joined(earliest, later).title).toBe('Griner moved to penal colony');
  });
});

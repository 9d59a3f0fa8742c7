import { describe, expect, it } from 'vitest';
import { storyFeatures } from '../../../../functions/core/stories/features';
import { MAX_LISTED_SOURCES, type StoryMember, withMember, withMemberAsDecided } from '../../../../functions/core/stories/membership';
import { withWriteMark } from '../../../../functions/core/stories/write-marks';

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

  it('of untitled articles is named by the first words of its body, however many blank lines come before them', () => {
    const untitled = { ...earliest, title: undefined, body: `${'\n'.repeat(130)}Griner was moved to a penal colony.` };
    expect(withMember(undefined, 'st_1', untitled, storyFeatures(untitled)).title).toBe('Griner was moved to a penal colony.');
  });
});

describe('a story write counting in an article its decision already counted in', () => {
  const first = member('dg-1', 'Griner moved to penal colony', '2022-11-17T08:50:00.000Z');
  const next = member('dg-2', 'Griner transferred to Mordovia', '2022-11-17T09:30:00.000Z');
  const decidedOn = withMember(undefined, 'st_1', first, storyFeatures(first));
  const decided = { before: decidedOn, after: withMember(decidedOn, 'st_1', next, storyFeatures(next)) };
  /** Fields and their order, as the stored item would list them. */
  const asStored = (r: object) => JSON.stringify(r);

  it('gives what counting it in again gives, field for field and in order, on the decided state with other write marks', () => {
    for (const stored of [withWriteMark(decidedOn, 'm1'), withWriteMark(withWriteMark(decidedOn, 'm1'), 'm2')]) {
      const fresh = withMember(stored, 'st_1', next, storyFeatures(next));
      const reused = withMemberAsDecided(stored, 'st_1', next, storyFeatures(next), decided);
      expect(asStored(reused)).toBe(asStored(fresh));
      expect(reused.recentWrites).toEqual(stored.recentWrites);
    }
  });

  it('reuses the decision instead of counting the article in again', () => {
    const stored = withWriteMark(decidedOn, 'm1');
    expect(withMemberAsDecided(stored, 'st_1', next, storyFeatures(next), decided).profile).toBe(decided.after.profile);
    expect(withMemberAsDecided(decidedOn, 'st_1', next, storyFeatures(next), decided)).toBe(decided.after);
  });

  it('counts the article in again on a state that differs in more than its write marks', () => {
    const other = member('dg-3', 'Griner lawyers speak', '2022-11-17T09:00:00.000Z');
    const moved = withWriteMark(withMember(decidedOn, 'st_1', other, storyFeatures(other)), 'm1');
    const reused = withMemberAsDecided(moved, 'st_1', next, storyFeatures(next), decided);
    expect(asStored(reused)).toBe(asStored(withMember(moved, 'st_1', next, storyFeatures(next))));
    expect(reused.articleCount).toBe(3);
  });

  it('keeps the order of the fields of the state it counts in on', () => {
    // The same fields in another order: the stored item lists them in the record's order.
    const { id, ...rest } = withWriteMark(decidedOn, 'm1');
    const shuffled = { ...rest, id };
    const reused = withMemberAsDecided(shuffled, 'st_1', next, storyFeatures(next), decided);
    expect(asStored(reused)).toBe(asStored(withMember(shuffled, 'st_1', next, storyFeatures(next))));
    expect(Object.keys(reused).at(-1)).toBe('id');
  });
});

describe('a story of thousands of copies, each naming its own outlet and language', () => {
  it('lists at most MAX_LISTED_SOURCES of each, the first in sorted order, and stays far below one table item', () => {
    let story: ReturnType<typeof withMember> | undefined;
    for (let i = 0; i < 2_000; i++) {
      const copy = {
        ...member(`c${i}`, 'Griner moved to penal colony', '2022-11-17T08:50:00.000Z'),
        source: `outlet ${String(i).padStart(4, '0')} ${'x'.repeat(480)}`,
        language: `x-${i}`,
      };
      story = withMember(story, 'st_1', copy, storyFeatures(copy));
    }

    expect(story!.articleCount).toBe(2_000);
    expect(story!.sources).toHaveLength(MAX_LISTED_SOURCES);
    expect(story!.sources[0]).toMatch(/^outlet 0000 /);
    expect(story!.languages).toEqual([...story!.languages].sort());
    expect(story!.languages).toHaveLength(MAX_LISTED_SOURCES);
    expect(Buffer.byteLength(JSON.stringify(story))).toBeLessThan(200_000);
  });
});

describe('a story of copies whose clients write one language in different cases', () => {
  it('lists the language once, in its conventional case', () => {
    const copies = [
      { ...member('en-1', 'Griner moved to penal colony', '2022-11-17T08:50:00.000Z'), language: 'EN' },
      { ...member('en-2', 'Griner moved to penal colony', '2022-11-17T08:51:00.000Z'), language: 'en' },
      { ...member('en-3', 'Griner moved to penal colony', '2022-11-17T08:52:00.000Z'), language: 'en-gb' },
      { ...member('ru-1', 'Грайнер этапировали в колонию', '2022-11-17T08:53:00.000Z'), language: 'RU' },
    ];
    let story: ReturnType<typeof withMember> | undefined;
    for (const copy of copies) story = withMember(story, 'st_1', copy, storyFeatures(copy));

    expect(story!.languages).toEqual(['en', 'en-GB', 'ru']);
  });

  it('lists once a language a story saved before listed in another case', () => {
    const copy = { ...member('en-4', 'Griner moved to penal colony', '2022-11-17T08:54:00.000Z'), language: 'en' };
    const saved = { ...withMember(undefined, 'st_1', copy, storyFeatures(copy)), languages: ['EN', 'ru'] };

    expect(withMember(saved, 'st_1', copy, storyFeatures(copy)).languages).toEqual(['en', 'ru']);
  });
});

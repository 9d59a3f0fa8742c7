import { describe, expect, it } from 'vitest';
import { storyFeatures } from '../../../../functions/core/stories/features';
import { dayNamed, leadSentence, mainClause, weekdayOf } from '../../../../functions/core/stories/lead';
import { addToProfile, emptyProfile, profileFromStored, StoryProfile, storedProfile } from '../../../../functions/core/stories/profile';
import { joinsStoryOf, untracked } from './join-pair';

const DAY = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY);

describe("an article's lead: its first sentence and main clause", () => {
  it('reads the first sentence, lower-cased, up to a full stop before a capital', () => {
    expect(leadSentence('  A court in Perm on Friday jailed the blogger. His lawyer will appeal.')).toBe(
      'a court in perm on friday jailed the blogger',
    );
    expect(leadSentence('Суд в Перми в пятницу арестовал блогера. Защита обжалует решение.')).toBe(
      'суд в перми в пятницу арестовал блогера',
    );
  });

  it('drops the clauses that recount the background: a relative clause anywhere, an appositive or participle before the verb', () => {
    expect(mainClause('the blogger, who was detained on monday, was jailed on wednesday')).toBe('the blogger, was jailed on wednesday');
    expect(mainClause('суд арестовал блогера, которого задержали в понедельник')).toBe('суд арестовал блогера');
    expect(mainClause('ivan petrov, the blogger detained on monday, was jailed on wednesday')).toBe('ivan petrov, was jailed on wednesday');
    expect(mainClause('ivan petrov, ousted on monday, will join the board')).toBe('ivan petrov, will join the board');
    // The last clause is where the sentence goes on: an English verb in -ed there is the verb.
    expect(mainClause('ivan petrov, the boxer whose wife was jailed, appealed to the president on thursday')).toBe(
      'ivan petrov, appealed to the president on thursday',
    );
  });
});

describe('the weekday a lead names, and its day', () => {
  it('reads English and Russian weekdays, the night before a day in Russian, and none where two are named', () => {
    expect(weekdayOf('a court on friday jailed the blogger')).toBe(5);
    expect(weekdayOf('the boxer appealed to the president on thursday night')).toBe(4);
    expect(weekdayOf('суд во вторник арестовал блогера')).toBe(2);
    expect(weekdayOf('боксёр в ночь на пятницу обратился к президенту')).toBe(4);
    expect(weekdayOf('боксёр в ночь с четверга на пятницу обратился к президенту')).toBe(4);
    expect(weekdayOf('the blogger was jailed')).toBe(-1);
    expect(weekdayOf('fired on friday, he said on monday he would join')).toBe(-1);
  });

  it("finds the day on or before the article's date in Moscow, and none more than two days back", () => {
    // Thursday 2024-08-15.
    expect(dayNamed(4, Date.parse('2024-08-15T09:50:00Z'))).toBe(dayOf('2024-08-15T00:00:00Z'));
    // Late on Thursday UTC is Friday in Moscow: "on Friday" is that day, "on Thursday" the day before.
    expect(dayNamed(5, Date.parse('2024-08-15T22:30:00Z'))).toBe(dayOf('2024-08-16T00:00:00Z'));
    expect(dayNamed(4, Date.parse('2024-08-16T02:10:00Z'))).toBe(dayOf('2024-08-15T00:00:00Z'));
    // "when markets open on Monday", written on Sunday evening, names no day of what happened.
    expect(dayNamed(1, Date.parse('2023-04-02T20:00:00Z'))).toBe(-1);
  });
});

describe("a story's day", () => {
  const at = '2021-05-31T20:40:00Z';
  const noDay = untracked('a', 'Activist taken off plane', 'The activist was taken off a plane at Pulkovo, his allies said.', at);
  const monday = untracked('b', 'Activist taken off plane', 'The activist was taken off a plane at Pulkovo on Monday evening.', at);

  it('is the first day an article of it names, and is absent while none does; it is stored and read back', () => {
    const start = emptyProfile(Date.parse(at));
    const none = addToProfile(start, storyFeatures(noDay));
    expect('day' in none).toBe(false);
    const named = addToProfile(none, storyFeatures(monday));
    expect(named.day).toBe(dayOf('2021-05-31T00:00:00Z'));
    const wednesday = storyFeatures(untracked('c', 'x', 'A court ordered him held on Wednesday.', '2021-06-02T13:50:00Z'));
    expect(addToProfile(named, wednesday).day).toBe(named.day);
    expect(StoryProfile.parse(profileFromStored(storedProfile(named))).day).toBe(named.day);
  });
});

describe('different events about the same people on different days', () => {
  // Two events about an untracked activist named in full, two days apart: their evidence is over the bar
  // (the name, the places, the charge), and neither title names a kind of event the other does not.
  const offPlane = untracked(
    'p1',
    'Open Russia ex-head Andrei Pivovarov taken off plane at Pulkovo',
    'Andrei Pivovarov, former director of Open Russia, was taken off a Warsaw flight at Pulkovo airport in St Petersburg on Monday evening, his allies said. Investigators accuse him of running an undesirable organisation over a Facebook post about Krasnodar elections.',
    '2021-05-31T20:40:00Z',
  );
  const custody = untracked(
    'p2',
    'Andrei Pivovarov: what we know',
    'A court in Krasnodar on Wednesday ordered Andrei Pivovarov, former director of Open Russia, held for two months. He was taken off a Warsaw flight at Pulkovo airport in St Petersburg, and investigators accuse him of running an undesirable organisation over a Facebook post about Krasnodar elections.',
    '2021-06-02T13:50:00Z',
  );
  const rewrite = untracked(
    'p3',
    'Andrei Pivovarov: what we know',
    'Border guards led Andrei Pivovarov, who ran Open Russia until it disbanded, off a plane bound for Warsaw at Pulkovo late on Monday, his supporters said. He is suspected of leading an undesirable group because of a Facebook post on the Krasnodar vote.',
    '2021-06-01T07:00:00Z',
  );

  it('a report whose lead names another day than the story does starts a story of its own', async () => {
    expect(await joinsStoryOf(offPlane, custody)).toBe(false);
  });

  it('a rewrite in other words (no copy) whose lead names the same day joins', async () => {
    expect(storyFeatures(rewrite).day).toBe(storyFeatures(offPlane).day);
    expect(await joinsStoryOf(offPlane, rewrite)).toBe(true);
  });
});

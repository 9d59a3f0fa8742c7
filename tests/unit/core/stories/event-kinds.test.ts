import { describe, expect, it } from 'vitest';
import { differentEvents, eventKinds } from '../../../../functions/core/stories/event-kinds';
import { joinsStoryOf, untracked } from './join-pair';

/** The day the three articles below are published, at `time` (UTC). */
const onTheDay = (time: string) => `2023-09-15T${time}:00Z`;

const detained = untracked(
  'd1',
  'Blogger Roman Ilyin detained in Moscow, his wife says',
  'Roman Ilyin, a blogger who criticised the conduct of the war, was detained in Moscow on Friday morning, his wife Anna Ilyina said. She wrote on his Telegram channel that investigators searched their flat and took him away on suspicion of extremism over two of his posts. Ilyin faces up to five years in prison if charged.',
  onTheDay('09:00'),
);
const custody = untracked(
  'c1',
  'Moscow court orders blogger Roman Ilyin held for two months',
  'A Moscow court on Friday evening ordered Roman Ilyin held in custody until November 15 on suspicion of extremism, over two of his posts on Telegram. The blogger, detained in Moscow that morning, denied wrongdoing, his wife Anna Ilyina said. He faces up to five years in prison.',
  onTheDay('19:00'),
);
const custodyInRussian = untracked(
  'c2',
  'Суд арестовал блогера Романа Ильина на два месяца',
  'Суд в Москве в пятницу вечером отправил блогера Романа Ильина под стражу до 15 ноября по делу об экстремизме из-за двух постов в Telegram. Ильин вину не признал, сообщила его жена Анна Ильина. Ему грозит до пяти лет лишения свободы.',
  onTheDay('19:40'),
);

const crash = untracked(
  'k1',
  'Ferry carrying 40 passengers crashes into pier at Baltiysk, four dead',
  'A passenger ferry carrying 40 people crashed into a pier at Baltiysk on Saturday evening, killing four and injuring eleven, the regional emergencies ministry said. The ferry Neman was arriving from Kaliningrad in heavy fog. Investigators opened a criminal case over safety violations and detained the captain, Oleg Varlamov.',
  onTheDay('18:00'),
);
const condolences = untracked(
  'k2',
  'Governor breaks silence on Baltiysk ferry crash, offers condolences',
  'The governor of the Kaliningrad region offered condolences on Sunday to the families of the four people killed when the ferry Neman crashed into a pier at Baltiysk in heavy fog. He said the families would receive compensation and that investigators would look at the ferry company, whose captain Oleg Varlamov was detained on Saturday. Eleven people remain in hospital.',
  '2023-09-16T12:00:00Z',
);

describe('the kind of event a title names', () => {
  it('reads the verbs of an arrest, a custody order, a sentence, an escape, a release and an arrival, in English and Russian', () => {
    expect(eventKinds('Blogger detained in Moscow')).toBe(eventKinds('Блогера задержали в Москве'));
    expect(eventKinds('Court orders blogger held for two months')).toBe(eventKinds('Суд арестовал блогера на два месяца'));
    expect(eventKinds('Teacher sentenced to two years')).toBe(eventKinds('Учителя приговорили к двум годам'));
    expect(eventKinds('Pilot freed in prisoner swap')).toBe(eventKinds('Лётчика обменяли на американца'));
    expect(eventKinds('Pilot lands in Moscow')).toBe(eventKinds('Лётчик прилетел в Москву'));
    expect(new Set([1, 2, 3, 4].map((i) => eventKinds(['detained', 'held until May', 'sentenced', 'freed'][i - 1]!))).size).toBe(4);
  });

  it('does not take a noun for the event ("house arrest", "before his verdict"): a title names earlier events that way', () => {
    const escaped = eventKinds('Father escapes house arrest before his verdict');
    expect(escaped).toBe(eventKinds('Отец сбежал из-под домашнего ареста накануне приговора'));
    expect(differentEvents(escaped, eventKinds('Father sentenced in absentia to two years'))).toBe(true);
    expect(eventKinds('UK condemns 25-year sentence')).toBe(0);
  });

  it("reads an English court's arrest as the custody order its Russian translation names (суд арестовал)", () => {
    const english = eventKinds('Moscow court arrests blogger for two months');
    expect(differentEvents(english, eventKinds('Суд арестовал блогера на два месяца'))).toBe(false);
    expect(differentEvents(english, eventKinds('Court orders blogger held for two months'))).toBe(false);
  });

  it("reads a police taking someone into custody as the detention, not as a court's custody order", () => {
    const detained = eventKinds('Journalist detained in Yekaterinburg');
    expect(differentEvents(eventKinds('Journalist taken into custody in Yekaterinburg'), detained)).toBe(false);
    expect(differentEvents(eventKinds('Police take journalist into custody in Yekaterinburg'), detained)).toBe(false);
    // A court keeping someone in custody is still the custody order, another event than the detention.
    expect(differentEvents(eventKinds('Journalist to remain in custody until June, court rules'), detained)).toBe(true);
  });

  it('takes titles that name no kind, or a kind in common, for possibly one event', () => {
    expect(differentEvents(eventKinds('Reed freed in swap'), eventKinds('Reed back home after release by Russia'))).toBe(false);
    expect(differentEvents(eventKinds('Reed freed in swap'), eventKinds('What the deal means'))).toBe(false);
  });
});

describe('a participle, a statement and a move between prisons', () => {
  it('reads a participle before its noun as describing the people, not as what happened to them ("greet freed hostages")', () => {
    const swap = eventKinds('Two hostages freed in prisoner swap');
    expect(differentEvents(eventKinds('Minister greets freed hostages at the airbase'), swap)).toBe(true);
    expect(
      differentEvents(
        eventKinds('Министр встретил освобождённых заложников на авиабазе'),
        eventKinds('Заложников освободили в ходе обмена'),
      ),
    ).toBe(true);
    expect(differentEvents(eventKinds('Hostages freed, flown home'), swap)).toBe(false);
  });

  it('takes a statement about an event (condolences, a denial, a call to act) for another event than the one it answers', () => {
    const crash = eventKinds('Ferry crashes into pier, four dead');
    expect(differentEvents(eventKinds('Governor breaks silence on ferry crash'), crash)).toBe(true);
    expect(differentEvents(eventKinds('Губернатор выразил соболезнования родным погибших'), eventKinds('У причала разбился паром'))).toBe(
      true,
    );
    expect(differentEvents(eventKinds('Ministry rejects claims it caused the ferry crash'), crash)).toBe(true);
    expect(eventKinds('Ministry rejects claims it caused the ferry crash')).toBe(eventKinds('Министерство назвало ложью обвинения'));
  });

  it('reads a move from one prison to another as its own kind of event, in English and Russian', () => {
    const moved = eventKinds('Jailed activist moved from Omsk prison, lawyer says');
    expect(moved).toBe(eventKinds('Активиста вывезли из омской колонии'));
    expect(differentEvents(moved, eventKinds('Activist freed in prisoner exchange'))).toBe(true);
  });
});

describe('different events about the same people hours apart', () => {
  it("keeps a court's custody order apart from the arrest hours before it, though they share the people, the place and the charge", async () => {
    expect(await joinsStoryOf(detained, custody)).toBe(false);
  });

  it("keeps an official's condolences the next day apart from the crash they answer, though both name the crash and the dead", async () => {
    expect(await joinsStoryOf(crash, condolences)).toBe(false);
  });

  it('still joins a translation whose title names the same kind of event', async () => {
    expect(await joinsStoryOf(custody, custodyInRussian)).toBe(true);
  });
});

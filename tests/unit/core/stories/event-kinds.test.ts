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

const verdict = untracked(
  'v1',
  'Military court jails theatre director Anna Sokolova for six years',
  'A military court in Moscow on Monday sentenced theatre director Anna Sokolova to six years in a penal colony over a play about women who married Islamist fighters, a case the defence called absurd. Sokolova, held since May, said in her final statement that the play warned against extremism. Her lawyer Pavel Orlov said they would appeal.',
  '2024-07-08T12:00:00Z',
);
const noComment = untracked(
  'v2',
  'Kremlin declines to comment on the verdict against Anna Sokolova',
  'The Kremlin declined on Tuesday to comment on the six-year sentence a military court in Moscow gave theatre director Anna Sokolova over a play about women who married Islamist fighters. The court acts independently, the Kremlin spokesman said. Her lawyer Pavel Orlov said the defence would appeal the penal colony term.',
  '2024-07-09T10:00:00Z',
);

describe('more verbs for each kind, and words that only look like one', () => {
  it('reads a court that jails someone, gives them years or lands them a sentence as the sentence, in English and Russian', () => {
    const sentenced = eventKinds('Teacher sentenced to six years');
    expect(eventKinds('Court jails teacher for six years')).toBe(sentenced);
    expect(eventKinds('Teacher lands a six-year sentence')).toBe(sentenced);
    expect(eventKinds('Teacher gets six years in prison')).toBe(sentenced);
    expect(eventKinds('Учителю дали шесть лет колонии')).toBe(eventKinds('Учителя приговорили к шести годам'));
    expect(eventKinds('Conditions in Russian jails')).toBe(0);
  });

  it('reads Russian kinds from the forms of a verb only: a noun of the same stem names the background', () => {
    expect(eventKinds('Москва добивается возвращения пилота')).toBe(0);
    expect(eventKinds('Задержание пилота осудили в Европе')).toBe(eventKinds('Пилота осудили'));
    expect(eventKinds('Пилот вернулся в Москву')).toBe(eventKinds('Pilot returned to Moscow'));
  });

  it('does not take a raid on a home for an arrival, or a video released for a release', () => {
    expect(eventKinds("Police raid on activist's home")).toBe(0);
    expect(differentEvents(eventKinds('Kremlin releases video of the prisoner swap'), eventKinds('Pilot freed in prisoner swap'))).toBe(
      true,
    );
    expect(eventKinds('Russia releases US teacher')).toBe(eventKinds('Pilot freed in prisoner swap'));
  });

  it('reads a request, a demand and a refused offer as statements, not as the event they are about', () => {
    const sentenced = eventKinds('Court jails teacher for seven years');
    expect(differentEvents(eventKinds('US asks Russia for consular access to teacher'), sentenced)).toBe(true);
    expect(differentEvents(eventKinds('Госдеп требует консульского доступа к учителю'), sentenced)).toBe(true);
    expect(eventKinds('Moscow says no to the latest offer on jailed Americans')).toBe(
      eventKinds('Russia turned down new proposal to free Americans, State Department says'),
    );
  });

  it('reads a speaker before a colon as a statement where the title names no event, and a topic before one as nothing', () => {
    const wounded = eventKinds('Pilot wounded fighting in Ukraine');
    expect(differentEvents(eventKinds('State Department: pilot was not fighting for the US government'), wounded)).toBe(true);
    expect(differentEvents(eventKinds('Госдеп: пилот воевал не от имени США'), wounded)).toBe(true);
    expect(eventKinds('Basketball star: freed in prisoner swap')).toBe(eventKinds('Basketball star freed in prisoner swap'));
  });

  it('reads a wound, a trial opening, an appeal, a new charge, a hunger strike, a visit in detention and a publication as kinds of their own, in English and Russian', () => {
    const pairs = [
      ['Pilot wounded in Kherson', 'Пилот ранен в Херсоне'],
      ['Pilot goes on trial in Moscow', 'В Москве начался суд над пилотом'],
      ["Pilot's lawyers appeal against verdict", 'Адвокаты пилота обжаловали приговор'],
      ['Pilot charged with treason', 'Пилоту предъявили обвинение в госизмене'],
      ['Pilot begins hunger strike', 'Пилот объявил голодовку'],
      ['Consul visits pilot in prison', 'Консул посетил пилота в СИЗО'],
      ['Pilot publishes prison diary', 'Пилот опубликовал тюремный дневник'],
    ] as const;
    const kinds = pairs.map(([english, russian]) => {
      expect(eventKinds(english), english).toBe(eventKinds(russian));
      return eventKinds(english);
    });
    expect(new Set([...kinds, eventKinds('Pilot sentenced to six years')]).size).toBe(pairs.length + 1);
    expect(kinds).not.toContain(0);
  });

  it('reads "выпустили" of a person as a release, as its translation is, and of a film or a video as a publication', () => {
    expect(eventKinds('Журналиста выпустили из СИЗО')).toBe(eventKinds('Journalist freed from detention'));
    expect(eventKinds('Россия выпустила американца')).toBe(eventKinds('Russia releases American'));
    expect(eventKinds('Команда Навального выпустила новый фильм')).toBe(eventKinds('Navalny team releases new film'));
    expect(eventKinds('Кремль выпустил видео')).toBe(eventKinds('Пилот опубликовал тюремный дневник'));
  });

  it('reads a court that turns down an appeal as the appeal decided, as its translation is, not as a statement', () => {
    const appeal = eventKinds('Суд отклонил апелляцию пилота');
    expect(eventKinds("Court turns down pilot's appeal")).toBe(appeal);
    expect(eventKinds('Court turned down appeal by pilot')).toBe(appeal);
    expect(eventKinds('Russia turns down US request for consular access')).toBe(eventKinds('US asks Russia for consular access'));
  });

  it('reads the third person plural of an -ить verb (освободят, отпустят, осудят) as the verb, as its singular is', () => {
    expect(eventKinds('Кремль: пилота освободят')).toBe(eventKinds('Пилота освободили'));
    expect(eventKinds('Пилота отпустят домой')).toBe(eventKinds('Пилота отпустили'));
    expect(eventKinds('Пилота осудят заочно')).toBe(eventKinds('Пилота осудили'));
  });

  it('keeps the verb before "for" when it drops a gerund after it (jailed for spying, calls for freeing, held for questioning)', () => {
    expect(eventKinds('US journalist jailed for spying')).toBe(eventKinds('US journalist sentenced to six years'));
    expect(eventKinds('Biden calls for freeing pilot')).toBe(eventKinds('Biden urges Russia to free pilot'));
    expect(eventKinds('Journalist held for questioning in Moscow')).toBe(eventKinds('Journalist remanded in custody'));
    expect(eventKinds('Hope of coming home fades')).toBe(0);
  });

  it('keeps the verb before "for" when it drops an exchange after it (calls for prisoner swap, asks for an exchange)', () => {
    const said = eventKinds('Biden urges Russia to free pilot');
    expect(eventKinds('Kremlin calls for prisoner swap')).toBe(said);
    expect(eventKinds('Biden asks Putin for an exchange')).toBe(said);
    expect(eventKinds('Pilot left out of the swap')).toBe(0);
  });

  it('reads the past of "ранить" (ранил, ранили, ранила) as a wound, as it does "ранен"', () => {
    const wounded = eventKinds('Пилот ранен в Херсоне');
    expect(eventKinds('Пилота ранили в Херсоне')).toBe(wounded);
    expect(eventKinds('Снайпер ранил пилота')).toBe(wounded);
    expect(eventKinds('Ранее пилот служил в Херсоне')).toBe(0);
  });

  it("keeps the Kremlin's refusal to comment the next day apart from a verdict whose title says the court jails her", async () => {
    expect(await joinsStoryOf(verdict, noComment)).toBe(false);
  });
});

describe('irregular participles, what did not happen, named speakers and more verbs', () => {
  it('reads an English participle not in -ed before its noun as describing the people ("beaten reporter evacuated")', () => {
    const evacuated = eventKinds('Beaten activist evacuated to Moscow for surgery');
    expect(evacuated).not.toBe(0);
    expect(evacuated).toBe(eventKinds('Активиста доставили на операцию в Москву'));
    expect(differentEvents(evacuated, eventKinds('Activist beaten by unknown men in Dagestan'))).toBe(true);
    expect(eventKinds('Held American teacher moved to a colony')).toBe(eventKinds('Teacher moved to a colony'));
    expect(eventKinds('Teacher held until May')).toBe(eventKinds('Суд арестовал учителя до мая'));
  });

  it("reads what a title says did not happen as no event: a negation or a sparing to the clause's end", () => {
    const barred = eventKinds('Court bars activist from using the internet');
    expect(barred).not.toBe(0);
    expect(eventKinds('Activist spared pre-trial detention but barred from the internet')).toBe(barred);
    expect(eventKinds('Суд не стал отправлять активиста под стражу и запретил ему пользоваться интернетом')).toBe(barred);
    expect(eventKinds('Activist found not guilty')).toBe(0);
  });

  it('ends what did not happen at a dash, as at a comma: what follows it happened ("not freed — moved to a colony")', () => {
    const moved = eventKinds('Pilot moved to a colony');
    expect(moved).not.toBe(0);
    expect(eventKinds('Pilot not freed — moved to a colony')).toBe(moved);
    expect(eventKinds('Пилота не отпустили – его перевели в колонию')).toBe(moved);
    expect(eventKinds('Pilot not freed - moved to a colony')).toBe(moved);
    expect(eventKinds('Activist spared pre-trial detention')).toBe(0);
  });

  it('reads a claim\'s reported clause as no event ("over claim that Russia was attacked")', () => {
    expect(eventKinds('Audience laughs at the minister over claim that Russia was attacked')).toBe(0);
    expect(eventKinds('Minister attacked by protester in Delhi')).not.toBe(0);
  });

  it('keeps the claim a denial answers, dropping only its clause ("Kremlin denies claims that the pilot was freed" is a statement)', () => {
    const denial = eventKinds('Kremlin denies claims');
    expect(denial).not.toBe(0);
    expect(eventKinds('Kremlin denies claims that the pilot was freed')).toBe(denial);
    expect(eventKinds('Moscow rejects allegations that its navy attacked the ship')).toBe(denial);
  });

  it('reads a named speaker before a colon as a statement, and a topic before one as nothing ("Задержание блогера: что известно")', () => {
    const said = eventKinds('Госдеп: пилот воевал не от имени США');
    expect(said).not.toBe(0);
    expect(eventKinds('US envoy Lynne Tracy: the pilot is innocent')).toBe(said);
    expect(eventKinds('Задержание блогера: что известно')).toBe(0);
    expect(eventKinds('Blogger case: what we know')).toBe(0);
    expect(eventKinds('Negotiations: what we know')).toBe(0);
  });

  it("reads a court's restrictions short of custody as a kind of their own, apart from the detention and the custody order", () => {
    const barred = eventKinds('Court bans activist from going out at night');
    expect(barred).toBe(eventKinds('Суд запретил активисту выходить из дома по ночам'));
    expect(differentEvents(barred, eventKinds('Activist picked up by police after search'))).toBe(true);
    expect(differentEvents(barred, eventKinds('Court keeps activist behind bars until May'))).toBe(true);
  });

  it('reads a taking away, a touchdown, a letting go, a refusal of food and a taking to hospital by their verbs, in English and Russian', () => {
    const pairs = [
      ['Activist picked up by police after search', 'Силовики увезли активиста после обыска'],
      ['Pilot touches down in Kyiv', 'Самолёт с пилотом приземлился в Киеве'],
      ['Sailors let go in exchange deal', 'Моряков отпустили по обмену'],
      ['Jailed pilot refuses food', 'Пилот отказался от пищи'],
      ['Pilot taken to prison hospital', 'Пилота поместили в тюремную больницу'],
    ] as const;
    for (const [english, russian] of pairs) {
      expect(eventKinds(english), english).not.toBe(0);
      expect(eventKinds(english), english).toBe(eventKinds(russian));
    }
    expect(eventKinds('Jailed pilot refuses food')).toBe(eventKinds('Pilot begins hunger strike'));
    expect(eventKinds("Court upholds the pilot's 25-year treason sentence")).toBe(eventKinds("Pilot's appeal rejected"));
  });
});

describe('"free" without a verb\'s ending', () => {
  it('reads a bare "free" (an adjective: "free at last", "is free to return") as no release, and "frees" as one', () => {
    const arrived = eventKinds('Pilot lands in Moscow');
    expect(eventKinds('Free at last, pilot lands in Moscow')).toBe(arrived);
    expect(differentEvents(eventKinds('Free at last, pilot lands in Moscow'), eventKinds('Court frees pilot after plea deal'))).toBe(true);
    expect(eventKinds('Pilot pleads guilty, is free to return home')).toBe(0);
    expect(eventKinds('Court frees pilot after plea deal')).toBe(eventKinds('Pilot freed after plea deal'));
    expect(eventKinds('Court frees pilot after plea deal')).not.toBe(0);
  });
});

describe("a roundup's heading after a name and a colon, and a speaker's statement", () => {
  const said = eventKinds('Госдеп: пилот воевал не от имени США');

  it('reads a heading after the colon (a noun phrase, or a question word whatever follows) as no kind of event', () => {
    for (const title of [
      'Roman Ilyin: what we know',
      'Roman Ilyin: the latest',
      'Live: blogger Roman Ilyin in court',
      'Explainer: the case against Roman Ilyin',
      'Roman Ilyin: how the police came for him and what was said',
      'Роман Ильин: что известно',
      'Роман Ильин: последние новости',
    ])
      expect(eventKinds(title), title).toBe(0);
  });

  it('reads what follows a speaker\'s colon as said when it is a quotation, a negation, an infinitive, an auxiliary, a subject and its verb, a dash for "is" or a Russian verb', () => {
    expect(said).not.toBe(0);
    for (const title of [
      "Kremlin: 'the court decides'",
      'Kremlin: no talks on the blogger',
      'Kremlin: too early to talk about the blogger',
      "Kremlin: the blogger's case is for the court",
      'Kremlin: Putin backs the court',
      'Кремль: дело блогера — дело суда',
      'Кремль: обсуждать дело блогера преждевременно',
      'Песков: в Кремле следили за делом',
      'Семья Ильина: мы опустошены',
    ])
      expect(eventKinds(title), title).toBe(said);
  });

  const roundup = untracked(
    'r1',
    'Roman Ilyin: what we know',
    'Police detained the blogger Roman Ilyin in Moscow on Friday morning after searching his flat, his wife Anna Ilyina said. Investigators suspect him of extremism over two of his posts on Telegram, which carries up to five years in prison. Here is what we know about the blogger and the case against him.',
    onTheDay('11:00'),
  );
  const statement = untracked(
    's1',
    'Kremlin: no comment on the blogger Roman Ilyin',
    'The Kremlin will not comment on the detention of the blogger Roman Ilyin in Moscow on Friday morning, its spokesman said; it is a matter for the investigators. Ilyin, whose flat was searched, faces up to five years in prison on suspicion of extremism over two posts on Telegram, his wife Anna Ilyina said.',
    onTheDay('13:00'),
  );

  it('joins a roundup to the event its lead reports', async () => {
    expect(await joinsStoryOf(detained, roundup)).toBe(true);
  });

  it("keeps a speaker's statement apart from the event it comments on", async () => {
    expect(await joinsStoryOf(detained, statement)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { DEFAULT_TOPIC_MIN_SCORE } from '../../../../functions/core/tagger/defaults';
import { WORKSPACE_KEPT, workspaceSize } from '../../../../functions/core/tagger/topics';
import { defaultWatchlist, parseWatchlist } from '../../../../functions/core/watchlist';
import { loadCases } from '../../../eval/fixtures';

const tagger = createTagger(defaultWatchlist);
const topic = (body: string, title?: string) => tagger.tag({ title, body }).topics.find((t) => t.id === 'prisoner-exchange');

describe('prisoner-exchange topic', () => {
  it.each([
    ['an explicit swap', 'Russia and the United States carried out a prisoner swap in Abu Dhabi on Thursday.'],
    ['a trade of named people', 'Washington freed Viktor Bout in exchange for the basketball player.'],
    ['a prisoner-of-war exchange', 'Kyiv and Moscow exchanged 90 prisoners of war each on Saturday.'],
    ['hostages for prisoners', 'The deal would free hostages in exchange for Palestinian prisoners held in Israeli jails.'],
    ['efforts to bring detained nationals home', 'Officials are negotiating the release of two citizens jailed abroad on spying charges.'],
    ['a transfer of sentenced persons', 'She asked to be sent home under the convention on the transfer of sentenced persons.'],
    ['Russian: обмен заключёнными', 'Стороны договорились об обмене заключёнными.'],
    ['Russian: обмен пленными', 'Состоялся очередной обмен пленными между Россией и Украиной.'],
    [
      'a two-sided release without a swap word',
      'Russia freed a jailed American teacher, and the U.S. released a Russian convicted of money laundering.',
    ],
    ['a reciprocal release', 'The two governments agreed to release detainees held by each other, officials said.'],
    ['swapped soldiers', 'Moscow and Kyiv swapped 300 captured soldiers on Monday.'],
    ['soldiers handed back', 'Kyiv and Moscow were each to hand back 1,000 captured people; 300 soldiers came home on Sunday.'],
    ['trading a named detainee for someone', 'Putin said Russia was open to trading Viktor Bout for a Russian serving a life sentence.'],
    [
      'Russian: a release answered by a release',
      'Американца освободили, а в ответ США выпустили россиянина, осужденного за киберпреступления.',
    ],
    [
      'a mutual release by countries beyond the big ones',
      'Sweden freed the former Iranian official. On the same day Iran released two Swedish nationals held in its prisons.',
    ],
    [
      'Russian: "we were swapped" near political prisoners and a tracked person',
      'Его вместе с другими политзаключенными посадили в самолет. Только в Абу-Даби Виктор Бут понял, что его обменяли.',
    ],
    // A state swapping a tracked person, told in one sentence with no other exchange word.
    ['a state swapping a tracked person for someone', 'Russia swapped Viktor Bout for American basketball player Brittney Griner.'],
    ['Russian: a state swapping a tracked person', 'Россия обменяла Виктора Бута на Бриттни Грайнер.'],
    ['Russian: two capitals swapping a tracked person', 'Москва и Вашингтон обменяли Виктора Бута на Бриттни Грайнер.'],
    // "Arms dealer" is Bout's usual epithet: "swap arms" must stay a swap word here.
    ['a swap of an arms dealer', 'Washington agreed to a swap of arms dealer Viktor Bout for Brittney Griner.'],
    ['a state swapping an arms dealer', 'The United States swapped arms dealer Viktor Bout for the basketball player on Thursday.'],
  ])('is found for %s', (_, body) => {
    const found = topic(body);
    expect(found?.score).toBeGreaterThanOrEqual(0.5);
    expect(found?.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'an arms dealer trading his goods',
      'In the 1990s Viktor Bout traded weapons for diamonds across Africa, prosecutors in Washington said.',
    ],
    ['an arms dealer exchanging his goods', 'In the 1990s Viktor Bout exchanged arms for diamonds in Liberia, the United States said.'],
    ['an arms dealer swapping his goods', 'Viktor Bout swapped weapons for diamonds in Sierra Leone, Russia was told.'],
    ['an arms dealer exchanging "his arms"', 'Viktor Bout exchanged his arms for diamonds in Liberia, the United States said.'],
    ['an arms dealer swapping rifles', 'Viktor Bout swapped rifles for diamonds in Sierra Leone, Russia was told.'],
    ['Russian: an arms dealer trading his goods', 'В 1990-х годах Виктор Бут, по данным ООН, обменивал оружие на алмазы в Либерии.'],
    ['Russian: a handshake and views exchanged', 'Сергей Рябков и посол США обменялись рукопожатием и мнениями на встрече в Москве.'],
  ])('is not found for %s, though a swap word and a state are beside a tracked person', (_, body) => {
    expect(topic(body)).toBeUndefined();
  });

  it.each([
    ['a stock exchange', 'Shares traded on the London Stock Exchange rose after the company released its results.'],
    ['an exchange rate', 'The exchange rate of the rouble fell as prisons reported overcrowding.'],
    ['an exchange of fire', 'Soldiers exchanged fire near the border; two prisoners escaped in the confusion.'],
    ['a student exchange', 'The student exchange lets pupils spend a term abroad.'],
    ['an ordinary parole release', 'The former mayor was released from prison on parole after serving half his sentence.'],
    ['an amnesty', 'An amnesty deal freed hundreds of prisoners to mark the holiday.'],
    ['Russian: обмен валюты', 'Пункты обмена валюты закрылись рано.'],
    ['a release after a served sentence (Russian)', 'Осужденный освобожден по отбытии срока и вернулся на родину.'],
    [
      'an agency byline verb next to prison words',
      'Суд приговорил гражданина США к 12 годам колонии, передает корреспондент. Посольство передает письма гражданам, отбывающим наказание.',
    ],
    ['traded accusations', 'Russia and Ukraine traded accusations over the shelling; Kyiv said prisoners were mistreated.'],
    ['a demand to release a detained citizen', 'The State Department urged Russia to release the detained U.S. citizen immediately.'],
    ['Russian: a demand to free detained citizens', 'Посольство потребовало освободить задержанных граждан России.'],
    [
      'a release after charges were dropped',
      'He was released from the detention center and returned to his home country after the charges were dropped.',
    ],
    ['a repatriation of the dead', 'Russia and Ukraine exchanged the bodies of 900 fallen soldiers, returned home for burial.'],
    [
      'a land swap "in return for" a withdrawal',
      'Russia would hand back small areas of two regions in return for a Ukrainian withdrawal from Donetsk.',
    ],
    [
      'Russian: foreigners expelled after parole',
      'Отдельный раздел посвящен осужденным иностранцам, которые после освобождения подлежат выдворению.',
    ],
    [
      'a weak cue repeated in two places',
      'Critics of recent releases name Moscow and Tehran. Others free people, they say. Nothing else. The release of Moscow and Tehran archives is due. Free access for Moscow and Tehran.',
    ],
    [
      'a hostage-taker releasing someone "in return for" supplies',
      'He released one elderly woman in the early afternoon in return for water and cigarettes, police said.',
    ],
    [
      'insider trading',
      'A Russian businessman was sentenced to nine years in prison for insider trading, and the U.S. attorney praised the verdict.',
    ],
  ])('is not found for %s', (_, body) => {
    expect(topic(body)).toBeUndefined();
  });

  it('finds the seed article, which never says exchange or swap, with evidence', () => {
    const body =
      'Russia is exploring various options for securing the release of its citizens who are currently serving prison sentences in the US. ' +
      '“We are exploring various options for resolving the problem of returning both Bout and Yaroshenko to their homeland,” Ryabkov revealed.';
    const found = topic(body);
    expect(found?.score).toBeGreaterThan(0.5);
    expect(found?.evidence.map((e) => e.text)).toEqual(expect.arrayContaining(['release', 'citizens']));
  });

  it('reads "U.S." and initials inside one sentence, so a two-sided release is seen whole', () => {
    const body = 'Moscow freed the jailed teacher, and the U.S. will release Alexander Vinnik, officials said.';
    expect(topic(body)?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('ends a sentence at "U.S." when a sentence-opening word follows ("… to the U.S. The next day …")', () => {
    const excluding = createTagger(parseWatchlist({ people: [], topics: [{ id: 'prisoner-exchange', exclude: ['fantasy league'] }] }));
    const found = (body: string) => excluding.tag({ body }).topics.length > 0;
    expect(found('He ran a fantasy league in the U.S. The next day Moscow and Washington carried out a prisoner swap.')).toBe(true);
    expect(found('He ran a fantasy league with U.S. officials before a prisoner swap.')).toBe(false);
  });

  it('scores within [0, 1] and reports evidence as slices of the field', () => {
    const body = 'A prisoner swap. Another prisoner exchange. Hostages were exchanged for prisoners in a deal to bring citizens home.';
    const found = topic(body)!;
    expect(found.score).toBeGreaterThan(0);
    expect(found.score).toBeLessThanOrEqual(1);
    for (const e of found.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
  });
});

describe('user-defined topics', () => {
  const watchlist = parseWatchlist({
    people: [],
    topics: [
      {
        id: 'sanctions',
        terms: { SANCTION: ['sanction*', 'санкци*'], ASSET: ['asset freeze', 'frozen assets'], NOT: ['sanctioned by the referee'] },
        rules: [
          { all: ['SANCTION', 'ASSET'], weight: 0.9 },
          { all: ['SANCTION'], none: ['NOT'], weight: 0.3 },
        ],
        exclude: ['sanctioned by the referee'],
      },
    ],
  });
  const custom = createTagger(watchlist);

  it('fires when its rules reach the threshold', () => {
    expect(custom.tag({ body: 'New sanctions include an asset freeze.' }).topics.map((t) => t.id)).toEqual(['sanctions']);
    expect(custom.tag({ body: 'Новые санкции затронули банки. Frozen assets were mentioned.' }).topics).toEqual([]);
  });

  it('stays silent below the threshold and where an exclusion applies', () => {
    expect(custom.tag({ body: 'Sanctions were discussed.' }).topics).toEqual([]);
    expect(custom.tag({ body: 'The goal was sanctioned by the referee after an asset freeze.' }).topics).toEqual([]);
  });
});

describe('prisoner-exchange without exchange words, and exchange words that are not exchanges', () => {
  it.each([
    ['soldiers back from captivity', 'Ninety-five Ukrainian servicemen came home from Russian captivity on Friday, Kyiv said.'],
    ['a return answered in turn', 'Россия вернула 95 военнослужащих. В свою очередь Украине переданы 95 военнопленных ВСУ.'],
    [
      'each side bringing soldiers home',
      'Russia and Ukraine each brought home 84 servicemen on Monday and handed over the bodies of the fallen.',
    ],
    ['handing each other soldiers', 'Россия и Украина передали друг другу по 84 военнослужащих.'],
    [
      'bringing soldiers home on each side beside the bodies of the fallen',
      'Russia and Ukraine each brought home 84 servicemen and handed over the bodies of the fallen.',
    ],
    ['a release as part of a deal', 'The ballerina, jailed for 12 years, was freed as part of a deal negotiated by the two spy agencies.'],
    ['Russian: back home in the course of an exchange', 'Супруги, вернувшиеся на родину в ходе обмена, впервые дали интервью.'],
    [
      'Russian: an army and an armed group each freeing the other side',
      'Армия освободила 60 бойцов Сил быстрого реагирования, а СБР отпустили 54 военнослужащих правительственных войск.',
    ],
    ['an army and rebels each freeing soldiers', 'The army freed 40 rebel fighters on Monday and the rebels released 35 soldiers.'],
    ['a thousand for a thousand', 'Both delegations agreed a release of a thousand for a thousand prisoners of war.'],
    ['Russian: all for all', 'Киев предложил Москве провести обмен по формуле «всех на всех».'],
    [
      'Russian: hostages handed over, then prisoners freed',
      'Движение передало Красному Кресту трех заложников. После этого израильские власти освободили 369 заключенных.',
    ],
    [
      'hostages freed after a government hands over commanders',
      'Eighty-two abducted schoolgirls were freed after the government handed over five Boko Haram commanders.',
    ],
    ['Russian: a deal to hand over prisoners of war', 'Стороны договорились о передаче 1200 военнопленных.'],
    [
      'a two-sided release under a TEL AVIV dateline',
      'TEL AVIV - Hamas released three men on Saturday, and Israel freed 183 Palestinian prisoners hours later.',
    ],
  ])('is found for %s', (_, body) => {
    expect(topic(body)?.id).toBe('prisoner-exchange');
  });

  it.each([
    [
      'a hold lifted in exchange for a vote',
      'The senator released his hold on 400 nominees in exchange for a vote; Democrats said he held the promotions hostage.',
    ],
    [
      'a gunman trading hostages for a phone',
      'The gunman, barricaded in a bank, released two hostages in exchange for a phone before the standoff ended.',
    ],
    ['a ransom', 'The businessman was held captive for 23 days. Kidnappers released him in exchange for a ransom.'],
    ['a plea deal', 'He pleaded guilty in exchange for his testimony and was released on bail; he faces 18 months in prison.'],
    ['a sports trade', 'The club traded its captain for two draft picks; his no-trade clause had held the team hostage.'],
    [
      'a prison service exchanging experience',
      'Делегация ФСИН посетила колонии для обмена опытом работы с осужденными; стороны продолжат обмен специалистами.',
    ],
    ['a domestic hostage-taking in Russian', 'Захватчик отпустил двух заложников в обмен на телефон.'],
    [
      'inmates freeing guards for a meeting with the warden',
      'Inmates at the state prison released two guards they had taken hostage in exchange for a meeting with the warden. The standoff lasted nine hours.',
    ],
    [
      'a budget held hostage',
      'Lawmakers said the governor was holding school funding hostage and would release the money only in exchange for approval of his tax plan.',
    ],
    [
      'prison services exchanging information',
      'Prison officials of both countries agreed to exchange information and training on gangs in prisons.',
    ],
    [
      'a freed pilot returning to flying',
      'The Russian pilot, who spent 12 years in U.S. prisons, said he hoped to return to flying and helps Russians convicted abroad.',
    ],
    [
      'a sentence cut in exchange for cooperation',
      'A judge cut the prison sentence of a Russian hacker from 14 years to eight in exchange for his cooperation.',
    ],
    [
      'an early release in return for wearing a tag',
      'Prisoners freed after serving 40% of their sentence must wear electronic tags in return for their early release.',
    ],
    [
      'Russian: bodies handed over both ways',
      'Россия передала Украине тела 1000 погибших военнослужащих, в ответ украинская сторона передала тела 39 российских военных.',
    ],
    [
      'Russian: a man holding his former wife lets her go for cigarettes',
      'Мужчина, удерживавший в квартире бывшую жену, отпустил ее после переговоров с полицией, получив взамен сигареты.',
    ],
    [
      'a footballer held hostage by his club',
      'LONDON - The agent of a Nigerian striker accused his club of holding the player hostage by refusing to release him.',
    ],
  ])('is not found for %s', (_, body) => {
    expect(topic(body)).toBeUndefined();
  });

  it('scores a topic met only in the last third of an article lower than the same words in its lead', () => {
    const filler = 'The court heard evidence on Monday. Lawyers spoke. The judge adjourned. Reporters waited. The hearing resumed.';
    const swap = 'Russia and the United States carried out a prisoner swap in 2022.';
    const lead = topic(`${swap} ${filler}`)!.score;
    const background = topic(`${filler} ${swap} Officials declined to comment. The next hearing is in May.`)!.score;
    expect(background).toBeLessThan(lead);
  });

  it('keeps a swap recalled only in the closing two sentences below the default threshold', () => {
    const filler = 'The court heard evidence on Monday. Lawyers spoke. The judge adjourned. Reporters waited. The hearing resumed.';
    const swap = 'Russia and the United States carried out a prisoner swap in 2022.';
    expect(topic(`${filler} ${swap}`)).toBeUndefined();
    expect(topic(`${filler} ${swap} Officials declined to comment. The next hearing is in May.`)).toBeDefined();
  });
});

describe('the default minScore', () => {
  it('is the threshold below which the built-in topic is never tagged, so no minScore means minScore 0.5', () => {
    const scores = loadCases()
      .map((c) => topic(c.article.body, c.article.title)?.score)
      .filter((x) => x !== undefined);
    expect(scores.length).toBeGreaterThan(50);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(DEFAULT_TOPIC_MIN_SCORE);
    // A weak rule alone (a release traded for water) scores below it and is not tagged.
    expect(topic('The gang released one woman in return for water.')).toBeUndefined();
  });
});

describe('prisoner-exchange: phenomena that generalise (counts, two-sided releases, crime, shared know-how, pleas, the past)', () => {
  it.each([
    [
      'the same count returned on both sides, in two sentences',
      'Kyiv said 95 of its servicemen came back on Tuesday. Moscow said 95 of its soldiers had been returned from Ukraine.',
    ],
    [
      'an N-for-N deal in figures',
      'Russia and Ukraine began the 1,000-for-1,000 deal agreed in Istanbul, with 390 people returned by each side.',
    ],
    ['Russian: N-for-N in figures', 'Стороны провели первый этап обмена по формуле 1000 на 1000: в пятницу вернулись 390 военнослужащих.'],
    [
      'a two-sided release told in two sentences',
      'Iran released two Europeans on Friday. Hours later Belgium freed an Iranian diplomat convicted of plotting a bombing.',
    ],
    [
      'Russian: held servicewomen handed over, then prisoners freed by a prison service',
      'ХАМАС передал Красному Кресту четырех военнослужащих, удерживавшихся в Газе. Вечером тюремная служба освободила 200 заключенных.',
    ],
    [
      'Russian: a title with hostages returned and prisoners freed',
      'Подробности позже.',
      'ХАМАС вернул четырех заложниц, Израиль освободил 200 палестинцев',
    ],
    [
      "a person handed to one side while the other side's convict is put on a plane home",
      'The teacher was handed to U.S. officials in Abu Dhabi on Tuesday. At the same airport, a Russian convicted in New York was put on a plane bound for Moscow.',
    ],
    [
      "Russian: a person handed over while the other side's convict is put on a plane home",
      'Американку передали сотрудникам посольства США в аэропорту Абу-Даби. Тогда же россиянина, осужденного в Бостоне, посадили на самолет до Москвы.',
    ],
    [
      'a two-sided release by states nobody wrote out by hand (every state and capital is a side)',
      'Senegal freed two Gambian fishermen on Friday, and Banjul released a Senegalese soldier it had detained.',
    ],
    [
      'Russian: a two-sided release by a state and a capital, in their case forms',
      'Вьетнам освободил двух камбоджийских рыбаков, а Пномпень отпустил вьетнамского пограничника, задержанного в мае.',
    ],
    [
      'the rest of a sentence served in another state',
      'Bangkok agreed that the Swiss convict would serve the remainder of his sentence in Switzerland.',
    ],
    [
      'Russian: the rest of a sentence served in another state',
      'Суд Таиланда разрешил осужденному швейцарцу отбывать оставшийся срок в Швейцарии, сообщили в Бангкоке.',
    ],
  ])('is found for %s', (_, body, title?: string) => {
    expect(topic(body, title)?.id).toBe('prisoner-exchange');
  });

  it.each([
    [
      'a bank robber freeing hostages for food',
      'A man who took five people hostage in a failed bank robbery released them in exchange for food and surrendered to police.',
    ],
    ['prison chiefs swapping ideas', 'Prison chiefs from 30 countries met to swap ideas on overcrowding and early release schemes.'],
    [
      'Russian: prison services sharing know-how',
      'Тюремные ведомства договорились об обмене наработками по подготовке осужденных к освобождению.',
    ],
    [
      'a sentence cut in return for information',
      'The accountant was sentenced to seven years in prison in return for information that helped prosecutors.',
    ],
    [
      'prison rehabilitation',
      'The conference discussed the rehabilitation of inmates and their life after release from prison, officials agreed.',
    ],
    [
      'a past swap recalled in the middle of an arrest report',
      'A court jailed a U.S. citizen on Friday. His lawyer will appeal. Russia has in the past freed foreigners in prisoner exchanges. The embassy said it was following the case. A consular officer attended. The next hearing is in May.',
    ],
    ['Russian: bodies received in return', 'Россия передала Украине тела 909 погибших военнослужащих, получив в ответ тела 19 бойцов.'],
    [
      'Russian: bodies handed over in return',
      'Россия передала Украине тела 1000 погибших, в ответ украинская сторона передала тела 39 российских военных.',
    ],
    [
      'a crypto exchange founder',
      'Bankman-Fried, who founded the exchange, was sentenced to 25 years in prison and could be released in 2044.',
    ],
    [
      'a debt ceiling held hostage',
      'Republicans are holding the debt ceiling hostage in exchange for spending cuts, the White House said.',
    ],
    [
      'campaigning for a release between two capitals',
      'The envoy works every day for the release of Americans held in Moscow. Critics say deals with Moscow and Tehran encourage arrests.',
    ],
    [
      "one party named twice (a dateline's country and the same country again)",
      'KADUNA, Nigeria - Sixty villagers abducted in northern Nigeria were freed on Sunday, and the release of the rest is expected soon.',
    ],
    [
      'Russian: one party named twice',
      'Власти Колумбии освободили 20 задержанных фермеров, а правозащитники Колумбии добиваются освобождения остальных.',
    ],
    [
      'the rest of a sentence served in a prison at home',
      "The singer will serve the rest of her sentence in a women's prison in Spain, the court said.",
    ],
    [
      'inmates helped back into society after release, two states named',
      'Prison services of Serbia and Hungary agreed to help inmates return to society after their release.',
    ],
    [
      'Russian: convicts helped back into society, two states named',
      'Тюремные службы Сербии и Венгрии договорились помогать заключенным вернуться в общество после освобождения.',
    ],
    [
      'Russian: a foreign national freed from a colony at the end of the term',
      'Гражданина Германии освободили из исправительной колонии по окончании срока и отправили на родину.',
    ],
    [
      'a citizen released at the end of his sentence and put on a plane home',
      'After serving his sentence in Germany, the Russian citizen was released and put on a plane bound for Moscow, Berlin said.',
    ],
  ])('is not found for %s', (_, body) => {
    expect(topic(body)).toBeUndefined();
  });

  it('gives soldiers handed over in return in a sentence about bodies only supporting weight', () => {
    expect(topic('Россия и Украина передали друг другу по 84 военнослужащих, а также тела погибших.')).toBeUndefined();
    const both = 'Россия и Украина передали друг другу по 84 военнослужащих, а также тела погибших. Военнопленные вернулись на родину.';
    expect(topic(both)?.score).toBeGreaterThan(topic('Военнопленные вернулись на родину.')?.score ?? 0);
  });

  it('does not read years, dates or small numbers as counts that match', () => {
    expect(topic('In 2024 soldiers returned to base. In 2024 the army agreed new rules.')).toBeUndefined();
    expect(topic('On 5 May 5 soldiers came back. The deal was agreed.')).toBeUndefined();
  });
});

describe('prisoner-exchange: sides, pardons, lists and U.S. states', () => {
  it('reads a state and its capital as one side: a dateline "ASHGABAT, Turkmenistan" does not make a release two-sided', () => {
    expect(
      topic(
        'ASHGABAT, Turkmenistan - Turkmenistan released 40 detainees held over the protests on Monday, and officials in Ashgabat said more would be freed later.',
      ),
    ).toBeUndefined();
    expect(
      topic(
        'Officials in Tashkent freed two Kazakh detainees on Monday, and Kazakhstan released three Uzbek prisoners the same afternoon.',
      ),
    ).toBeDefined();
  });

  it('tells Georgia the U.S. state and a Washington-based group from two states', () => {
    expect(
      topic(
        'ATLANTA, Georgia - Two men were freed from a Georgia prison on Thursday after a judge vacated their convictions, and a Washington-based innocence group said it had also won the release of a third inmate.',
      ),
    ).toBeUndefined();
    expect(
      topic('Two men were freed from a Georgia prison on Thursday, and a Washington-based group won the release of a third inmate.'),
    ).toBeUndefined();
    expect(
      topic('Georgia freed a detained American teacher on Tuesday, and Washington released a Georgian national held on fraud charges.'),
    ).toBeDefined();
  });

  it('takes no state from a Russian word or name that only starts like one (грузили, Литвиненко, Франциск)', () => {
    expect(topic('Папа Франциск призвал освободить заключенных, и Россия освободила двоих.')).toBeUndefined();
    expect(topic('Россия освободила двоих заключенных, а Литвиненко освободили позже.')).toBeUndefined();
    expect(topic('Россия освободила 20 заключенных, а потом их грузили в автобусы и освободили еще пятерых.')).toBeUndefined();
    expect(topic('Россия освободила двоих заключенных, а грузинская сторона освободила троих россиян.')).toBeDefined();
  });

  it('does not read an exoneration (convictions vacated or overturned) as one side of a two-sided release', () => {
    expect(
      topic(
        'Two men were freed on Thursday after a judge vacated their convictions, and Washington released a third man from a prison in Georgia.',
      ),
    ).toBeUndefined();
  });

  it("reads a pardon of the other side's nationals answered by a release as two-sided, in English and in Russian", () => {
    expect(
      topic(
        "Estonia's president pardoned two Russian citizens convicted of spying, and Russia freed an Estonian border guard the same day, both governments said.",
      ),
    ).toBeDefined();
    expect(
      topic(
        'Президент Литвы помиловал двух граждан России, осужденных за шпионаж, а Россия в тот же день освободила литовского пограничника.',
      ),
    ).toBeDefined();
  });

  it('does not read a pardon followed by its own release, or pardoned foreigners handed to their state, as an exchange', () => {
    expect(
      topic(
        'The president of Belarus pardoned a Latvian citizen convicted of smuggling, his office said. The man was released and left for Riga.',
      ),
    ).toBeUndefined();
    expect(
      topic(
        'Президент Киргизии помиловал 12 осужденных иностранцев к празднику, их передали пограничникам Казахстана, сообщили в Бишкеке.',
      ),
    ).toBeUndefined();
  });

  it('reads returns told as arrivals and departures (were flown to, boarded a flight, прилетел в, вылетел из) as releases on both sides', () => {
    expect(
      topic(
        'Five Americans jailed in Iran were flown to Doha on Monday, and two Iranians held in the United States boarded a flight to Tehran the same day.',
      ),
    ).toBeDefined();
    expect(
      topic('Осужденный в Эстонии россиянин прилетел в Москву, а накануне из Таллина вылетел задержанный в России гражданин Эстонии.'),
    ).toBeDefined();
    expect(
      topic(
        'Sixty Russians deported by the United States were flown to Moscow on Wednesday, and another group boarded a flight to Cairo, officials said.',
      ),
    ).toBeUndefined();
  });

  it('reads a return or an exchange denied as a one-way release, not a trade', () => {
    expect(topic('No Uzbek citizens held in Tajikistan were released in return, a spokesman for the prosecutor said.')).toBeUndefined();
    expect(topic('Moldova asked for nothing in return for the two Russian citizens it freed, officials said.')).toBeUndefined();
    expect(
      topic('Взамен никого из граждан Казахстана, отбывающих сроки в Киргизии, не освободили, уточнили в прокуратуре.'),
    ).toBeUndefined();
    expect(topic('No prisoner swap is planned for the jailed American, his lawyer said after the appeal hearing.')).toBeUndefined();
    expect(topic('Обмена не будет: осужденному в России гражданину Германии предстоит отбыть весь срок, заявила адвокат.')).toBeUndefined();
    expect(topic('Russia freed two Americans on Thursday, and the United States released three Russian citizens in return.')).toBeDefined();
  });

  it("reads a named prisoner's fate tied to the other side's jailed people as an effort toward a two-sided deal, not a demand", () => {
    expect(
      topic(
        'Вашингтон готов рассмотреть дело Константина Ярошенко, осужденного в США, если российская сторона пойдет навстречу по делам американцев.',
      ),
    ).toBeDefined();
    expect(
      topic(
        'Washington will consider the case of Konstantin Yaroshenko, jailed in the U.S., if Moscow reciprocates on Americans it holds.',
      ),
    ).toBeDefined();
    expect(
      topic('Moscow urged Washington to free Konstantin Yaroshenko, jailed in the U.S., and said it would reciprocate any goodwill.'),
    ).toBeUndefined();
  });

  it('reads a one-for-one return told two sentences apart in Russian, with the landing between them, not a plane landing', () => {
    expect(
      topic(
        'Приговоренный в США за мошенничество программист вернулся в Россию, сообщил адвокат. Самолет с ним приземлился во Внукове утром. Накануне осужденный в России учитель вылетел из Москвы вместе с посланником США.',
      ),
    ).toBeDefined();
    expect(
      topic('Самолет с туристами из США приземлился во Внукове утром, сообщили в аэропорту. Пассажиры вернулись домой.'),
    ).toBeUndefined();
  });

  it('reads names on the table of talks between two states over people they jail as exchange talks, not any talks', () => {
    expect(
      topic(
        'Россия и США продолжают работу по судьбе граждан, находящихся в местах лишения свободы. Есть конкретные фамилии, они на столе. Возможны лишь взаимоприемлемые решения.',
      ),
    ).toBeDefined();
    expect(
      topic(
        'Россия и США продолжают работу по визам для дипломатов, заявил посол. Все вопросы на столе. Возможны лишь взаимоприемлемые решения.',
      ),
    ).toBeUndefined();
  });

  it('reads civilians brought home by each side as a two-sided return, not civilians going home', () => {
    expect(topic('Ukraine brings home civilians as residents of Kursk region return to Russia')).toBeDefined();
    expect(
      topic('Мирных жителей вернули на Украину, а Россия в тот же день вернула своих мирных жителей из Сумской области.'),
    ).toBeDefined();
    expect(
      topic('Civilians returned to their homes in the Kharkiv region of Ukraine after the shelling eased, officials said.'),
    ).toBeUndefined();
  });

  it('reads civilians reunited with their families on one side and back home on the other as a two-sided return, not one side alone', () => {
    expect(
      topic(
        'Nine Ukrainian civilians held in Russia were reunited with their families in Kyiv on Sunday. In Moscow, officials said four residents of the Belgorod region had made it back to Russia the same day.',
      ),
    ).toBeDefined();
    expect(
      topic('Nine Ukrainian civilians held in Russia were reunited with their families in Kyiv on Sunday, the ombudsman said.'),
    ).toBeUndefined();
  });

  it('reads a flight on from a third country answered by an arrival in either word order as a two-sided return, not two trips', () => {
    expect(
      topic(
        'Осужденную американку доставили в Абу-Даби, откуда она улетела в США. В тот же день в Москву прилетел россиянин, задержанный на Кипре по запросу США.',
      ),
    ).toBeDefined();
    expect(topic('Министр культуры улетела в США на выставку. В тот же день в Москву прилетел ее коллега с Кипра.')).toBeUndefined();
  });

  it("reads a named prisoner's fate tied to how the other side will deal with its own jailed people as a two-sided effort, not a court's decision", () => {
    expect(
      topic(
        'Судьба Константина Ярошенко, осужденного в США, будет зависеть от того, как Москва поступит с американцами, отбывающими сроки в России.',
      ),
    ).toBeDefined();
    expect(
      topic('Судьба Константина Ярошенко, осужденного в США, будет зависеть от того, как суд поступит с его жалобой.'),
    ).toBeUndefined();
  });

  it('reads a convict freed by a court who must report to the probation service as a domestic release, not a trade', () => {
    expect(
      topic(
        'Суд освободил осужденного от дальнейшего отбывания наказания из-за болезни. В обмен на освобождение он обязан являться в уголовно-исполнительную инспекцию.',
      ),
    ).toBeUndefined();
    expect(
      topic('Россия освободила двух граждан Эстонии в обмен на освобождение осужденного в Таллине россиянина, сообщил МИД.'),
    ).toBeDefined();
  });

  it("reads soldiers sent for medical rehabilitation after captivity as a return, not an inmate's rehabilitation", () => {
    expect(
      topic(
        'Sixty marines are home after a handover at the border. Officials on the other side said the same number of their soldiers had arrived and were sent for treatment and rehabilitation.',
      ),
    ).toBeDefined();
    expect(
      topic(
        'Sixty inmates are home after their release from the colony. Officials said the same number of their soldiers had arrived and were sent for rehabilitation and reintegration.',
      ),
    ).toBeUndefined();
  });

  it('reads the same count two sentences apart as both sides of a return, not counts further apart or of the dead', () => {
    expect(
      topic(
        '42 военнослужащих возвращены с территории противника. Сейчас их осматривают врачи в госпитале. В Киеве сообщили, что домой вернулись 42 человека.',
      ),
    ).toBeDefined();
    expect(
      topic(
        '42 военнослужащих возвращены с территории противника. Сейчас их осматривают врачи. Родные ждали в госпитале. В Киеве сообщили, что домой вернулись 42 человека.',
      ),
    ).toBeUndefined();
    expect(
      topic('Возвращены тела 42 военнослужащих. Сейчас их опознают эксперты. В Киеве сообщили, что переданы тела 42 человек.'),
    ).toBeUndefined();
  });

  it('reads one side travelling the other way or crossing back as the answer to a release, not travel alone', () => {
    expect(
      topic(
        'The engineer was flown out of Iran after two years in Evin prison. A day later a scientist convicted in the United States was on a plane heading the other way.',
      ),
    ).toBeDefined();
    expect(
      topic(
        'The engineer was flown out of Iran after two years in Evin prison. A day later a scientist convicted in the United States was on a plane to a conference in Vienna.',
      ),
    ).toBeUndefined();
    expect(
      topic(
        "Three farmers detained by Transnistria's guards crossed back over the river on Friday. Moldova's police then handed a Tiraspol man held on smuggling charges to the other side.",
      ),
    ).toBeDefined();
    expect(
      topic(
        "Three farmers detained by Transnistria's guards crossed back over the river on Friday. Moldova's police then handed a Tiraspol man a fine for smuggling.",
      ),
    ).toBeUndefined();
  });

  it('reads ships and cargo released by both sides as things, not prisoners; sailors freed both ways still count', () => {
    expect(
      topic('Each side released a detained grain tanker on Tuesday under an arrangement brokered by Turkey, the ministry said.'),
    ).toBeUndefined();
    expect(
      topic('Each side released detained sailors on Tuesday under an arrangement brokered by Turkey, the ministry said.'),
    ).toBeDefined();
  });

  it('reads remains repatriated under an agreement as the dead, not prisoners returned under it', () => {
    expect(topic('Останки 50 военнослужащих переданы родственникам. Репатриация прошла по договоренности сторон.')).toBeUndefined();
    expect(topic('Пятьдесят военнослужащих вернулись домой. Репатриация прошла по договоренности сторон.')).toBeDefined();
  });

  it("reads talks between two parties over people held in each other's prisons as an exchange, not reciprocal extraditions", () => {
    expect(
      topic("Officials from Iran and Sweden are negotiating over citizens held in each other's prisons, a diplomat said on Monday."),
    ).toBeDefined();
    expect(topic('Москва и Вашингтон ведут переговоры о людях, которые находятся в тюрьмах друг друга, заявил дипломат.')).toBeDefined();
    expect(
      topic("Kazakhstan and Kyrgyzstan agreed to speed up each other's requests to extradite suspects held in custody, prosecutors said."),
    ).toBeUndefined();
  });

  it('does not read a tracked person paroled or pardoned "in return for" good behaviour or testimony as traded', () => {
    expect(topic('Viktor Bout was paroled in return for good behaviour.')).toBeUndefined();
    expect(topic('President Biden pardoned Viktor Bout in return for his testimony.')).toBeUndefined();
    expect(topic('Viktor Bout was released in exchange for Brittney Griner.')).toBeDefined();
  });

  it('reads a place on the list of the next deal as an effort to free a prisoner, not any list', () => {
    expect(
      topic(
        'The sister of a U.S. teacher jailed in Russia asked the White House to make sure he is on the list when the next deal with Moscow is struck.',
      ),
    ).toBeDefined();
    expect(topic('The jailed businessman was put on the list of sanctioned individuals on Monday, the Treasury said.')).toBeUndefined();
  });
});

describe('topic definitions: @same-number, background and distinct groups', () => {
  const custom = createTagger(
    parseWatchlist({
      people: [],
      topics: [
        {
          id: 'job-cuts',
          terms: { CUT: ['job cuts', 'layoffs'], FIRM: ['company', 'firm'], PAST: ['in the past'] },
          rules: [
            { all: ['CUT', 'FIRM'], weight: 0.9 },
            { all: ['@same-number', 'FIRM'], scope: 'nearby', weight: 0.6 },
          ],
          background: ['PAST'],
        },
        {
          id: 'summit',
          terms: { MEET: ['met', 'talks'], PARTY: ['france', 'paris', 'germany', 'united states', 'washington', 'united kingdom'] },
          rules: [{ all: ['MEET', 'PARTY', 'PARTY'], distinct: ['PARTY'], weight: 0.9 }],
          synonyms: [
            ['france', 'paris'],
            ['united states', 'washington'],
          ],
        },
      ],
    }),
  );
  const scoreOf = (id: string, body: string) => custom.tag({ body }).topics.find((t) => t.id === id)?.score;
  const score = (body: string) => scoreOf('job-cuts', body);

  it('fires a rule on the same count written twice, not on two different counts', () => {
    expect(score('The company will shed 450 staff. Another 450 will move.')).toBe(0.6);
    expect(score('The company will shed 450 staff. Another 300 will move.')).toBeUndefined();
  });

  it('reads neither side of a clock time as a count', () => {
    expect(score('The company said at 12:27 that it will shed 12 staff.')).toBeUndefined();
    expect(score('The company met at 10:45. It will shed 45 staff.')).toBeUndefined();
    expect(score('The company will shed 12 staff: 12 more later.')).toBe(0.6);
  });

  it('tells apart counts beyond 2^53 that a double would round to one value', () => {
    expect(score('The company will shed 9007199254740993 staff. Another 9007199254740992 will move.')).toBeUndefined();
    const long = '1'.repeat(400);
    expect(score(`The company will shed ${long} staff. Another ${long.slice(1)}2 will move.`)).toBeUndefined();
  });

  it('matches a count beyond 2^53 written twice, with or without separators and leading zeros', () => {
    expect(score('The company will shed 9007199254740993 staff. Another 9,007,199,254,740,993 will move.')).toBe(0.6);
    expect(score('The company will shed 00000000000000000450 staff. Another 450 will move.')).toBe(0.6);
  });

  it('counts evidence in a sentence holding a background group as background, wherever it sits', () => {
    expect(score('The company announced job cuts on Monday.')).toBe(0.9);
    // 0.9 × the closing-paragraph factor 0.45: below the threshold.
    expect(score('The company announced job cuts in the past.')).toBeUndefined();
  });

  it('needs different words for a distinct group listed twice in a rule: one country named twice is one party', () => {
    const summit = (body: string) => scoreOf('summit', body);
    expect(summit('Leaders of France and Germany met in Paris.')).toBe(0.9);
    expect(summit('Leaders from all over France met in a village in France.')).toBeUndefined();
  });

  it('tells apart two parties of several words that start alike (the United States and the United Kingdom)', () => {
    const summit = (body: string) => scoreOf('summit', body);
    expect(summit('Leaders of the United States and the United Kingdom met in London.')).toBe(0.9);
    expect(summit('Leaders from across the United States met in a town in the United States.')).toBeUndefined();
  });

  it('reads the terms of one synonyms list as one word for distinct: a capital beside its country is one party', () => {
    const summit = (body: string) => scoreOf('summit', body);
    expect(summit('Officials from France met in Paris.')).toBeUndefined();
    expect(summit('Officials from Washington met in the United States.')).toBeUndefined();
    expect(summit('Officials from Germany met in Paris.')).toBe(0.9);
  });

  it('refuses a synonyms list of fewer than two terms, naming the field', () => {
    const topic = { id: 't', terms: { A: ['a word'] }, rules: [{ all: ['A'], weight: 0.9 }], synonyms: [['a word']] };
    expect(() => parseWatchlist({ topics: [topic] })).toThrow(/synonyms\.0.*at least two terms/);
  });

  it('refuses a term listed in two synonyms lists, naming the second place', () => {
    const topic = {
      id: 't',
      terms: { A: ['france', 'paris', 'germany'] },
      rules: [{ all: ['A', 'A'], distinct: ['A'], weight: 0.9 }],
      synonyms: [
        ['france', 'paris'],
        ['Paris', 'germany'],
      ],
    };
    expect(() => parseWatchlist({ topics: [topic] })).toThrow(/synonyms\.1\.0.*already in list 0/);
    expect(() => parseWatchlist({ topics: [{ ...topic, synonyms: [['france', 'paris', 'france']] }] })).not.toThrow();
  });

  it('refuses two terms in two synonyms lists that the matcher folds to one word (ё/е, accents, spacing, case)', () => {
    const topic = (synonyms: string[][]) => ({
      id: 't',
      terms: { A: synonyms.flat() },
      rules: [{ all: ['A', 'A'], distinct: ['A'], weight: 0.9 }],
      synonyms,
    });
    const refused = (synonyms: string[][]) => () => parseWatchlist({ topics: [topic(synonyms)] });
    expect(
      refused([
        ['Ёлкино', 'Москва'],
        ['Елкино', 'Тверь'],
      ]),
    ).toThrow(/synonyms\.1\.0.*"Елкино" is already in list 0/);
    expect(
      refused([
        ['Paris', 'France'],
        ['Berlin', 'Café  de  Flore'],
        ['Cafe de flore', 'Rome'],
      ]),
    ).toThrow(/synonyms\.2\.0.*already in list 1/);
    expect(
      refused([
        ['Paris', 'Nigeria'],
        ['Abuja', 'нигерия'],
      ]),
    ).toThrow(/synonyms\.1\.1.*already in list 0/);
    // A prefix is another term to the matcher than the word it starts.
    expect(
      refused([
        ['Paris', 'France'],
        ['Abuja', 'Franc*'],
      ]),
    ).not.toThrow();
    expect(
      refused([
        ['Paris', 'France'],
        ['Abuja', 'Nigeria'],
      ]),
    ).not.toThrow();
  });

  it('refuses a distinct group that is not defined', () => {
    expect(() =>
      parseWatchlist({ topics: [{ id: 't', terms: { A: ['a word'] }, rules: [{ all: ['A', 'A'], distinct: ['B'], weight: 0.9 }] }] }),
    ).toThrow(/term group "B"/);
  });

  it('refuses a distinct list that is empty, or names a group the rule does not need twice, naming the field', () => {
    const topic = (rule: object) => ({ topics: [{ id: 't', terms: { A: ['a word'], B: ['bee'] }, rules: [{ weight: 0.9, ...rule }] }] });
    expect(() => parseWatchlist(topic({ all: ['A', 'A'], distinct: [] }))).toThrow(/distinct.*at least one term group/);
    expect(() => parseWatchlist(topic({ all: ['A', 'B'], distinct: ['A'] }))).toThrow(
      /rules\.0\.distinct.*"A" must be in at least two entries of all/,
    );
    expect(parseWatchlist(topic({ all: ['A', 'A|B'], distinct: ['A'] })).topics).toHaveLength(1);
  });

  it('names an undefined group only when it is a valid group name, never repeating other text', () => {
    const markup = '<img src=x onerror=alert(1)>';
    const topic = (group: string) => ({ topics: [{ id: 't', terms: { A: ['a word'] }, rules: [{ all: ['A', group], weight: 0.9 }] }] });
    expect(() => parseWatchlist(topic('SWAP'))).toThrow(/rules\.0.*term group "SWAP", which is not defined/);
    const refusal = (() => {
      try {
        parseWatchlist(topic(markup));
      } catch (error) {
        return String(error);
      }
    })();
    expect(refusal).toMatch(/rules\.0.*a term group that is not defined in terms/);
    expect(refusal).not.toContain(markup);
  });

  it('refuses a background group that is not defined', () => {
    expect(() =>
      parseWatchlist({ topics: [{ id: 't', terms: { A: ['a word'] }, rules: [{ all: ['A'], weight: 0.9 }], background: ['PAST'] }] }),
    ).toThrow(/background/);
  });
});

describe("the topic rules' working space", () => {
  it('is let go after a very long article, so what one request grew is not held for as long as the process lives', () => {
    // Prepare: thousands of sentences with the topic's vocabulary, and one sentence with hundreds of its words
    const manySentences = 'Russia freed him in a prisoner swap for Viktor Bout, and exchange talks went on. '.repeat(5_000);
    const oneLongSentence = `Talks on a ${'prisoner swap, an exchange and a release, '.repeat(300)}went on.`;
    const ordinary = 'Russia and the United States carried out a prisoner swap in Abu Dhabi on Thursday.';
    const ordinaryBefore = topic(ordinary);

    // Act
    const long = [topic(manySentences), topic(oneLongSentence)];
    const ordinaryAfter = topic(ordinary);

    // Assess: the same answers as ever, and the working space back within its bound
    expect(long.every((t) => t !== undefined)).toBe(true);
    expect(ordinaryAfter).toEqual(ordinaryBefore);
    expect(workspaceSize().sentences).toBeLessThanOrEqual(WORKSPACE_KEPT.sentences);
    expect(workspaceSize().occurrences).toBeLessThanOrEqual(WORKSPACE_KEPT.occurrences);
    expect(workspaceSize().pooled).toBeLessThanOrEqual(WORKSPACE_KEPT.pooled);
  });
});

/**
 * What kind of event a title says happened to its people: detained, held by a court, sentenced, escaped,
 * freed (a release or an exchange), arrived home, killed, moved between prisons, hurt, put on trial, an
 * appeal, a new charge, a hunger strike, a visit in detention, or a statement. The contract's hard case is
 * different events about the same people hours apart (an arrest, then the court's custody order; a swap,
 * then the arrival home), whose articles share the people, the places and much of the background; their
 * titles name what happened, in either language. Only verbs and set phrases count, not nouns ("before his
 * verdict", "house arrest", "об освобождении"), since a title often names the earlier event as background in
 * a noun.
 */
import { withPlainClasses } from '../text/plain-classes';

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/**
 * A Russian verb's finite forms and short participles after its stem, and nothing else: the past (-л, -ла,
 * -ли), the present or future third person (-ет, -ют, -ит, -ят), the short participle (-н, -ен, -ён, -т, with
 * their endings), each maybe reflexive (-ся, -сь). A noun made from the same stem ("задержание",
 * "освобождении", "возвращения") and a full participle ("задержанный") do not end so, so a stem may be
 * short without taking the nouns a title names its background with.
 */
const RUSSIAN_VERB_ENDING = '(?:л[аио]?|[её]?н[аоы]?|т[аоы]?|[аеёиуюя]т)(?:с[яь])?';
/**
 * Stems (an alternation) read as verbs only. A stem in -и (an -ить verb: "освободи") also takes the third person
 * plural, which drops the -и ("освободят", "отпустят", "покалечат").
 */
const ru = (stems: string) => {
  const plural = stems
    .split('|')
    .filter((stem) => stem.endsWith('и'))
    .map((stem) => stem.slice(0, -1));
  const third = plural.length > 0 ? `|(?:${plural.join('|')})[яа]т(?:с[яь])?` : '';
  return `(?:(?:${stems})${RUSSIAN_VERB_ENDING}${third})${WORD_END}`;
};
/** Up to `n` words in between ("суд в Москве арестовал", "extends Kurmasheva's detention"). */
const gap = (n: number) => `(?:[\\p{L}\\p{N}'’.,-]+ ){0,${n}}`;

/** An English alternation matched as whole words; a Russian one as word starts (`ru` stems end as verbs). */
type Kind = readonly [english: string, russian: string];
const kind = (english: string, russian: string): Kind => [english, russian];

/**
 * What a release may be of other than a person, just after the verb ("Kremlin releases video"): then it is a
 * publication, not a release. The freed kind takes the verb without it, the published kind with it.
 */
const THING_RELEASED = ` ${gap(2)}(?:video|footage|film|photos?|images?|pictures?|statement|report|recording|audio|tape|list|details|data|figures|transcript|letter|documents?|names?|results?|guidance|plan)${WORD_END}`;
/** The same in Russian: "выпустил" a person is a release ("выпустили из СИЗО"), a film or a video a publication. */
const THING_RELEASED_RU = ` ${gap(2)}(?:видео|фильм|ролик|клип|фото|заявлени|доклад|отч[её]т|списо?к|книг|альбом|документ|расследовани|интервью)`;
const RELEASED_RU = ru('выпусти|выпуска|выпущ');
/** What a court decides on appeal: turned down, it is the appeal's outcome, not a refusal stated. */
const DECIDED = '(?:appeal|sentence|verdict|conviction)';
/** "lands" is an arrival, but "lands a six-year sentence" is a sentence. */
const LANDS = `lands(?! (?:a|an)${WORD_END})|landed(?! (?:a|an)${WORD_END})`;

/** The kinds, one bit each; a title may name several ("freed and flown home"). */
const KINDS: readonly Kind[] = [
  // Detained or arrested by the police.
  kind(
    'detains?|detained|arrests|arrested|taken (?:into custody|away|from)|caught|catch(?:es)?|seized|held (?:at|in)|apprehend(?:s|ed)|rounded up|rounds? up|picked up|picks? up',
    `${ru('задержа|задержива|схвати|схвач|увез|увоз')}|арестован`,
  ),
  // Held in custody by a court's order; a court "arrests" in both languages (court arrests, суд арестовал),
  // so a translation of the custody order reads as one (an English "court arrests" is read as a detention too).
  // A custody extended is the court's order again.
  kind(
    `remand(?:s|ed)?|(?:ordered|kept|held|remains?|stays?) in custody|custody (?:order|extended)|held (?:until|for)|pending trial|pre-trial|keeps? ${gap(3)}behind bars|court\\p{L}* (?:\\p{L}+ )?arrests|extend(?:s|ed)? ${gap(3)}(?:detention|custody|arrest)`,
    `под страж|суд\\p{L}* (?:\\p{L}+ )?арест|продл\\p{L}* ${gap(3)}(?:арест|срок\\p{L}* (?:содержания )?под страж)`,
  ),
  // Sentenced or convicted ("jails" is the verb; "Russian jails" the noun before a preposition or at the end).
  kind(
    `sentences|sentenced|convicts|convicted|found guilty|jailed for|jails(?= )(?! (?:in|of|and|are|were|across|where|for)${WORD_END})|(?:gets|got|given|gives|handed|hands|receives?|received|lands?|landed) (?:an? )?(?:\\p{L}+ )?(?:life|[\\p{L}\\d.,-]+(?: and a half)?(?: more)?[ -]years?)`,
    `${ru('приговори|приговор|осуди|осужд')}|признал\\p{L}* виновн|(?:дали|получил\\p{L}*|добавил\\p{L}*) ${gap(4)}(?:год|лет|к сроку)`,
  ),
  // Escaped.
  kind('escapes?|escaped|flees?|fled|slips out|abscond(?:s|ed)?', `${ru('сбежа|бежа|убежа')}|скрыл`),
  // Freed: a release or an exchange (an exchange frees both sides, and "обмен" is its noun as "swap" is).
  kind(
    `frees|freed|releas(?:es?|ed)(?!${THING_RELEASED})|swaps?|swapped|exchanges?|exchanged|trades?|traded|pardon(?:s|ed)|walk(?:s|ed)? free|set free|let go`,
    `${ru('освободи|освобожд|освобожда|обменя|обменива|отпусти|отпуска|отпущ|помилова')}|${RELEASED_RU}(?!${THING_RELEASED_RU})|обмен|на свобод`,
  ),
  // Arrived or came home ("home" after a verb of coming: "raid on his home" is no arrival).
  kind(
    `arrives?|arrived|${LANDS}|touch(?:es|ed)? down|returns|returned|back (?:on|in|home)|(?:comes?|came|coming|flown|flies|flew|heads?|headed|goes|went|is|are|finally|way) home|greets?|greeted|welcomes?|welcomed|reunited`,
    `${ru('прилете|прилета|прилет|прибы|прибыва|верну|верн|возвраща|возвращ|приземли|приземля')}|(?:встрети|встреча)(?:л[аио]?|[аеёиуюя]т)${WORD_END}`,
  ),
  // Killed, died or crashed ("jet crash" alone is a noun: the crash named as what a statement is about).
  kind(
    'crash(?:es|ed)|dies|died|dead|killed|kills|death toll',
    `число жертв|${ru('разби|сконча|уби')}|(?:погиб|умер)(?:л[аио]?)?${WORD_END}`,
  ),
  // Moved from one prison to another.
  kind(
    'moved (?:from|to|out)|transferred|transfers|relocated|taken to|evacuated|airlifted|hospitali[sz]ed',
    ru('вывез|вывози|перевез|перевози|переве|перевё|перевед|перевод|этапирова|помести|помещ|достави|доставл|госпитализирова|эвакуирова'),
  ),
  // Hurt: wounded, beaten, attacked.
  kind('wounded|injured|beaten|attacked|stabbed|assaulted', ru('ран|рани|изби|избива|напа|покалечи')),
  // Put on trial: a trial opening ("goes on trial", "начался суд").
  kind(
    '(?:goes|go|went|stands?|stood) on trial|stands? trial|trial (?:opens|opened|begins|began|starts|started)',
    `начал\\p{L}* ${gap(1)}(?:процесс|суд |рассмотрени)|предстал\\p{L}* перед судом`,
  ),
  // An appeal lodged or decided.
  kind(
    `appealed|appeal(?:s|ed)? against|(?:files?|filed|lodges?|lodged) (?:an )?appeal|appeal (?:fails|failed|rejected|dismissed|upheld|lost)|(?:rejects?|rejected|dismiss(?:es|ed)?|turns? down|turned down|upholds?|upheld) ${gap(4)}${DECIDED}`,
    `${ru('обжалова|обжалу|оспори|оспарива')}|подал\\p{L}* ${gap(1)}(?:апелляц|жалоб)|(?:отклонил|оставил)\\p{L}* ${gap(2)}(?:апелляц|жалоб|приговор\\p{L}* в силе|в силе)`,
  ),
  // A new charge or case against someone already held.
  kind(
    `charged|indicted|faces? ${gap(2)}charges?|(?:opens?|opened) ${gap(3)}case`,
    `${ru('обвини|обвин|обвиня|предъяви')}|возбуд\\p{L}* ${gap(3)}дел`,
  ),
  // A hunger strike (declared, held or ended).
  kind('hunger strike|stops? eating|stopped eating|refus(?:es?|ed|ing) food', `голодовк|${ru('голода')}|отказ\\p{L}* от (?:еды|пищи)`),
  // A visit in detention (a consul's, a relative's).
  kind(
    `consul\\p{L}* ${gap(3)}(?:visits?|visited|sees?|saw|meets?|met)|consular (?:visit|access granted)|visits? ${gap(4)}in (?:prison|jail|custody|detention)`,
    `консул\\p{L}* ${gap(3)}(?:посети|навести|встрети)|${ru('посети|навести')} ${gap(3)}(?:в )?(?:сизо|колони|тюрьм|изолятор)`,
  ),
  // A court's restrictions short of custody: a ban on going out, on the internet, on leaving the city.
  kind('bans|banned|(?<!behind )bars|barred|restricts|restricted', ru('запрети|запрещ|запреща|ограничи|огранич')),
  // Published something: a film, a video, a report ("releases video" is no release of a person).
  kind(`publish(?:es|ed)|releas(?:es?|ed)${THING_RELEASED}`, `${ru('опубликова|публику')}|${RELEASED_RU}${THING_RELEASED_RU}`),
  // Said something about an event: condolences, a denial, a refusal (to comment, or of an offer), a request, a
  // call to act. Such a title names the event it answers too ("breaks silence on jet crash"); that is not what happened.
  kind(
    `breaks? (?:\\p{L}+ )?silence|condolences|(?:denies|rejects?|rejected|dismisses) (?:\\p{L}+ )?(?:claims|accusations|allegations|reports)|(?:declines?|declined|refuses?|refused) to comment|urges?|urged|calls? (?:on|for)|message to|(?:asks?|asked) ${gap(3)}for|demands?|demanded|says no to|(?:turns? down|turned down)(?! ${gap(2)}${DECIDED})|(?:rejects?|rejected) ${gap(3)}(?:offer|proposal|request|plea|deal)`,
    'соболезнован|опроверг|ложью|отказал\\p{L}* (?:от )?коммент|призвал|призыва|требу|потребова|отверг',
  ),
];

/** The statement kind's bit: a title that names it says what was said, and the other kinds it names are what that answers. */
const SAID = 1 << (KINDS.length - 1);

/**
 * English participles not in -ed, of the kinds' verbs and their like ("beaten reporter evacuated", "held American"):
 * a handful of words, since most of the kinds' English verbs are regular.
 */
const IRREGULAR_PARTICIPLES = 'beaten|bitten|taken|held|shot|hurt|kept|struck|slain|flown|stolen|thrown|hidden|driven';
/**
 * A participle before its noun ("greet freed Americans", "jailed critic moved", "родным погибших",
 * "освобождённых американцев", "голодающего") describes the people, not what happened to them now: it is
 * dropped before the kinds are read. An English participle counts as the title's verb only before a
 * preposition, a conjunction, a time, a gerund or the title's end ("freed in swap", "sentenced to", "detained,
 * wife says", "wounded fighting in Ukraine").
 */
const ENGLISH_PARTICIPLE = `(?:\\p{L}+ed|${IRREGULAR_PARTICIPLES}) (?!(?:in|into|until|away|by|after|from|as|and|on|at|to|for|with|under|over|out|amid|following|before|during|early|late|today|tonight|again|while|but|or|near|outside|inside|off|back|home|up|down|over|without)(?![\\p{L}\\p{N}])|\\p{L}+ing(?![\\p{L}\\p{N}]))(?=\\p{L})`;
/**
 * Other English words that name an event without saying it happened, dropped too: an infinitive of a kind's
 * verb is a purpose ("proposal to free", "vows to bring him home"), a gerund after a preposition a topic
 * ("hope of coming home"), and an exchange after one the background ("left out of the swap", "talks on a swap"):
 * both without the preposition, so "jailed for spying" keeps "jailed for" and "calls for freeing" or "calls for
 * prisoner swap" their "calls for".
 */
const ENGLISH_NOT_HAPPENED = `to (?:free|release|swap|exchange|trade|detain|arrest|jail|sentence|convict|return|bring|visit|charge|transfer|move)|(?<=${WORD_START}(?:of|about|for) )\\p{L}+ing|(?<=${WORD_START}(?:of|over|about|on|for) )(?:\\p{L}+ ){0,2}(?:swaps?|exchanges?|trades?)`;
const ENGLISH_ATTRIBUTIVE = `${WORD_START}(?:${ENGLISH_PARTICIPLE}|(?:${ENGLISH_NOT_HAPPENED})${WORD_END})`;
/**
 * What a title says did not happen, or was only claimed: a negation or a sparing to the clause's end (a
 * punctuation mark, a dash standing alone or a conjunction: "spared pre-trial detention but barred from the web",
 * "not freed — moved to a colony", "not guilty", "избежал ареста", "не отпустил"),
 * and a claim's reported clause ("over claim that Russia was attacked"), the claim itself kept, since a denial
 * of it is a statement ("denies claims that …"). Dropped before the kinds are read.
 */
const CLAUSE_WORD = `(?: (?!(?:but|and|yet|while|as|after|when|а|но|и|после|когда|[-–—])${WORD_END})[^ ,:;!?]+)`;
const NOT_HAPPENED = `${WORD_START}(?:(?:not|never|without|spared|avoids?|avoided|dodges?|dodged|не|без|избежал\\p{L}*|избежит|избега\\p{L}*)${CLAUSE_WORD}+|that(?<=${WORD_START}(?:claims?|allegations?|rumou?rs?|suggestions?) that)${CLAUSE_WORD}+)`;
/**
 * A speaker before a colon at the title's start ("State Department: …", "Госдеп: …", "Bout: 'I have not given
 * up'"): where the title names no kind of event, what follows is what the speaker said, a statement.
 */
const SPEAKER = "^(?:[\\p{L}.'’-]+ ){0,3}[\\p{L}.'’-]+: ";
const RUSSIAN_ATTRIBUTIVE =
  '(?<![\\p{L}\\p{N}])\\p{L}+(?:нн|вш|ш|ющ|ущ|ащ|ящ)(?:ый|ий|ая|ое|ее|ые|ие|ого|его|ой|ей|ому|ему|ым|им|ых|их|ую|юю|ыми|ими)(?![\\p{L}\\p{N}])';
/**
 * A speaker is named, so the word before the colon is capitalised as written ("State Department:", "Lynne Tracy:",
 * "Госдеп:"); a topic is not ("Задержание блогера: что известно"). A title's first word is capitalised anyway, so
 * there the noun of an action is a topic too ("Задержание:", "Negotiations:").
 */
const ACTION_NOUN = /(?:tions?|sions?|ings?|ние|тие)$/;
function speakerIsNamed(title: string): boolean {
  const colon = title.indexOf(': ');
  const before = title.slice(0, colon);
  const word = before.slice(before.lastIndexOf(' ') + 1);
  const first = word[0] ?? '';
  if (first === first.toLowerCase()) return false;
  return word.length < before.length || !ACTION_NOUN.test(word.toLowerCase());
}

/**
 * What follows a speaker's colon reads as said: a quotation, a negation, a first person, an auxiliary or a modal, an
 * infinitive ("too early to talk…"), a dash standing for the Russian copula ("дело — месть"), or a Russian verb's
 * form (past, present, infinitive, short participle or adjective: "воевал", "отказывают", "обсуждать",
 * "опустошены"). Generous on purpose: a heading read as said is a statement, as every such title was before, while
 * a statement read as a heading could join the event it comments on.
 */
const SAYS = `(?:^|\\s)['‘“"«„]|(?<![\\p{L}\\p{N}])(?:no|not|never|nothing|none|nobody|i|we|i'm|we're|we'll|is|are|was|were|be|been|will|would|won't|can|cannot|can't|could|must|should|shall|may|might|has|have|had|does|did|do|doesn't|don't|didn't|isn't|aren't|wasn't|нет|не|ни|никаких|никто|ничего|я|мы|будет|будут|был|была|было|были)(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])to (?!(?:the|a|an|his|her|its|their|our|this|that|these|those)(?![\\p{L}\\p{N}]))\\p{L}| [—–-] |[а-яё](?:[аеиоуыя]л[аио]?|[аяеиуоы]ть|[еёюуия]т|ат|[еёая]н[аоы]?|нн[аоы])(?:с[яь])?(?![\\p{L}\\p{N}])`;
/** An English verb in -s after a capitalised subject ("Kremlin: Putin backs the plan"), read on the title as written. */
const SUBJECT_VERB = /(?<![A-Za-z])[A-Z][\w'’-]* [a-z]{2,}[a-rt-z]s(?![A-Za-z])/;
/**
 * A heading opens with a question word ("what we know", "что известно", "how the swap was done"): a roundup of the
 * event, whatever verb follows.
 */
const HEADING = '^(?:what|who|why|how|where|when|which|что|кто|почему|как|где|когда|зачем|чем|какие|какой|сколько)(?![\\p{L}\\p{N}])';
/**
 * Whether what follows a title's first colon reads as said, not as a roundup's heading ("X: what we know", "X: the
 * latest", "Live: X in court", "Explainer: the case against X"), which names no kind of event: the article is
 * then judged by the rest, as a title that names none.
 */
function saysSomething(title: string, says: RegExp, heading: RegExp): boolean {
  const rest = title.slice(title.indexOf(': ') + 2).trim();
  const lower = rest.toLowerCase();
  if (heading.test(lower)) return false;
  return says.test(lower) || SUBJECT_VERB.test(rest);
}

/**
 * The patterns, compiled by the first title read and kept as strings until then: V8 builds a Unicode
 * property class from ICU's tables when it parses a literal, used or not, which ingest would pay at every
 * cold start (see text/lazy-regexp.ts).
 */
let compiled:
  | { kinds: RegExp[]; notHappened: RegExp; english: RegExp; russian: RegExp; speaker: RegExp; says: RegExp; heading: RegExp }
  | undefined;
function patterns() {
  const re = (source: string, flags = '') => new RegExp(withPlainClasses(source), flags);
  compiled ??= {
    kinds: KINDS.map(([english, russian]) => re(`${WORD_START}(?:(?:${english})${WORD_END}|(?:${russian}))`)),
    notHappened: re(NOT_HAPPENED, 'g'),
    english: re(ENGLISH_ATTRIBUTIVE, 'g'),
    russian: re(RUSSIAN_ATTRIBUTIVE, 'g'),
    speaker: re(SPEAKER),
    says: re(SAYS),
    heading: re(HEADING),
  };
  return compiled;
}

/** The kinds of event a title names, as bits (0 when it names none of them). */
export function eventKinds(title: string): number {
  const { kinds: patternsOfKinds, notHappened, english, russian, speaker, says, heading } = patterns();
  const text = title.toLowerCase().replace(notHappened, '').replace(english, '').replace(russian, '');
  let kinds = 0;
  for (let i = 0; i < patternsOfKinds.length; i++) if (patternsOfKinds[i]!.test(text)) kinds |= 1 << i;
  if (kinds === 0 && speaker.test(text) && speakerIsNamed(title) && saysSomething(title, says, heading)) return SAID;
  return kinds & SAID ? SAID : kinds;
}

/** Whether two titles name different kinds of event: both name some, and none in common. */
export function differentEvents(a: number, b: number): boolean {
  return a !== 0 && b !== 0 && (a & b) === 0;
}

/**
 * What kind of event a title says happened to its people: detained, held by a court, sentenced, escaped,
 * freed (a release or an exchange), arrived home, or killed. The contract's hard case is different
 * events about the same people hours apart (an arrest, then the court's custody order; a swap, then the
 * arrival home), whose articles share the people, the places and much of the background; their titles
 * name what happened, in either language. Only verbs and set phrases count, not nouns ("before his
 * verdict", "house arrest"), since a title often names the earlier event as background in a noun.
 */

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

/** An English alternation matched as whole words, a Russian one as word starts (its endings vary with case and tense). */
type Kind = readonly [english: string, russian: string];
const kind = (english: string, russian: string): Kind => [english, russian];

/** The kinds, one bit each; a title may name several ("freed and flown home"). */
const KINDS: readonly Kind[] = [
  // Detained or arrested by the police.
  kind('detains?|detained|arrests|arrested|taken into custody|caught|catch(?:es)?|seized|held (?:at|in)', 'задерж|схвач|схвати|арестован'),
  // Held in custody by a court's order; a court "arrests" in both languages (court arrests, суд арестовал),
  // so a translation of the custody order reads as one (an English "court arrests" is read as a detention too).
  kind(
    'remand(?:s|ed)?|(?:ordered|kept|held|remains?|stays?) in custody|custody (?:order|extended)|held (?:until|for)|pending trial|pre-trial|court\\p{L}* (?:\\p{L}+ )?arrests',
    'под страж|суд\\p{L}* (?:\\p{L}+ )?арест',
  ),
  // Sentenced or convicted.
  kind(
    'sentences|sentenced|convicts|convicted|jailed for|(?:gets|given|handed) [\\p{L}\\d.,-]+(?: and a half)? years?',
    'приговор(?:ил|ен|ён)|осуди|осужд',
  ),
  // Escaped.
  kind('escapes?|escaped|flees?|fled|slips out|abscond(?:s|ed)?', 'сбежа|бежал|скрыл'),
  // Freed: a release or an exchange (an exchange frees both sides).
  kind('frees?|freed|releases?|released|swaps?|swapped|exchanges?|exchanged|trades?|traded', 'освобо|обмен|обменя|на свобод|отпуст'),
  // Arrived or came home.
  kind(
    'arrives?|arrived|lands|landed|returns|returned|back (?:on|in|home)|home|greets?|greeted|welcomes?|welcomed|reunited',
    'прилет|прибыл|вернул|возвращ|встрети|встретил|приземл',
  ),
  // Killed, died or crashed ("jet crash" alone is a noun: the crash named as what a statement is about).
  kind('crash(?:es|ed)|dies|died|dead|killed|kills', 'разби|погиб|умер|скончал'),
  // Moved from one prison to another.
  kind('moved (?:from|to|out)|transferred|transfers', 'вывез|перевез|перевел|перевед|этапир'),
  // Said something about an event: condolences, a denial, a refusal to comment, a call to act. Such a
  // title names the event it answers too ("breaks silence on jet crash"); that is not what happened.
  kind(
    'breaks? (?:\\p{L}+ )?silence|condolences|(?:denies|rejects?|rejected|dismisses) (?:\\p{L}+ )?(?:claims|accusations|allegations|reports)|(?:declines?|declined|refuses?|refused) to comment|urges?|urged|calls? (?:on|for)|message to',
    'соболезнован|опроверг|ложью|отказал\\p{L}* (?:от )?коммент|призвал|призыва',
  ),
];

/** The statement kind's bit: a title that names it says what was said, and the other kinds it names are what that answers. */
const SAID = 1 << (KINDS.length - 1);

/**
 * A participle before its noun ("greet freed Americans", "jailed critic moved", "родным погибших",
 * "освобождённых американцев") describes the people, not what happened to them now: it is dropped before
 * the kinds are read. An English participle counts as the title's verb only before a preposition, a
 * conjunction, a time or the title's end ("freed in swap", "sentenced to", "detained, wife says").
 */
const ENGLISH_ATTRIBUTIVE =
  '(?<![\\p{L}\\p{N}])\\p{L}+ed (?!(?:in|into|by|after|from|as|and|on|at|to|for|with|under|over|out|amid|following|before|during|early|late|today|tonight|again|while|but|or|near|outside|inside|off|back|home|up|down|over|without)(?![\\p{L}\\p{N}]))(?=\\p{L})';
const RUSSIAN_ATTRIBUTIVE =
  '(?<![\\p{L}\\p{N}])\\p{L}+(?:нн|вш|ш)(?:ый|ий|ая|ое|ее|ые|ие|ого|его|ой|ей|ому|ему|ым|им|ых|их|ую|юю|ыми|ими)(?![\\p{L}\\p{N}])';

/**
 * The patterns, compiled by the first title read and kept as strings until then: V8 builds a Unicode
 * property class from ICU's tables when it parses a literal, used or not, which ingest would pay at every
 * cold start (see text/lazy-regexp.ts).
 */
let compiled: { kinds: RegExp[]; english: RegExp; russian: RegExp } | undefined;
function patterns() {
  compiled ??= {
    kinds: KINDS.map(([english, russian]) => new RegExp(`${WORD_START}(?:(?:${english})${WORD_END}|(?:${russian}))`, 'u')),
    english: new RegExp(ENGLISH_ATTRIBUTIVE, 'gu'),
    russian: new RegExp(RUSSIAN_ATTRIBUTIVE, 'gu'),
  };
  return compiled;
}

/** The kinds of event a title names, as bits (0 when it names none of them). */
export function eventKinds(title: string): number {
  const { kinds: patternsOfKinds, english, russian } = patterns();
  const text = title.toLowerCase().replace(english, '').replace(russian, '');
  let kinds = 0;
  for (let i = 0; i < patternsOfKinds.length; i++) if (patternsOfKinds[i]!.test(text)) kinds |= 1 << i;
  return kinds & SAID ? SAID : kinds;
}

/** Whether two titles name different kinds of event: both name some, and none in common. */
export function differentEvents(a: number, b: number): boolean {
  return a !== 0 && b !== 0 && (a & b) === 0;
}

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
function kind(english: string, russian: string): RegExp {
  return new RegExp(`${WORD_START}(?:(?:${english})${WORD_END}|(?:${russian}))`, 'u');
}

/** The kinds, one bit each; a title may name several ("freed and flown home"). */
const KINDS: readonly RegExp[] = [
  // Detained or arrested by the police.
  kind('detains?|detained|arrests|arrested|caught|catch(?:es)?|seized|held (?:at|in)', 'задерж|схвач|схвати|арестован'),
  // Held in custody by a court's order (in Russian a court "arrests": суд арестовал).
  kind('remand(?:s|ed)?|custody|held (?:until|for)|pending trial|pre-trial', 'под страж|суд\\p{L}* (?:\\p{L}+ )?арест'),
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
  // Killed, died or crashed.
  kind('crash(?:es|ed)?|dies|died|dead|killed|kills', 'разби|погиб|умер|скончал'),
];

/** The kinds of event a title names, as bits (0 when it names none of them). */
export function eventKinds(title: string): number {
  const text = title.toLowerCase();
  let kinds = 0;
  for (let i = 0; i < KINDS.length; i++) if (KINDS[i]!.test(text)) kinds |= 1 << i;
  return kinds;
}

/** Whether two titles name different kinds of event: both name some, and none in common. */
export function differentEvents(a: number, b: number): boolean {
  return a !== 0 && b !== 0 && (a & b) === 0;
}

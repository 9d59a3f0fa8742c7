/**
 * What an article's lead says happened, and on which day. A title often names no kind of event ("X: what we
 * know", "Latest on X", "Суд отправил X в СИЗО"), but a wire story's first sentence says what happened and when
 * ("A Moscow court on Friday ordered X held…", "…в пятницу заключил под стражу…"). Two reports of one event
 * name the same day; different events about the same people days apart do not. Only the sentence's main clause
 * is read: a clause set off by commas that opens with a relative word ("X, who was detained on Monday, …", "…,
 * которого накануне задержали, …"), or, before the sentence goes on, with a participle or an article ("X, ousted
 * on Friday, will…", "X, the Frenchman detained on Thursday, was…") recounts the background.
 */
import { withPlainClasses } from '../text/plain-classes';

const DAY = 86_400_000;
/** Moscow's offset from UTC (no summer time since 2014). */
const MOSCOW = 3 * 3_600_000;
/** A lead is looked for in the body's first characters: one sentence, however long. */
const LEAD_CHARS = 400;

/** The words that open a clause recounting something else: English relative words, Russian relative pronouns (который, чей in any case). */
const RELATIVE_OPENING = withPlainClasses(
  '^(?:who|whose|whom|which|where|when|котор\\p{L}*|чей|чь[её]\\p{L}*|чья|чью|чьи|где|когда|куда|откуда)(?![\\p{L}\\p{N}])',
);
/**
 * An appositive or a participle's clause, read as background only where the sentence goes on after it
 * ("X, the boxer whose …, appealed to …": the last clause, "appealed to …", is the verb).
 */
const ENCLOSED_OPENING = withPlainClasses(
  '^(?:the|a|an|once|formerly|\\p{L}+ed|\\p{L}+(?:нн|вш|ш|ющ|ущ|ащ|ящ)(?:ый|ий|ая|ое|ее|ые|ие|ого|его|ой|ей|ым|им|ых|их|ую))(?![\\p{L}\\p{N}])',
);

let compiled:
  | { anyDay: RegExp; relative: RegExp; enclosed: RegExp; english: RegExp; russian: RegExp; nightTo: RegExp; nightFrom: RegExp }
  | undefined;
function patterns() {
  const reg = (source: string) => new RegExp(withPlainClasses(source), 'g');
  compiled ??= {
    // Any weekday's stem, in any case: a lead without one (most) is read no further.
    anyDay: /(?:sun|mon|tues|wednes|thurs|fri|satur)day|понедельн|вторник|сред[уы]|четверг|пятниц|суббот|воскресен/i,
    relative: new RegExp(RELATIVE_OPENING),
    enclosed: new RegExp(ENCLOSED_OPENING),
    english: reg('(?<![\\p{L}\\p{N}])(sun|mon|tues|wednes|thurs|fri|satur)day(?![\\p{L}\\p{N}])'),
    russian: reg('(?<![\\p{L}\\p{N}])(?:в|во) (воскресенье|понедельник|вторник|среду|четверг|пятницу|субботу)(?![\\p{L}\\p{N}])'),
    // "в ночь на пятницу" is the night before Friday; "в ночь с четверга на пятницу" names the evening's day.
    nightTo: reg('(?<![\\p{L}\\p{N}])в ночь на (воскресенье|понедельник|вторник|среду|четверг|пятницу|субботу)(?![\\p{L}\\p{N}])'),
    nightFrom: reg('(?<![\\p{L}\\p{N}])в ночь с (воскресенья|понедельника|вторника|среды|четверга|пятницы|субботы)(?![\\p{L}\\p{N}])'),
  };
  return compiled;
}

const ENGLISH_DAYS = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur'];
const RUSSIAN_DAYS = ['воскресенье', 'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу'];
const RUSSIAN_DAYS_FROM = ['воскресенья', 'понедельника', 'вторника', 'среды', 'четверга', 'пятницы', 'субботы'];

/** The body's first sentence (of its first LEAD_CHARS characters), lower-cased. */
export function leadSentence(body: string): string {
  const text = body.trimStart().slice(0, LEAD_CHARS);
  // A sentence ends at a full stop, a question or an exclamation mark before a space and a capital or a quote.
  const end = text.search(/[.!?](?=\s+[A-ZА-ЯЁ"«“‘'(])/);
  return (end < 0 ? text : text.slice(0, end)).toLowerCase();
}

/**
 * The sentence without the clauses set off by commas, dashes or brackets that recount the background (see
 * RELATIVE_OPENING and ENCLOSED_OPENING). The first clause is always kept: it is where the sentence's subject stands.
 */
export function mainClause(sentence: string): string {
  const { relative, enclosed } = patterns();
  const parts = sentence.split(/\s*(?:,|;|\s[–—-]\s|\(|\))\s*/);
  const last = parts.length - 1;
  const kept = parts.filter((part, i) => i === 0 || !(relative.test(part) || (i < last && enclosed.test(part))));
  return kept.join(', ');
}

/**
 * The weekday the clause names, 0 (Sunday) to 6, or -1 when it names none or several: "on Friday", "Thursday
 * night", "в пятницу", "в ночь на пятницу" (the night before Friday: Thursday's), "в ночь с четверга на пятницу".
 * A clause that names two days ("fired on Friday, … said on Monday") does not say which is its event's.
 */
export function weekdayOf(clause: string): number {
  const { english, russian, nightTo, nightFrom } = patterns();
  const days = new Set<number>();
  for (const m of clause.matchAll(english)) days.add(ENGLISH_DAYS.indexOf(m[1]!));
  for (const m of clause.matchAll(nightFrom)) days.add(RUSSIAN_DAYS_FROM.indexOf(m[1]!));
  for (const m of clause.matchAll(nightTo)) days.add((RUSSIAN_DAYS.indexOf(m[1]!) + 6) % 7);
  // "в ночь на пятницу" holds "на пятницу", not "в пятницу"; "в ночь с четверга на пятницу" neither.
  for (const m of clause.matchAll(russian)) days.add(RUSSIAN_DAYS.indexOf(m[1]!));
  return days.size === 1 ? days.values().next().value! : -1;
}

/** A lead's weekday names a day at most this many days before the article's: a later one is no report of what happened. */
const RECENT_DAYS = 2;

/**
 * The day (days since the epoch) a weekday names, seen from an article published at `time`: the latest such
 * day on or before the article's date in Moscow (UTC+3), where most of the events these stories follow happen (a
 * later zone's date would take "when markets open on Monday", written on Sunday evening, for a report of Monday;
 * an earlier zone's would miss a Moscow event of Tuesday reported late on Monday, UTC). -1 when that day is more than RECENT_DAYS
 * before the article's: a lead reports what happened in the last day or two, so the weekday is one to come
 * ("when markets open on Monday") or long past.
 */
export function dayNamed(weekday: number, time: number): number {
  const base = Math.floor((time + MOSCOW) / DAY);
  // 1 January 1970 was a Thursday (4).
  const back = (((base + 4) % 7) - weekday + 7) % 7;
  return back > RECENT_DAYS ? -1 : base - back;
}

/**
 * The day an article's lead names by its weekday (`dayNamed` of `weekdayOf` its main clause), or -1: what
 * the features keep. A lead whose characters hold no weekday's stem, most of them, is read no further.
 */
export function leadDay(body: string, time: number): number {
  // Looked for in the lead's characters before its sentence is found and lower-cased.
  if (!patterns().anyDay.test(body.slice(0, LEAD_CHARS + Math.max(0, body.search(/\S/))))) return -1;
  const weekday = weekdayOf(mainClause(leadSentence(body)));
  return weekday < 0 ? -1 : dayNamed(weekday, time);
}

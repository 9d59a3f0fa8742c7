import { ASCII_END } from '../text/char-codes';
import type { TaggableField } from '../article';
import { isCyrillicCode, isCyrillicText, keyEquals, keyOf } from '../text/word-keys';
import type { PersonEntry } from '../watchlist';
import { GIVEN_NAMES, COMMON_SURNAMES, isAmbiguousSurname } from './common-words';
import { capitalised, hitKeyOk, introductionBefore, joined, joinedAt, nameLikeAround, type FieldScan } from './context';
import { isRussianWord } from './russian-words';
import { otherScriptKeys } from './transcribe';
import { ALIAS, RULE_CODES, SURNAME, PeopleTablesBuild, keysOf, pairKey, type PeopleTables, type SurnameRule } from './people-tables';
import { ROLE, nameWords, type Vocab } from './vocab';

/** A found mention (internal: carries the sentence for topic rules). */
export interface Mention {
  person: number;
  field: TaggableField;
  start: number;
  end: number;
  sent: number;
}

interface Alias {
  person: number;
  order: number;
  ids: number[];
  /** One word that is also a common word: must read as a name (capitalised). */
  needsCapital: boolean;
}

interface Surname {
  person: number;
  ids: number[];
  keys: string[];
  /** Scripts the surname was written in by the user (a cross-script match of an ordinary word does not count). */
  latin: boolean;
  cyrillic: boolean;
}

interface Person {
  rule: SurnameRule;
  /** Keys of the person's own name words (a given name before the surname is not "another person"). */
  own: readonly string[];
  /** Keys of the given names (own name words that are not a surname): "V. Bout", "Viktor A. Bout". */
  given: readonly string[];
  /** The surname is ambiguous only as an ordinary word ("bout"), not as a common name: a title before it settles it ("Mr. Bout"). */
  wordOnly: boolean;
}

export interface Candidate {
  person: number;
  field: TaggableField;
  start: number;
  end: number;
  sent: number;
  claimed: boolean;
  /** Introduced by the person's initial or given name with a middle initial/patronymic: as good as the full name. */
  introduced: boolean;
  /** A courtesy title directly before ("Mr. Bout"). */
  titled: boolean;
  /** Written in the other script as an ordinary word there (Мост for Most): only with the person named in full. */
  plainWord: boolean;
}

/** Which of a person's key lists (see PeopleMatcher.keyList). */
const OWN = 0;
const GIVEN = 1;
/** Roles of a word that can start a full name or an alias. */
const NAME_START = ROLE.alias | ROLE.pair;
const ALWAYS = RULE_CODES.indexOf('always');
const ESTABLISHED = RULE_CODES.indexOf('established');
const NEVER = RULE_CODES.indexOf('never');
const wordCount = (s: string) => s.trim().split(/\s+/).length;

/** Full names, aliases and surnames of every tracked person, compiled into one vocabulary. */
export class PeopleMatcher {
  /**
   * One-word aliases by their word id; longer ones by their first, then second word id, so a common
   * first name does not mean many candidates.
   */
  private readonly singles = new Map<number, Alias[]>();
  private readonly pairs = new Map<number, Map<number, Alias[]>>();
  private readonly surnamesByFirst = new Map<number, Surname[]>();
  /** Each person's excluded phrases, by their first word id. */
  private readonly exclusionsByFirst = new Map<number, { person: number; ids: number[] }[]>();
  private readonly persons: Person[] = [];
  /** Written name words already registered in the vocabulary (see register), with their spellings' keys. */
  private readonly registered = new Map<string, readonly string[]>();
  /**
   * The aliases, surnames and persons above in columns (people-tables.ts), made by freeze() once every
   * person is added; tagging reads only these, and the Maps they came from are emptied.
   */
  private tables: PeopleTables | undefined;
  /** A person's own and given name keys as lists, split from the tables' joined strings on first use (derived: not part of a snapshot). */
  private keyLists: (readonly string[] | undefined)[][] | undefined;
  private freezing: PeopleTablesBuild | undefined;

  constructor(
    entries: readonly PersonEntry[],
    private readonly vocab: Vocab,
  ) {
    entries.forEach((entry, person) => {
      this.add(entry, person);
    });
  }

  /** Compiles one person (people are added in watchlist order: `person` is the index). */
  add(entry: PersonEntry, person: number): void {
    if (this.tables) throw new Error('people cannot be added to a frozen matcher');
    let forms = entry.aliases ? [entry.name, ...entry.aliases] : [entry.name];
    if (forms.some(hasUmlaut)) forms = forms.flatMap(withUmlautSpellings);
    forms = forms.flatMap(withSurnameSpellings);
    const own: string[] = [];
    let order = 0;
    /** Each name word's key and its other-script spellings' keys (Whelan: уилан, уэлан …), so they are the person's own words too. */
    const written: { key: string; other: readonly string[] }[] = [];
    /** Each form's word keys with their other-script spellings, and its last word's key: which forms are names (below). */
    const formKeys: { keys: string[]; last: string }[] = [];
    for (const form of forms) {
      const words = nameWords(form);
      if (words.length === 0) continue;
      const ids = words.map((w) => this.vocab.addKey(w.key));
      const keys: string[] = [];
      for (let i = 0; i < words.length; i++) {
        const key = words[i]!.key;
        if (!own.includes(key)) own.push(key);
        const other = this.register(words[i]!.text, key, ids[i]!);
        written.push({ key, other });
        keys.push(key, ...other);
        for (const k of other) if (!own.includes(k)) own.push(k);
      }
      formKeys.push({ keys, last: words.at(-1)!.key });
      const needsCapital = ids.length === 1 && isAmbiguousSurname(words[0]!.key);
      const alias = { person, order: order++, ids, needsCapital };
      this.vocab.markRole(ids[0]!, ids.length === 1 ? ROLE.alias : ROLE.pair);
      if (ids.length === 1) push(this.singles, ids[0]!, alias);
      else {
        let second = this.pairs.get(ids[0]!);
        if (!second) {
          second = new Map();
          this.pairs.set(ids[0]!, second);
        }
        push(second, ids[1]!, alias);
      }
    }
    for (const phrase of entry.exclude ?? []) this.addExclusion(phrase, person);
    // Surname forms: the chosen surname, and the last word of every alias written like a name (same word count).
    const nameWordCount = wordCount(entry.name);
    let surnameForms = [entry.surname ?? lastWord(entry.name)];
    if (nameWordCount > 1) for (const a of entry.aliases ?? []) if (wordCount(a) === nameWordCount) surnameForms.push(lastWord(a));
    surnameForms = surnameForms.flatMap(withSurnameSpellings);
    const surnames: Surname[] = [];
    for (const form of surnameForms) {
      const words = nameWords(form);
      if (words.length === 0) continue;
      const ids = words.map((w) => this.vocab.addKey(w.key));
      for (const id of ids) this.vocab.addStems(id);
      const known = surnames.find((s) => s.ids.length === ids.length && s.ids.every((id, i) => id === ids[i]));
      const cyr = isCyrillicText(form);
      if (known && cyr) known.cyrillic = true;
      else if (known) known.latin = true;
      else surnames.push({ person, ids, keys: words.map((w) => w.key), latin: !cyr, cyrillic: cyr });
    }
    if (nameWordCount > 1 || entry.surname) {
      for (const s of surnames) {
        push(this.surnamesByFirst, s.ids[0]!, s);
        this.vocab.markRole(s.ids[0]!, ROLE.surname);
      }
    }
    const ambiguous = surnames.some((s) => s.keys.every((k) => isAmbiguousSurname(k)));
    const rule = entry.surnameRule ?? 'auto';
    const surnameKeys = new Set<string>();
    for (const s of surnames) for (const k of s.keys) surnameKeys.add(k);
    for (const w of written) if (surnameKeys.has(w.key)) for (const k of w.other) surnameKeys.add(k);
    // Given names come from the forms that are names (ending in a surname): an epithet's words ("Merchant of
    // Death") are no initials of his, or "D. Bout" would be him.
    const given = [...new Set(formKeys.filter((f) => surnameKeys.has(f.last)).flatMap((f) => f.keys))].filter((k) => !surnameKeys.has(k));
    const wordOnly = surnames.every((s) => s.keys.every((k) => !GIVEN_NAMES.has(k) && !COMMON_SURNAMES.has(k)));
    this.persons[person] = { rule: rule === 'auto' ? (ambiguous ? 'established' : 'always') : rule, own, given, wordOnly };
  }

  /**
   * Registers a written name word (its key has id `id`): Russian inflections and other-script spellings;
   * returns the spellings' keys. Once per distinct word and build: a watchlist repeats given names and
   * surnames thousands of times, and registering again would change nothing.
   */
  private register(text: string, key: string, id: number): readonly string[] {
    let other = this.registered.get(text);
    if (other === undefined) {
      this.vocab.addStems(id);
      other = this.addSpellings(text, key, id);
      this.registered.set(text, other);
    }
    return other;
  }

  /** An excluded phrase is matched like a name, in both scripts: "Lou Reed" also cancels "Лу Рида". */
  private addExclusion(phrase: string, person: number): void {
    const words = nameWords(phrase);
    if (words.length === 0) return;
    const ids = words.map((w) => {
      const id = this.vocab.addKey(w.key);
      this.register(w.text, w.key, id);
      return id;
    });
    push(this.exclusionsByFirst, ids[0]!, { person, ids });
    this.vocab.markRole(ids[0]!, ROLE.exclude);
  }

  /** Where each person's excluded phrases occur in the article. */
  exclusions(fields: readonly FieldScan[]): Mention[] {
    const out: Mention[] = [];
    if (this.exclusionsByFirst.size === 0) return out;
    for (const f of fields) {
      const { hits } = f;
      if (!(hits.roles & ROLE.exclude)) continue;
      for (let j = 0; j < hits.n; j++) {
        if (!(hits.role[j]! & ROLE.exclude) || !hitKeyOk(f, this.vocab, j)) continue;
        for (const x of this.vocab.impliedBy(hits.id[j]!)) {
          for (const e of this.exclusionsByFirst.get(x) ?? []) {
            if (!joined(f, this.vocab, j, e.ids)) continue;
            out.push({
              person: e.person,
              field: f.field,
              start: hits.start[j]!,
              end: hits.end[j + e.ids.length - 1]!,
              sent: hits.sent[j]!,
            });
          }
        }
      }
    }
    return out;
  }

  /** Registers a name word's spellings in the other script (Russian ones with their inflections); returns their keys. */
  private addSpellings(word: string, key: string, id: number): readonly string[] {
    const keys = otherScriptKeys(word, key, keyOf);
    const cyrillicSpellings = !isCyrillicText(word);
    for (const k of keys) this.vocab.addSpelling(k, id, cyrillicSpellings);
    return keys;
  }

  /**
   * Call once every person is added, until it returns true: compiles the lookup tables tagging reads, up
   * to `count` records per call (and then drops the Maps they came from).
   */
  freezeStep(count: number): boolean {
    if (this.tables) return true;
    this.freezing ??= new PeopleTablesBuild(this.singles, this.pairs, this.surnamesByFirst, this.persons);
    const tables = this.freezing.step(count);
    if (!tables) return false;
    this.tables = tables;
    this.freezing = undefined;
    this.singles.clear();
    this.pairs.clear();
    this.surnamesByFirst.clear();
    this.persons.length = 0;
    return true;
  }

  private frozen(): PeopleTables {
    if (!this.tables) throw new Error('the people matcher is not frozen yet');
    return this.tables;
  }

  /** Pass 1: full names and aliases, longest first; marks the hits they use. */
  matchFull(f: FieldScan, out: Mention[]): void {
    const { hits } = f;
    // The scan OR-ed the hits' roles: a field where no word starts a name is not read.
    if (!(hits.roles & NAME_START)) return;
    const t = this.frozen();
    const { aliases, lists } = t;
    const roles = hits.role;
    for (let j = 0; j < hits.n; j++) {
      const role = roles[j]!;
      if (!(role & NAME_START)) continue;
      const adjacent = j + 1 < hits.n && hits.tok[j + 1] === hits.tok[j]! + 1;
      if (!(role & ROLE.alias) && !adjacent) continue;
      // Not confirmed here: most name starts ("Mark", "John") begin no alias at this hit, and every alias is checked by joinedAt from its first word.
      if (f.used[j]) continue;
      // The best alias found so far, as its record's offset (-1: none).
      let best = -1;
      for (const x of this.vocab.impliedBy(hits.id[j]!)) {
        if (adjacent && t.pairFirsts.get(x + 1) >= 0 && hitKeyOk(f, this.vocab, j + 1)) {
          for (const y of this.vocab.impliedBy(hits.id[j + 1]!)) {
            const at = t.pairs.get(pairKey(x, y));
            if (at < 0) continue;
            for (let i = at + 1, end = at + 1 + lists[at]!; i < end; i++) {
              const a = lists[i]!;
              // A list holds every pair with this key: only the aliases that start with x, y are the pair's.
              if (aliases[a + ALIAS.ids] !== x || aliases[a + ALIAS.ids + 1] !== y) continue;
              if (this.beats(aliases, a, best, f, j)) best = a;
            }
          }
        }
        const at = t.singles.get(x + 1);
        if (at >= 0)
          for (let i = at + 1, end = at + 1 + lists[at]!; i < end; i++) if (this.beats(aliases, lists[i]!, best, f, j)) best = lists[i]!;
      }
      if (best < 0) continue;
      const last = j + aliases[best + ALIAS.length]! - 1;
      out.push({ person: aliases[best + ALIAS.person]!, field: f.field, start: hits.start[j]!, end: hits.end[last]!, sent: hits.sent[j]! });
      for (let k = j; k <= last; k++) f.used[k] = 1;
      j = last;
    }
  }

  /** Whether the alias at offset `a` matches at hit j and is preferable to the one at `best`: longer, else the earlier person and form. */
  private beats(aliases: Int32Array, a: number, best: number, f: FieldScan, j: number): boolean {
    const length = aliases[a + ALIAS.length]!;
    if (best >= 0) {
      const bestLength = aliases[best + ALIAS.length]!;
      const person = aliases[a + ALIAS.person]!;
      const bestPerson = aliases[best + ALIAS.person]!;
      if (
        length < bestLength ||
        (length === bestLength &&
          (person > bestPerson || (person === bestPerson && aliases[a + ALIAS.order]! > aliases[best + ALIAS.order]!)))
      )
        return false;
    }
    return joinedAt(f, this.vocab, j, aliases, a + ALIAS.ids, length) && (!aliases[a + ALIAS.needsCapital] || capitalised(f, j));
  }

  /** The list of `joined[person]` (OWN: the own name keys, GIVEN: the given ones), split once per person and run. */
  private keyList(joined: readonly string[], person: number, which: number): readonly string[] {
    this.keyLists ??= [[], []];
    const lists = this.keyLists[which]!;
    let list = lists[person];
    if (list === undefined) {
      list = keysOf(joined[person]!);
      lists[person] = list;
    }
    return list;
  }

  /** Pass 2: surname-only candidates among the hits pass 1 left. */
  surnameCandidates(f: FieldScan, out: Candidate[]): void {
    const { hits, text } = f;
    if (!(hits.roles & ROLE.surname)) return;
    const t = this.frozen();
    const { surnames, lists } = t;
    const vocabKeys = this.vocab.keys;
    for (let j = 0; j < hits.n; j++) {
      // Confirmed by joinedAt (from the first word) only where a surname of this word is tried.
      if (!(hits.role[j]! & ROLE.surname) || f.used[j]) continue;
      const cyr = isCyrillicCode(text.charCodeAt(hits.start[j]!));
      for (const x of this.vocab.impliedBy(hits.id[j]!)) {
        const at = t.surnamesByFirst.get(x + 1);
        if (at < 0) continue;
        for (let i = at + 1, end = at + 1 + lists[at]!; i < end; i++) {
          const s = lists[i]!;
          const person = surnames[s + SURNAME.person]!;
          const length = surnames[s + SURNAME.length]!;
          const ids = s + SURNAME.ids;
          if (t.rules[person] === NEVER || !joinedAt(f, this.vocab, j, surnames, ids, length)) continue;
          const sameScript = (cyr ? surnames[s + SURNAME.cyrillic] : surnames[s + SURNAME.latin]) === 1;
          // Another script: Бут must not make the English "But" a mention; a transcription that is a
          // Russian word (Мост, Грант) counts only once the person is named in full.
          if (!sameScript && !cyr && anyAmbiguous(surnames, ids, length, vocabKeys)) continue;
          // A Russian spelling of a Latin surname (Bout → бут) is for Cyrillic text: in Latin text only the surname itself counts.
          if (sameScript && !cyr && length === 1 && !keyEquals(text, hits.start[j]!, hits.end[j]!, vocabKeys[surnames[ids]!]!)) continue;
          const last = j + length - 1;
          const plainWord = !sameScript && cyr && isRussianWord(keyOf(text, hits.start[j]!, hits.end[last]!));
          const around = nameLikeAround(f, j, last, this.keyList(t.own, person, OWN));
          if (around.lowercase) continue;
          const intro = introductionBefore(text, hits.start[j]!, this.keyList(t.given, person, GIVEN));
          const introduced = intro.start >= 0;
          out.push({
            person,
            field: f.field,
            start: introduced ? intro.start : hits.start[j]!,
            end: hits.end[last]!,
            sent: hits.sent[j]!,
            claimed: (around.otherName || intro.otherInitial) && !introduced,
            introduced,
            titled: intro.titled,
            plainWord,
          });
        }
      }
    }
  }

  /** Decides which surname candidates are mentions, given who is established by a full name. */
  resolveSurnames(candidates: Candidate[], established: Set<number>, out: Mention[]): void {
    const { rules, wordOnly } = this.frozen();
    const claimed = new Set(candidates.filter((c) => c.claimed).map((c) => c.person));
    for (const c of candidates) if (c.introduced && rules[c.person] !== NEVER) established.add(c.person);
    const accepted = candidates.filter((c) => {
      if (c.claimed) return false;
      const rule = rules[c.person];
      if (established.has(c.person)) return true;
      if (c.plainWord) return false;
      if (claimed.has(c.person)) return false;
      return rule === ALWAYS || (rule === ESTABLISHED && wordOnly[c.person] === 1 && c.titled);
    });
    // One word, several people: only the single established one can be meant.
    const bySpan = new Map<string, Candidate[]>();
    for (const c of accepted) push(bySpan, `${c.field}:${c.start}`, c);
    for (const found of bySpan.values()) {
      // A person's surname given in two scripts can be found twice at one word: one candidate each.
      const group = found.filter((c, i) => found.findIndex((d) => d.person === c.person) === i);
      const pick = group.length === 1 ? group : group.filter((c) => established.has(c.person));
      if (pick.length === 1) out.push(pick[0]!);
    }
  }
}

/** Whether the key of some word of a surname record (word ids at `ids`, `length` of them) is an ambiguous surname. */
function anyAmbiguous(surnames: Int32Array, ids: number, length: number, keys: readonly string[]): boolean {
  for (let k = 0; k < length; k++) if (isAmbiguousSurname(keys[surnames[ids + k]!]!)) return true;
  return false;
}

/** German umlauts are also written ae/oe/ue (Schöbel, Schoebel); the plain fold (Schobel) comes from the key. */
const UMLAUTS = 'äöüÄÖÜ';
function hasUmlaut(form: string): boolean {
  for (let i = 0; i < form.length; i++) if (form.charCodeAt(i) >= ASCII_END && UMLAUTS.includes(form[i]!)) return true;
  return false;
}
function withUmlautSpellings(form: string): string[] {
  if (!hasUmlaut(form)) return [form];
  const spelled = form.replace(/[äöüÄÖÜ]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' })[c]!);
  return [form, spelled];
}

/** A Latin-written Russian surname's -ev that is -ёв, after a consonant ("Seleznev": Селезнёв). */
const SOFT_EV_ENDING = /([bcdfghjklmnpqrstvwxz])ev$/;
/** An -ik ending after a consonant ("Vinnik"), which English copy also writes -ick. */
const IK_ENDING = /([bcdfghjklmnpqrstvwxz])ik$/;

/**
 * A Latin name and its surname as English copy also spells it, where key folding does not meet them:
 * -ev as -yov ("Roman Seleznev" → "Roman Seleznyov", "Gorbachev" → "Gorbachyov") and -ik as -ick
 * ("Alexander Vinnik" → "Alexander Vinnick"). Only the last word, and only a Latin one.
 */
function withSurnameSpellings(form: string): string[] {
  const at = form.search(/\S+\s*$/);
  const last = form.slice(at);
  const spelled = last.replace(SOFT_EV_ENDING, '$1yov').replace(IK_ENDING, '$1ick');
  return spelled === last ? [form] : [form, `${form.slice(0, at)}${spelled}`];
}

function lastWord(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1]!;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

import { oneLine } from './text/one-line';
import { explainUnions } from './union-issues';
import { BUILTIN_TOPIC_IDS } from './tagger/builtin-topic-ids';
import { keyOf } from './text/word-keys';
import { elementsOf } from './text/phrase-elements';
import { Slug } from './slug';
import * as z from './zod';
import { lazyRegExp } from './text/lazy-regexp';
import { CARRIAGE_RETURN, NEWLINE, TAB } from './text/char-codes';
import { hasNoUnsafeCharactersBut } from './path-ids';

const LETTER_OR_DIGIT = lazyRegExp('[\\p{L}\\p{N}]', 'u');
const hasWord = (s: string) => LETTER_OR_DIGIT().test(s);
/** Tab, line feed and carriage return: whitespace a pasted name may hold, read as a space. */
const isLineSpace = (code: number) => code === TAB || code === NEWLINE || code === CARRIAGE_RETURN;
/** A name, alias or phrase: trimmed, 1–200 characters, with a word in it (a term adds one rule to these). */
const nameChecks = [
  z.trim(),
  z.minLength(1, { message: 'must not be empty', abort: true }),
  z.maxLength(200, 'must be at most 200 characters'),
  z.refine<string>(hasWord, 'must contain a letter or digit'),
] as const;

const UNSAFE_TEXT = 'must not contain control characters (other than tabs and line breaks) or lone surrogates';

/**
 * Every text of an entry as it comes in (the API, a watchlist file), at any depth: no control character
 * but a tab or line break (read as a space), no lone surrogate. An escape sequence in a name reached
 * terminals and alerts as it was, and a lone surrogate cannot be stored as written. Checked on the way in
 * only: an entry stored before this check (a cp1252 apostrophe, U+0092, in a pasted name) still counts.
 */
const safeTexts = z.superRefine(
  (entry: unknown, ctx) => {
    // Not an object, or its id: refused already (expected object; must be a slug), one line is enough.
    if (entry === null || typeof entry !== 'object') return;
    for (const { text, path } of textsIn(entry)) {
      if (path[0] !== 'id' && !hasNoUnsafeCharactersBut(text, isLineSpace)) ctx.addIssue({ code: 'custom', path, message: UNSAFE_TEXT });
    }
  },
  // Also beside other errors (an unknown field, a missing one), so one answer names every fault.
  { when: () => true },
);

/** A value met while walking an entry, with the way back to it (a path is built only for a text that is reported). */
type Visit = { value: unknown; key?: PropertyKey; parent?: Visit };
const pathOf = (visit: Visit): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let v: Visit | undefined = visit; v?.parent; v = v.parent) path.unshift(v.key as PropertyKey);
  return path;
};

/**
 * Every string in `value`, at any depth, with its path. Walked with a stack of its own, not recursion:
 * the input is not validated yet, and 10,000 nested arrays in a request must give a 400, not a stack overflow.
 */
function* textsIn(value: unknown): Generator<{ text: string; path: PropertyKey[] }> {
  const stack: Visit[] = [{ value }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') yield { text: current, path: pathOf(visit) };
    else if (current !== null && typeof current === 'object') {
      const entries = Array.isArray(current) ? [...current.entries()] : Object.entries(current);
      // Pushed in reverse so the texts come out in document order (errors read top to bottom).
      for (const [key, child] of entries.reverse()) stack.push({ value: child, key, parent: visit });
    }
  }
}
const NameText = z.string().check(...nameChecks);

/**
 * When a surname on its own counts as a mention (docs/tagging.md, "Surnames on their own"):
 * - `auto` (default): `always`, unless the surname is also a common word or a common first name or
 *   surname, then `established`;
 * - `always`: wherever it reads as a name (capitalised, not part of another person's name);
 * - `established`: only in an article that also names the person in full (name or alias);
 * - `never`: only full names and aliases count.
 */
export const SurnameRule = z.enum(['auto', 'always', 'established', 'never']);
export type SurnameRule = z.infer<typeof SurnameRule>;

/** `exclude` on a person or a topic: phrases that cancel a match (docs/tagging.md, "Exclude phrases"). */
export const ExcludeList = z.array(NameText).check(z.maxLength(100, 'at most 100 exclude phrases'));

/** Whether `part`'s words are words of `whole`, in a row (compared as the matcher compares words: case and accents aside). */
function isPartOf(part: string, whole: string): boolean {
  const partKeys = elementsOf(part).map((e) => e.key);
  const wholeKeys = elementsOf(whole).map((e) => e.key);
  for (let start = 0; start + partKeys.length <= wholeKeys.length; start++) {
    if (partKeys.every((key, i) => wholeKeys[start + i] === key)) return true;
  }
  return false;
}

/**
 * A person as stored: what `PUT /watchlist/people/{id}` kept, read back without the surname check below,
 * so an entry saved before that check still counts (it is not dropped from the watchlist on the next read).
 */
export const StoredPersonEntry = z.strictObject({
  id: Slug,
  name: NameText,
  aliases: z.optional(z.array(NameText).check(z.maxLength(100, 'at most 100 aliases'))),
  /** The part of `name` that is the surname; default: its last word (hyphenated words count as one). */
  surname: z.optional(NameText),
  surnameRule: z.optional(SurnameRule),
  /** Phrases that cancel a mention of this person inside or overlapping them ("Lou Reed" on a person called Reed). */
  exclude: z.optional(ExcludeList),
});

/** A person as a watchlist file or the API gives it: a surname must be part of the name (any other word would count as the person). */
export const PersonEntry = StoredPersonEntry.check(
  z.refine((entry) => entry.surname === undefined || isPartOf(entry.surname, entry.name), {
    path: ['surname'],
    message: 'must be a word or words of name (the part of it that is the surname)',
  }),
  safeTexts,
);
export type PersonEntry = z.infer<typeof PersonEntry>;

/** Names every JavaScript object already has (`constructor`, `toString`, …): as keys they break storage and lookups. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const GROUP_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const GroupName = z.string().check(z.regex(GROUP_NAME, 'must be a name like SWAP or captive_words'));
/** A group name an error may repeat: a valid one (anything else is not repeated: errors never echo arbitrary input). */
const shown = (name: string) => GROUP_NAME.test(name);
const undefinedGroup = (name: string) =>
  shown(name)
    ? `uses term group "${name}", which is not defined in terms`
    : 'uses a term group that is not defined in terms (nor a valid group name)';
/** A word or phrase; a trailing `*` on the last word matches any ending (at least 4 letters before it). */
const TermText = z.string().check(
  ...nameChecks,
  z.refine(
    (s) => !s.endsWith('*') || keyOf(s.slice(0, -1).trim().split(/\s+/).pop() ?? '').length >= 4,
    'a prefix term needs at least 4 letters before "*"',
  ),
);

export const TopicRule = z.strictObject({
  /**
   * Every entry must be present; an entry may list alternatives as "A|B". `@person` = a tracked person's mention;
   * `@same-number` = the same count (10 or more, not a year) twice in the sentence or a neighbouring one.
   */
  all: z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'must name at least one term group')),
  /** The rule does not fire in a sentence where any of these groups is present (nor, for a nearby rule, beside one). */
  none: z.optional(z.array(GroupName)),
  /** The rule does not fire at all in an article where any of these groups is present. */
  noneInArticle: z.optional(z.array(GroupName)),
  /** Groups whose entries, when `all` lists them more than once, must be different words: a country named twice is one party. */
  distinct: z.optional(z.array(GroupName).check(z.minLength(1, 'must name at least one term group (or leave distinct out)'))),
  /** Contribution to the topic's score when the rule fires. */
  weight: z.number().check(z.gt(0), z.lte(1)),
  /** `sentence` (default): all groups in one sentence; `nearby`: the others may be in the neighbouring sentences. */
  scope: z.optional(z.enum(['sentence', 'nearby'])),
});
export type TopicRule = z.infer<typeof TopicRule>;

/**
 * A term as the topic matcher tells terms apart: its words' keys (case, accents, ё/е and the other spelling
 * folds of text/word-keys.ts aside), a prefix marked by its `*`. Two terms with one key are one word to it.
 */
function termKey(term: string): string {
  return elementsOf(term)
    .map((el) => (el.prefix ? `${el.key}*` : el.key))
    .join(' ');
}

/**
 * Refuses a term in two synonyms lists: it would be one word with two sides, and the matcher would keep the
 * last list's silently. Terms are compared as the matcher reads them ("Ёлкино" and "Елкино" are one term).
 */
function repeatedSynonyms(lists: readonly (readonly string[])[], ctx: z.core.$RefinementCtx): void {
  const listOf = new Map<string, number>();
  lists.forEach((list, i) => {
    list.forEach((term, j) => {
      const key = termKey(term);
      // A term with no word key (only silent letters) never becomes a phrase: it has no side to conflict over.
      if (key === '') return;
      const first = listOf.get(key);
      if (first === undefined) listOf.set(key, i);
      else if (first !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['synonyms', i, j],
          message: `"${term}" is already in list ${first}: a term may be in one list only`,
        });
    });
  });
}

/** A topic in full (docs/tagging.md, "Topic definitions"). */
export const TopicDefinition = z
  .strictObject({
    id: Slug,
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    /** Present when the score reaches this (default 0.5). */
    threshold: z.optional(z.number().check(z.gt(0), z.lte(1))),
    terms: z
      .record(GroupName, z.array(TermText).check(z.minLength(1, 'must list at least one term')))
      .check(z.refine((t) => Object.keys(t).length <= 30, 'at most 30 term groups')),
    rules: z.array(TopicRule).check(z.minLength(1, 'must have at least one rule')),
    /** Term groups that mark a sentence as recalling the past ("in the past", "previously"): its evidence counts as background. */
    background: z.optional(z.array(GroupName)),
    /**
     * Lists of terms that `distinct` reads as one word, each term in one list: a state and its capital are one
     * side ("TASHKENT, Uzbekistan" is one party).
     */
    synonyms: z.optional(
      z.array(z.array(TermText).check(z.minLength(2, 'must list at least two terms'))).check(z.maxLength(1000, 'at most 1000 lists')),
    ),
    /** Phrases that cancel any term occurrence they overlap ("stock exchange" cancels "exchange"). */
    ignore: z.optional(z.array(TermText)),
    /** Phrases that cancel all of the topic's evidence in a sentence that holds one of them. */
    exclude: z.optional(z.array(TermText).check(z.maxLength(100, 'at most 100 exclude phrases'))),
  })
  .check(
    z.superRefine((topic, ctx) => {
      const groups = new Set(Object.keys(topic.terms));
      for (const name of groups) {
        if (PROTOTYPE_NAMES.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['terms', name],
            message: 'must not be a name JavaScript objects already have (constructor, toString, valueOf, …)',
          });
        }
      }
      repeatedSynonyms(topic.synonyms ?? [], ctx);
      for (const g of topic.background ?? [])
        if (!groups.has(g)) ctx.addIssue({ code: 'custom', path: ['background'], message: undefinedGroup(g) });
      topic.rules.forEach((rule, i) => {
        const named = [
          ...rule.all.flatMap((a) => a.split('|')),
          ...(rule.none ?? []),
          ...(rule.noneInArticle ?? []),
          ...(rule.distinct ?? []),
        ];
        for (const g of named) {
          if (g !== '@person' && g !== '@same-number' && !groups.has(g))
            ctx.addIssue({ code: 'custom', path: ['rules', i], message: undefinedGroup(g) });
        }
        // distinct tells apart the words of a group the rule needs more than once: with one entry it would say nothing.
        for (const g of rule.distinct ?? []) {
          if (rule.all.filter((entry) => entry.split('|').includes(g)).length < 2)
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'distinct'],
              message: `${shown(g) ? `"${g}"` : 'each group'} must be in at least two entries of all`,
            });
        }
      });
    }),
  );
export type TopicDefinition = z.infer<typeof TopicDefinition>;

/** `{ "id": "prisoner-exchange" }` means the built-in definition; a full definition is documented in docs/tagging.md. */
export const TopicEntry = z.union([
  z.strictObject({ id: Slug, exclude: z.optional(z.array(TermText).check(z.maxLength(100, 'at most 100 exclude phrases'))) }).check(
    z.refine((t) => BUILTIN_TOPIC_IDS.includes(t.id), {
      message: `is not a built-in topic (built in: ${BUILTIN_TOPIC_IDS.join(', ')}); define it in full with "terms" and "rules"`,
      path: ['id'],
      // Aborting makes this branch fail as hard as a definition missing a field, so zod reports both
      // branches and explainUnions picks the meant one: a topic with "terms" but no "rules" is told
      // "rules" is required, not that "terms" is an unknown key of a built-in reference.
      abort: true,
    }),
  ),
  TopicDefinition,
]);
export type TopicEntry = z.infer<typeof TopicEntry>;

/** A topic as the API or a watchlist file gives it: TopicEntry, its texts checked as a person's are (safeTexts). */
export const TopicEntryInput = TopicEntry.check(safeTexts);

function noDuplicateIds(list: { id: string }[], path: string, ctx: z.core.$RefinementCtx): void {
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    const first = seen.get(entry.id);
    if (first !== undefined)
      ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${entry.id}" (first used by ${path}[${first}])` });
    else seen.set(entry.id, i);
  });
}

/** A watchlist of the given entry schemas, each id used once per list. */
const watchlistOf = <P extends z.ZodMiniType<PersonEntry>, T extends z.ZodMiniType<TopicEntry>>(person: P, topic: T) =>
  z
    .strictObject({
      people: z._default(z.array(person), []),
      topics: z._default(z.array(topic), []),
    })
    .check(
      z.superRefine((w, ctx) => {
        noDuplicateIds(w.people, 'people', ctx);
        noDuplicateIds(w.topics, 'topics', ctx);
      }),
    );

/** A watchlist as a file or the API gives it: every text checked (PersonEntry, TopicEntryInput). */
export const Watchlist = watchlistOf(PersonEntry, TopicEntryInput);
export type Watchlist = z.infer<typeof Watchlist>;

/**
 * A watchlist as the API exports it (`GET /watchlist`, `watchlist --json`): entries as stored, so one
 * saved before a check was added (a control character in a pasted name) is read, not refused. For
 * tagging with an exported watchlist; what is written back goes through Watchlist.
 */
export const StoredWatchlist = watchlistOf(StoredPersonEntry, TopicEntry);

/**
 * The watchlist's META item (adapters/watchlist-repository.ts): written when the watchlist is seeded,
 * its `revision` counted up by every edit (absent before the first one). Parsed when read back.
 */
export const WatchlistMeta = z.object({ revision: z.optional(z.number().check(z.int(), z.nonnegative())) });
export type WatchlistMeta = z.infer<typeof WatchlistMeta>;

/** A watchlist that failed validation; `issues` are one readable line each, naming the entry. */
export class WatchlistError extends Error {
  constructor(
    readonly issues: string[],
    source = 'watchlist',
  ) {
    super(`${source}: invalid watchlist:\n  ${issues.join('\n  ')}`);
    this.name = 'WatchlistError';
  }
}

function describeEntry(input: unknown, path: PropertyKey[]): string {
  const [list, index] = path;
  if (typeof list !== 'string' || typeof index !== 'number') return path.length ? path.join('.') : '(top level)';
  const entry = (input as Record<string, unknown[]> | null)?.[list]?.[index] as { id?: unknown } | undefined;
  const id = typeof entry?.id === 'string' ? ` (id "${entry.id}")` : '';
  const field = path.slice(2).join('.');
  return `${list}[${index}]${id}${field ? ` field "${field}"` : ''}`;
}

/** The schemas a watchlist is read with: Watchlist for input, StoredWatchlist for an export. */
type WatchlistSchema = typeof Watchlist | typeof StoredWatchlist;

/** Validates a parsed watchlist; throws WatchlistError naming each bad entry. */
export function parseWatchlist(input: unknown, source = 'watchlist', schema: WatchlistSchema = Watchlist): Watchlist {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new WatchlistError(
    // A topic is a built-in reference or a full definition: name the fields of the one the author meant.
    // Ids and keys are the file's own text, quoted here: oneLine keeps their control characters off the terminal.
    explainUnions(result.error.issues).map((issue) => oneLine(`${describeEntry(input, issue.path)}: ${issue.message}`)),
    source,
  );
}

/** Parses and validates watchlist JSON text (e.g. a file's contents). */
export function parseWatchlistJson(text: string, source = 'watchlist', schema: WatchlistSchema = Watchlist): Watchlist {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new WatchlistError([`not valid JSON: ${oneLine((err as Error).message)}`], source);
  }
  return parseWatchlist(data, source, schema);
}

/** Shipped default: the seed article's people and the prisoner-exchange topic. */
export const defaultWatchlist: Watchlist = {
  people: [
    { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Victor Bout', 'Виктор Бут', 'Merchant of Death'] },
    { id: 'konstantin-yaroshenko', name: 'Konstantin Yaroshenko', aliases: ['Константин Ярошенко'] },
    { id: 'sergei-ryabkov', name: 'Sergei Ryabkov', aliases: ['Сергей Рябков'] },
  ],
  topics: [{ id: 'prisoner-exchange' }],
};

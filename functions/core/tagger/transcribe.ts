import { GIVEN_NAME_FORMS } from './given-names';

/**
 * Practical transcription of name words between English and Russian, as the media write them
 * (docs/tagging.md, "Names across scripts"): Whelan → Уилан, Griner → Грайнер, Reed → Рид,
 * Hubbard → Хаббард, Tater → Тейтер; and the other way, the spellings key folding cannot reach:
 * Артём → Artyom, Сергеев → Sergeyev, Бут → Bout. English spelling does not determine sound, so a
 * word gets a few likely forms (the most conventional first), never one guess. Conventional
 * equivalents of given names (Alexander → Александр, Paul → Пол) come from a table instead.
 */

/**
 * How many forms one word may add: enough for the usual conventions (the beam keeps the most
 * conventional), bounded so the vocabulary and the build stay small.
 */
export const MAX_FORMS = 3;

/** One step of a transcription: alternatives for the letters it covers, most conventional first. */
interface Step {
  length: number;
  options: readonly string[];
}

const isVowel = (c: string | undefined) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
const isConsonant = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z' && !isVowel(c);

/** Whether the vowel at i stands in an open syllable (one consonant, then a vowel: Tater, Griner). */
function openAt(w: string, i: number): boolean {
  return isConsonant(w[i + 1]) && isVowel(w[i + 2]);
}

/** Fixed letter groups, longest first. */
const GROUPS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['tion', ['шн']],
  ['sch', ['ш', 'шк']],
  ['tch', ['ч']],
  ['wh', ['у']],
  ['ch', ['ч', 'к']],
  ['sh', ['ш']],
  ['ph', ['ф']],
  ['th', ['т', 'с']],
  ['ck', ['к']],
  ['gh', ['']],
  ['qu', ['кв']],
  ['dg', ['дж']],
  ['kn', ['н']],
  ['ee', ['и']],
  ['ea', ['и', 'е']],
  ['oo', ['у']],
  ['ou', ['ау', 'у', 'о']],
  ['ow', ['оу', 'ау']],
  ['au', ['о', 'ау']],
  ['aw', ['о']],
  ['ai', ['ей']],
  ['ay', ['ей']],
  ['ei', ['ай', 'ей', 'и']],
  ['ey', ['ей', 'и']],
  ['ie', ['и']],
  ['oa', ['о', 'оу']],
  ['oe', ['о', 'е']],
  ['ew', ['ью', 'у']],
  ['ue', ['у', 'ью']],
  ['ir', ['ир', 'ер']],
  ['ur', ['ер', 'ур']],
  ['yr', ['ир', 'ер']],
];

const SINGLE: Record<string, readonly string[]> = {
  b: ['б'],
  c: ['к'],
  d: ['д'],
  f: ['ф'],
  g: ['г'],
  h: ['х'],
  j: ['дж'],
  k: ['к'],
  l: ['л'],
  m: ['м'],
  n: ['н'],
  p: ['п'],
  q: ['к'],
  r: ['р'],
  s: ['с'],
  t: ['т'],
  v: ['в'],
  w: ['в'],
  x: ['кс'],
  z: ['з'],
};

/** The step for a vowel, which depends on its neighbours. */
function vowelStep(w: string, i: number): readonly string[] {
  const c = w[i]!;
  const first = i === 0;
  const last = i === w.length - 1;
  switch (c) {
    case 'a':
      if (w[i + 1] === 'r') return ['а'];
      return openAt(w, i) ? ['ей', 'а', 'э'] : first ? ['э', 'а'] : ['а', 'э'];
    case 'e':
      if (last) return isConsonant(w[i - 1]) && i > 1 ? [''] : ['и'];
      if (w[i + 1] === 's' && i + 2 === w.length && i > 1) return ['', 'е']; // Barnes → Барнс
      if (w[i - 1] === 'h' && w[i - 2] === 'w') return ['и', 'е']; // Whelan → Уилан, Уэлан
      return first ? ['э'] : openAt(w, i) ? ['е', 'и'] : ['е'];
    case 'i':
      return openAt(w, i) ? ['и', 'ай'] : ['и'];
    case 'o':
      return openAt(w, i) ? ['о', 'оу'] : ['о'];
    case 'u':
      if (openAt(w, i)) return ['у', 'ю'];
      return first || isConsonant(w[i + 1]) ? ['а', 'у'] : ['у'];
    default: // y
      if (first) return isVowel(w[i + 1]) ? ['й'] : ['и'];
      if (last) return ['и'];
      if (isVowel(w[i + 1])) return isConsonant(w[i - 1]) ? ['ай', 'й'] : ['й']; // Byers → Байерс, Boyer → Бойер
      return openAt(w, i) ? ['ай', 'и'] : ['и'];
  }
}

function consonantStep(w: string, i: number): Step {
  const c = w[i]!;
  const next = w[i + 1];
  if (c === next && c !== 'e') return { length: 2, options: [`${SINGLE[c]![0]}${SINGLE[c]![0]}`, SINGLE[c]![0]!] };
  if (c === 'c' && next && 'eiy'.includes(next)) return { length: 1, options: ['с'] };
  if (c === 'g' && next && 'eiy'.includes(next)) return { length: 1, options: ['г', 'дж'] };
  if (c === 'w' && isVowel(next)) return { length: 1, options: ['у', 'в'] };
  if (c === 'h' && i > 0) return { length: 1, options: [''] };
  if (c === 's' && isVowel(w[i - 1]) && isVowel(next)) return { length: 1, options: ['з', 'с'] };
  return { length: 1, options: SINGLE[c] ?? [''] };
}

/** GROUPS by their first letter, so each position tries only the groups that can start there. */
const GROUPS_BY_FIRST = new Map<string, (readonly [string, readonly string[]])[]>();
for (const g of GROUPS) GROUPS_BY_FIRST.set(g[0][0]!, [...(GROUPS_BY_FIRST.get(g[0][0]!) ?? []), g]);

function stepAt(w: string, i: number): Step {
  for (const [group, options] of GROUPS_BY_FIRST.get(w[i]!) ?? []) if (w.startsWith(group, i)) return { length: group.length, options };
  return isVowel(w[i]) ? { length: 1, options: vowelStep(w, i) } : consonantStep(w, i);
}

/**
 * The k most conventional combinations of per-step options: each choice of a later alternative
 * costs one, and the cheapest combinations are kept (a beam, so long words stay cheap). Runs for
 * every distinct name word at build time, so it avoids work for the many one-option steps.
 */
function bestCombinations(steps: readonly (readonly string[])[], k: number): string[] {
  let texts = [''];
  let costs = [0];
  for (const options of steps) {
    if (options.length === 1) {
      for (let i = 0; i < texts.length; i++) texts[i] += options[0]!;
      continue;
    }
    const nextTexts: string[] = [];
    const nextCosts: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      for (let n = 0; n < options.length; n++) {
        nextTexts.push(texts[i]! + options[n]!);
        nextCosts.push(costs[i]! + n);
      }
    }
    if (nextTexts.length <= k) {
      texts = nextTexts;
      costs = nextCosts;
      continue;
    }
    const order = nextCosts
      .map((_, i) => i)
      .sort((a, b) => nextCosts[a]! - nextCosts[b]!)
      .slice(0, k);
    texts = order.map((i) => nextTexts[i]!);
    costs = order.map((i) => nextCosts[i]!);
  }
  return [...new Set(texts)];
}

const CACHE_LIMIT = 50_000;

/**
 * Russian forms of one Latin name word, as the media would write it: the given-name table when the
 * word is a known given name (Paul → Пол), else the letter rules. Lower case; `[]` for words with
 * letters outside a–z (diacritics, digits), which the key folding already handles.
 */
export function russianForms(word: string): readonly string[] {
  const w = word.toLowerCase();
  const known = GIVEN_NAME_FORMS.get(w);
  if (known) return known;
  if (!/^[a-z]{2,}$/.test(w)) return [];
  const steps: (readonly string[])[] = [];
  for (let i = 0; i < w.length; ) {
    const step = stepAt(w, i);
    steps.push(step.options);
    i += step.length;
  }
  return bestCombinations(steps, MAX_FORMS);
}

/**
 * Romanisations of a Russian name word that key folding does not reach: ё as "yo" (Артём → Artyom),
 * е after a vowel or soft sign as "ye" (Сергеев → Sergeyev, Афанасьев → Afanasyev), х as "h",
 * у as the French "ou" (Бут → Bout), щ as "sch", ц as "tz", a first ч as "tch" (Чайковский →
 * Tchaikovsky). The ordinary spelling is found by folding and is not repeated here.
 */
export function latinForms(word: string): readonly string[] {
  const w = word.toLowerCase();
  if (!/^[а-яё]{2,}$/.test(w)) return [];
  const steps: (readonly string[])[] = [];
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const prev = w[i - 1];
    if (c === 'ё') steps.push(['e', 'yo']);
    else if (c === 'е' && prev !== undefined && 'аеёиоуыэюяьъ'.includes(prev)) steps.push(['e', 'ye']);
    else if (c === 'х') steps.push(['kh', 'h']);
    else if (c === 'у') steps.push(['u', 'ou']);
    else if (c === 'щ') steps.push(['shch', 'sch']);
    else if (c === 'ц') steps.push(['ts', 'tz']);
    else if (c === 'ч') steps.push(i === 0 ? ['ch', 'tch'] : ['ch']);
    else steps.push([c]);
  }
  if (steps.every((s) => s.length === 1)) return [];
  return bestCombinations(steps, MAX_FORMS + 1)
    .slice(1)
    .map((s) => s.replace(/[а-яё]/g, (ch) => ROMAN[ch] ?? ch));
}

/** The ordinary letters of latinForms' output (the options above are Latin already). */
const ROMAN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ф: 'f',
  ш: 'sh',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const keyCache = new Map<string, readonly string[]>();

/**
 * The word keys of a name word's spellings in the other script (russianForms for a Latin word,
 * latinForms for a Cyrillic one), without the word's own key. Remembered per word: watchlists
 * repeat given names thousands of times.
 */
export function otherScriptKeys(word: string, ownKey: string, keyOf: (s: string) => string): readonly string[] {
  let keys = keyCache.get(word);
  if (keys) return keys;
  const forms = /[\u0400-\u04ff]/.test(word) ? latinForms(word) : russianForms(word);
  const found: string[] = [];
  for (const form of forms) {
    const k = keyOf(form);
    if (k !== ownKey && k.length > 0 && !found.includes(k)) found.push(k);
  }
  keys = found;
  if (keyCache.size > CACHE_LIMIT) keyCache.clear();
  keyCache.set(word, keys);
  return keys;
}

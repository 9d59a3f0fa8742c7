/**
 * Generated benchmark articles for bench:pipeline, in two shapes (BENCH_CORPUS):
 *
 * - `stream` (default): a news stream as ingest meets it — hundreds of stories at once, of sizes
 *   falling off like real coverage (the biggest story ≈ 10 % of all articles, most stories one to three
 *   articles), each article a copy of its story's wire text (another headline, boilerplate added or a
 *   paragraph cut) or a rewrite (paragraphs reordered, a third of the words changed, the same names
 *   and numbers), stories interleaved in time. Stories share a few common place names, as real ones
 *   share "Moscow" or "Washington", and about one story in five names a tracked person.
 * - `hot`: the earlier corpus, kept as the worst case for clustering — every article draws its words
 *   from one small vocabulary and has the title "Regional update number N", so all of them join one story.
 */
export interface BenchArticle {
  title: string;
  body: string;
  url: string;
  source: string;
  publishedAt: string;
}

const FUNCTION_WORDS = 'the a of to in and on for with that said at by from as after would was were will is has'.split(' ');
const HOT_WORDS = (
  'the minister said on tuesday that talks with officials in the capital would continue next week after ' +
  'a meeting on trade energy prices and regional security where delegates discussed new rules for ' +
  'shipping insurance banks farmers and local councils while analysts expected markets to remain calm'
).split(' ');
const PLACES = ['Moscow', 'Washington', 'London', 'Brussels', 'Kyiv', 'Beijing', 'Paris', 'Berlin', 'Ankara', 'Tehran'];
export const TRACKED = ['Viktor Bout', 'Konstantin Yaroshenko', 'Sergei Ryabkov'];
/** Consonant–vowel syllables: a 3-syllable word is a 6-letter stem of its own (the clustering cuts words to 6). */
const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));
const BOILERPLATE = 'Reporting by staff; editing by the desk. All rights reserved.';
const PARAGRAPHS = 6;
const PARAGRAPH_WORDS = 60;
/** Words sized so an article is about the hot corpus's size (≈ 2.4 KB). */
const STREAM_PARAGRAPH_WORDS = 58;
const START = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pick = <T>(next: () => number, from: readonly T[]): T => from[Math.floor(next() * from.length)]!;

function word(next: () => number, syllables: number): string {
  return Array.from({ length: syllables }, () => pick(next, SYLLABLES)).join('');
}

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

// ---------- hot: one story ----------
function hotParagraph(next: () => number): string {
  return `${Array.from({ length: PARAGRAPH_WORDS }, () => pick(next, HOT_WORDS)).join(' ')}.`;
}

function hotArticle(i: number, next: () => number, matchShare: number): BenchArticle {
  const paragraphs = Array.from({ length: PARAGRAPHS }, () => hotParagraph(next));
  if (next() < matchShare) paragraphs.splice(2, 0, `Lawyers for ${TRACKED[i % TRACKED.length]} said the court would hear the appeal.`);
  return {
    title: `Regional update number ${i}`,
    body: paragraphs.join('\n\n'),
    url: `https://news.example.com/${i}`,
    source: 'news.example.com',
    publishedAt: new Date(START + i * MINUTE).toISOString(),
  };
}

// ---------- stream: many stories ----------
interface Story {
  names: string[];
  numbers: string[];
  person?: string;
  paragraphs: string[][];
  title: string;
}

function storyOf(next: () => number, general: readonly string[], matchShare: number): Story {
  const own = Array.from({ length: 40 }, () => word(next, 3));
  const names = [...Array.from({ length: 3 }, () => capital(word(next, 3))), pick(next, PLACES)];
  const numbers = Array.from({ length: 2 }, () => String(10 + Math.floor(next() * 990)));
  const person = next() < matchShare ? pick(next, TRACKED) : undefined;
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, p) => {
    const words = Array.from({ length: STREAM_PARAGRAPH_WORDS }, () => {
      const r = next();
      return r < 0.3 ? pick(next, FUNCTION_WORDS) : r < 0.6 ? pick(next, own) : pick(next, general);
    });
    words.splice(5, 0, pick(next, names));
    words.splice(20, 0, pick(next, names));
    if (p === 1) words.splice(30, 0, numbers[0]!, 'and', numbers[1]!);
    if (p === 2 && person) words.splice(10, 0, 'lawyers', 'for', person, 'said');
    return words;
  });
  return { names, numbers, ...(person && { person }), paragraphs, title: `${names[0]} ${pick(next, own)} ${names[3]}` };
}

function telling(story: Story, next: () => number, general: readonly string[]): { title: string; body: string } {
  const copy = next() < 0.6;
  let paragraphs = story.paragraphs.map((p) => [...p]);
  if (copy) {
    if (next() < 0.5) paragraphs = paragraphs.slice(0, -1);
  } else {
    paragraphs = paragraphs
      .sort(() => next() - 0.5)
      .map((p) => p.map((w) => (/^[a-z]+$/.test(w) && next() < 0.33 ? pick(next, general) : w)));
  }
  const body = paragraphs.map((p) => `${p.join(' ')}.`).join('\n\n');
  return {
    title: copy ? `${story.title}: ${pick(next, general)}` : `${story.names[1]} ${pick(next, general)} ${story.names[3]}`,
    body: copy && next() < 0.5 ? `${body}\n\n${BOILERPLATE}` : body,
  };
}

/** Story sizes falling off with rank (the first ≈ 10 % of `total`), until they add up to `total`. */
function storySizes(total: number): number[] {
  const sizes: number[] = [];
  for (let rank = 1, left = total; left > 0; rank++) {
    const size = Math.min(left, Math.max(1, Math.round((total * 0.1) / rank ** 1.1)));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** The stream's articles and, for each, the number of the story it tells (for checking the corpus). */
export function streamArticles(
  count: number,
  next: () => number,
  matchShare: number,
  offset = 0,
): { articles: BenchArticle[]; stories: number[] } {
  const general = Array.from({ length: 3000 }, () => word(next, 3));
  const slots = storySizes(count).flatMap((size, n) => {
    const story = { n, ...storyOf(next, general, matchShare) };
    return Array.from({ length: size }, () => story);
  });
  // Stories interleave in time: shuffle the slots (Fisher–Yates), then date them a minute apart.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [slots[i], slots[j]] = [slots[j]!, slots[i]!];
  }
  const articles = slots.map((story, k) => {
    const i = offset + k;
    return {
      ...telling(story, next, general),
      url: `https://news.example.com/${i}`,
      source: `outlet${i % 40}.example.com`,
      publishedAt: new Date(START + i * MINUTE).toISOString(),
    };
  });
  return { articles, stories: slots.map((s) => s.n) };
}

export type Corpus = 'stream' | 'hot';

export function corpusFromEnv(value: string | undefined): Corpus {
  if (value === undefined || value === 'stream') return 'stream';
  if (value === 'hot') return 'hot';
  throw new Error(`BENCH_CORPUS must be "stream" or "hot", not "${value}"`);
}

/** `count` articles numbered from `offset`, deterministic for a seed. */
export function benchArticles(corpus: Corpus, count: number, seed: number, matchShare: number, offset = 0): BenchArticle[] {
  const next = rng(seed);
  if (corpus === 'hot') return Array.from({ length: count }, (_, i) => hotArticle(offset + i, next, matchShare));
  return streamArticles(count, next, matchShare, offset).articles;
}

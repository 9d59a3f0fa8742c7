/**
 * Generated people for the benchmarks: deterministic (the caller's PRNG), distinct, with an alias each;
 * the first three are the shipped watchlist's. Used by bench:tagger and bench:watchlist.
 */
import { defaultWatchlist, type PersonEntry } from '../functions/core/watchlist';

/** Deterministic PRNG (mulberry32): the same corpus every run. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FIRST = `James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony Mark Paul
Andrew Steven Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric Stephen Larry
Justin Scott Brandon Frank Gregory Raymond Samuel Patrick Alexander Jack Dennis Jerry Tyler Aaron Henry Peter
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Betty Sandra Ashley
Dmitry Sergei Alexei Nikolai Mikhail Andrei Yuri Boris Pavel Oleg Igor Olga Tatiana Elena Irina Natalia Anna`
  .split(/\s+/)
  .filter(Boolean);
const SYLLABLES = 'ka ro mi ne sa to lu vi de ba re no ta li mo ga ze po ri ku fe ha lo ve na di so be mu ra'.split(' ');
const ENDINGS = ['ov', 'enko', 'ski', 'son', 'man', 'berg', 'ez', 'ini', 'ard', 'ley', 'ton', 'stein', 'ovich', 'ak', 'ell'];

export function surname(i: number): string {
  const s = SYLLABLES;
  const core = s[i % s.length]! + s[Math.floor(i / s.length) % s.length]! + s[Math.floor(i / s.length ** 2) % s.length]!;
  const word = core + ENDINGS[Math.floor(i / s.length ** 3) % ENDINGS.length]!;
  return word[0]!.toUpperCase() + word.slice(1);
}

/** `count` distinct people (the first three are the shipped watchlist's), drawing first names from `random`. */
export function generatedPeople(count: number, random: () => number): PersonEntry[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return [
    ...defaultWatchlist.people,
    ...Array.from({ length: count - defaultWatchlist.people.length }, (_, i) => {
      const last = surname(i);
      const first = pick(FIRST);
      return { id: `p-${i}`, name: `${first} ${last}`, aliases: [`${first[0]}. ${last}`] };
    }),
  ];
}

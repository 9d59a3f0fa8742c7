import { describe, expect, it } from 'vitest';
import {
  ALIAS,
  type AliasInput,
  PeopleTablesBuild,
  type PeopleTables,
  type PersonInput,
  pairKey,
  type SurnameInput,
} from '../../../../functions/core/tagger/people-tables';

const alias = (person: number, ids: number[], order = 0): AliasInput => ({ person, order, ids, needsCapital: false });
const surname = (person: number, ids: number[]): SurnameInput => ({ person, ids, latin: true, cyrillic: false });
const person = (own: string[], given: string[]): PersonInput => ({ rule: 'always', own, given, wordOnly: false });

/**
 * Two word pairs whose keys collide, found by a birthday search over large word ids (the key is a
 * 32-bit hash of both ids; over small ids it happens to be one-to-one, so there are none to find there).
 */
function collidingPairs(): [[number, number], [number, number]] {
  const seen = new Map<number, [number, number]>();
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 2;
  };
  for (let i = 0; i < 1_000_000; i++) {
    const pair: [number, number] = [next(), next()];
    const key = pairKey(...pair);
    const other = seen.get(key);
    if (other && (other[0] !== pair[0] || other[1] !== pair[1])) return [other, pair];
    seen.set(key, pair);
  }
  throw new Error('no colliding pair found');
}

/** The record offsets of the list at `at`. */
const listAt = (t: PeopleTables, at: number) => Array.from(t.lists.subarray(at + 1, at + 1 + t.lists[at]!));

function build(step: number, inputs: ConstructorParameters<typeof PeopleTablesBuild>): { tables: PeopleTables; steps: number } {
  const b = new PeopleTablesBuild(...inputs);
  for (let steps = 1; ; steps++) {
    const tables = b.step(step);
    if (tables) return { tables, steps };
  }
}

describe('the people matcher in columns', () => {
  const [[a, s], [b, t]] = collidingPairs();
  const inputs: ConstructorParameters<typeof PeopleTablesBuild> = [
    new Map([[7, [alias(0, [7]), alias(2, [7], 1)]]]),
    new Map([
      [a, new Map([[s, [alias(1, [a, s, 9])]]])],
      [b, new Map([[t, [alias(2, [b, t])]]])],
    ]),
    new Map([[5, [surname(0, [5]), surname(1, [5, 6])]]]),
    [person(['viktor', 'but'], ['viktor']), person(['paul'], []), person(['anna', 'dultseva'], ['anna'])],
  ];

  it('keeps two pairs whose keys collide in one list, each record naming its own first two words', () => {
    const { tables } = build(Number.POSITIVE_INFINITY, inputs);
    const records = listAt(tables, tables.pairs.get(pairKey(a, s)));
    expect(tables.pairs.get(pairKey(b, t))).toBe(tables.pairs.get(pairKey(a, s)));
    const firstTwo = records.map((r) => [tables.aliases[r + ALIAS.ids], tables.aliases[r + ALIAS.ids + 1]]);
    expect(firstTwo).toEqual([
      [a, s],
      [b, t],
    ]);
    expect(records.map((r) => tables.aliases[r + ALIAS.person])).toEqual([1, 2]);
  });

  it('keeps every list in the order its records were added, and each person’s keys', () => {
    const { tables } = build(Number.POSITIVE_INFINITY, inputs);
    expect(listAt(tables, tables.singles.get(7 + 1)).map((r) => tables.aliases[r + ALIAS.person])).toEqual([0, 2]);
    expect(listAt(tables, tables.surnamesByFirst.get(5 + 1)).map((r) => tables.surnames[r])).toEqual([0, 1]);
    expect(tables.own).toEqual(['viktor\nbut', 'paul', 'anna\ndultseva']);
    expect(tables.given).toEqual(['viktor', '', 'anna']);
    expect(tables.pairFirsts.get(a + 1)).toBe(1);
    expect(tables.pairFirsts.get(7 + 1)).toBe(-1);
  });

  it('builds the same tables a step at a time as at once, in more than one step', () => {
    const atOnce = build(Number.POSITIVE_INFINITY, inputs).tables;
    for (const size of [1, 2, 3]) {
      const { tables, steps } = build(size, inputs);
      expect(tables).toEqual(atOnce);
      expect(steps).toBeGreaterThan(1);
    }
  });
});

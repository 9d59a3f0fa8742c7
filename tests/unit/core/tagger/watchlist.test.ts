import { describe, expect, it } from 'vitest';
import {
  StoredWatchlist,
  WatchlistError,
  defaultWatchlist,
  parseWatchlist,
  parseWatchlistJson,
} from '../../../../functions/core/watchlist';

const issuesOf = (input: unknown): string[] => {
  try {
    parseWatchlist(input);
  } catch (err) {
    if (err instanceof WatchlistError) return err.issues;
    throw err;
  }
  return [];
};

describe('parseWatchlist', () => {
  it('accepts the shipped default and the contract example', () => {
    expect(parseWatchlist(defaultWatchlist)).toEqual(defaultWatchlist);
    const example = {
      people: [{ id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Victor Bout', 'Виктор Бут', 'Merchant of Death'] }],
      topics: [{ id: 'prisoner-exchange' }],
    };
    expect(parseWatchlist(example)).toEqual(example);
  });

  it('names the entry that repeats an id', () => {
    const issues = issuesOf({
      people: [
        { id: 'a', name: 'A One' },
        { id: 'a', name: 'A Two' },
      ],
    });
    expect(issues).toEqual(['people[1] (id "a") field "id": duplicate id "a" (first used by people[0])']);
  });

  it('names the entry with a bad slug', () => {
    const [issue] = issuesOf({ people: [{ id: 'Viktor Bout', name: 'Viktor Bout' }] });
    expect(issue).toContain('people[0] (id "Viktor Bout") field "id"');
    expect(issue).toContain('lowercase slug');
  });

  it('names the entry with an empty name or alias', () => {
    expect(issuesOf({ people: [{ id: 'x', name: '  ' }] })).toEqual(['people[0] (id "x") field "name": must not be empty']);
    expect(issuesOf({ people: [{ id: 'x', name: 'X Y', aliases: [''] }] })[0]).toContain('people[0] (id "x") field "aliases.0"');
  });

  it('names a surname that is not part of the name, and takes one that is, in any case or a two-word one', () => {
    expect(issuesOf({ people: [{ id: 'p', name: 'Trevor Reed', surname: 'Zyxwqrov' }] })).toEqual([
      'people[0] (id "p") field "surname": must be a word or words of name (the part of it that is the surname)',
    ]);
    expect(issuesOf({ people: [{ id: 'p', name: 'Trevor Reed', surname: 'reed' }] })).toEqual([]);
    expect(issuesOf({ people: [{ id: 'p', name: 'Gabriel García Márquez', surname: 'Garcia Marquez' }] })).toEqual([]);
  });

  it('rejects an unknown built-in topic and a rule naming an undefined group', () => {
    expect(issuesOf({ topics: [{ id: 'weather' }] })[0]).toContain('topics[0] (id "weather")');
    const bad = { topics: [{ id: 't', terms: { A: ['alpha'] }, rules: [{ all: ['A', 'B'], weight: 0.5 }] }] };
    expect(issuesOf(bad)[0]).toContain('term group "B"');
  });

  it('names the wrong field of a full topic definition, not the built-in form it does not resemble', () => {
    // Three mistakes in the definition: more issues than the built-in form's two (unknown keys, not built in).
    const rules = [
      { all: ['A'], weight: 7 },
      { all: ['A'], weight: 2 },
      { all: ['A'], weight: -1 },
    ];
    const issues = issuesOf({ topics: [{ id: 'sanctions', terms: { A: ['sanction*'] }, rules }] });
    expect(issues.map((i) => i.split(':')[0])).toEqual([0, 1, 2].map((n) => `topics[0] (id "sanctions") field "rules.${n}.weight"`));
    expect(issues.join('\n')).not.toContain('Unrecognized key');
  });

  it('says a full topic definition without rules needs "rules", not that its "terms" are unknown', () => {
    const issues = issuesOf({ topics: [{ id: 'sanctions', terms: { A: ['sanction*'] } }] });
    expect(issues).toEqual(['topics[0] (id "sanctions") field "rules": Required: expected array']);
  });

  it('writes a control character in an id or a field name as an escape, keeping the message on one line', () => {
    const issues = issuesOf({ people: [{ id: 'x\u001b[2J', name: 'X Y', 'nick\nname': 'z' }] });

    expect([...issues.join('')].every((c) => c >= ' ')).toBe(true);
    expect(issues).toContainEqual(expect.stringContaining('(id "x\\u001b[2J")'));
  });

  it('refuses a control character in a name as input, and reads an exported watchlist that holds one (StoredWatchlist)', () => {
    const exported = { people: [{ id: 'dan-obrien', name: 'Dan O\u0092Brien' }], topics: [{ id: 'prisoner-exchange' }] };

    expect(issuesOf(exported)).toEqual([
      'people[0] (id "dan-obrien") field "name": must not contain control characters (other than tabs and line breaks) or lone surrogates',
    ]);
    expect(parseWatchlist(exported, 'export.json', StoredWatchlist)).toEqual(exported);
    expect(() => parseWatchlist({ people: [{ id: 'x', name: '' }] }, 'export.json', StoredWatchlist)).toThrow(/must not be empty/);
  });

  it('names a control character in an id, or an entry that is a string, once: by the check it fails first', () => {
    expect(issuesOf({ people: [{ id: 'X\u001b', name: 'A B' }] })).toEqual([
      'people[0] (id "X\\u001b") field "id": must be a lowercase slug: a-z, 0-9 and "-", at most 64 characters',
    ]);
    expect(issuesOf({ people: ['\u001b'] })).toEqual(['people[0]: Invalid input: expected object, received string']);
  });

  it('reports invalid JSON with the source name', () => {
    expect(() => parseWatchlistJson('{', 'w.json')).toThrow(/w\.json: invalid watchlist:\n {2}not valid JSON/);
  });
});

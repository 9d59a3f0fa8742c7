import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Watchlist } from '../../../functions/core/watchlist';
import { Category, FixtureError, loadCases, loadWatchlist, parseCaseFile, type LoadedCase } from '../../eval/fixtures';

const watchlist = loadWatchlist();
const cases = loadCases();
const personIds = new Set(watchlist.people.map((p) => p.id));
const topicIds = new Set(watchlist.topics.map((t) => t.id));
const where = (c: LoadedCase) => `${c.id} (${c.file}:${c.line})`;

describe('evaluation fixtures', () => {
  it('ship a watchlist that the project schema accepts unchanged', () => {
    expect(Watchlist.parse(watchlist)).toEqual(watchlist);
    expect(personIds.size).toBeGreaterThanOrEqual(10);
    expect(topicIds).toEqual(new Set(['prisoner-exchange']));
  });

  it('keep some people without a Cyrillic form so transliteration is exercised', () => {
    const hasCyrillic = (s: string) => /\p{Script=Cyrillic}/u.test(s);
    const forms = (p: (typeof watchlist.people)[number]) => [p.name, ...(p.aliases ?? [])];
    const latinOnly = watchlist.people.filter((p) => !forms(p).some(hasCyrillic)).map((p) => p.id);
    const cyrillicOnly = watchlist.people.filter((p) => forms(p).every(hasCyrillic)).map((p) => p.id);
    expect(latinOnly).toContain('sergei-ryabkov');
    expect(cyrillicOnly).toEqual(['ilya-yashin']);
  });

  it('label only ids that are on the fixture watchlist', () => {
    const unknown = cases.flatMap((c) => [
      ...c.expect.people.filter((id) => !personIds.has(id)).map((id) => `${where(c)}: person ${id}`),
      ...c.expect.topics.filter((id) => !topicIds.has(id)).map((id) => `${where(c)}: topic ${id}`),
    ]);
    expect(unknown).toEqual([]);
  });

  it('give each case labels that agree with its category', () => {
    const rules: Record<Category, (c: LoadedCase) => boolean> = {
      people: (c) => c.expect.people.length > 0,
      'people-hard-negative': (c) => c.expect.people.length === 0,
      topic: (c) => c.expect.topics.includes('prisoner-exchange'),
      'topic-hard-negative': (c) => c.expect.topics.length === 0,
      'plain-negative': (c) => c.expect.people.length === 0 && c.expect.topics.length === 0,
      seed: (c) => c.expect.topics.length > 0 && c.expect.people.length > 0,
    };
    expect(cases.filter((c) => !rules[c.category](c)).map(where)).toEqual([]);
  });

  it('cover both languages, every category and every tracked person', () => {
    const ru = cases.filter((c) => c.lang === 'ru');
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(ru.length).toBeGreaterThanOrEqual(25);
    for (const category of Category.options.filter((c) => c !== 'seed')) {
      expect(cases.filter((c) => c.category === category && c.lang === 'en').length, `${category} en`).toBeGreaterThanOrEqual(5);
      expect(ru.filter((c) => c.category === category).length, `${category} ru`).toBeGreaterThanOrEqual(5);
    }
    const labelled = new Set(cases.flatMap((c) => c.expect.people));
    expect([...personIds].filter((id) => !labelled.has(id))).toEqual([]);
  });

  it('include the founding article with its four expected labels', () => {
    const seed = cases.filter((c) => c.category === 'seed');
    expect(seed).toHaveLength(1);
    expect(seed[0]!.article.body).toContain('returning both Bout and Yaroshenko to their homeland');
    expect(new Set(seed[0]!.expect.people)).toEqual(new Set(['viktor-bout', 'konstantin-yaroshenko', 'sergei-ryabkov']));
    expect(seed[0]!.expect.topics).toEqual(['prisoner-exchange']);
  });

  it('exercise each tagging behaviour they are meant to cover at least once', () => {
    const behaviours = [
      'case-insensitive',
      'all-caps',
      'line-break',
      'possessive-curly',
      'possessive-straight',
      'en-dash',
      'space-instead-of-hyphen',
      'diacritics',
      'full-width',
      'non-breaking-space',
      'whole-word',
      'surname-after-full-name',
      'transliteration',
      'epithet',
      'cyrillic-alias-genitive',
      'cyrillic-alias-dative',
      'cyrillic-instrumental',
      'auto-transliteration',
      'lou-reed',
      'reed-hastings',
      'reed-beds',
      'common-surname-other-first-name',
      'traded-x-for-y',
      'freed-in-exchange-for',
      'prisoner-of-war',
      'hostages-for-prisoners',
      'negotiations',
      'transfer-of-sentenced-persons',
      'obmen-zaklyuchyonnymi',
      'obmen-plennymi',
      'stock-exchange',
      'exchange-rate',
      'exchange-of-fire',
      'student-exchange',
      'exchange-of-views',
      'parole',
      'amnesty',
      'bail',
      'trade-deal',
      'transfer-between-prisons',
    ];
    const covered = (b: string) => cases.some((c) => c.case.includes(b));
    expect(behaviours.filter((b) => !covered(b))).toEqual([]);
  });
});

describe('fixture loading', () => {
  it('names the file, line and field of a malformed case', () => {
    const good = JSON.stringify({
      id: 'en-x-001',
      lang: 'en',
      category: 'people',
      case: 'x',
      article: { body: 'B' },
      expect: { people: [], topics: [] },
    });
    const bad = JSON.stringify({
      id: 'en-x-002',
      lang: 'en',
      category: 'people',
      case: 'x',
      article: { body: 'B', author: 'Z' },
      expect: { people: [], topics: [] },
    });
    expect(() => parseCaseFile(`${good}\n${bad}\n`, 'bad.jsonl')).toThrow(/bad\.jsonl:2: article: .*author/);
  });

  it('rejects a line that is not JSON, with its position', () => {
    expect(() => parseCaseFile('\n{"id": ', 'broken.jsonl')).toThrow(FixtureError);
    expect(() => parseCaseFile('\n{"id": ', 'broken.jsonl')).toThrow(/broken\.jsonl:2: invalid JSON/);
  });

  it('rejects a label that is not a slug or is repeated', () => {
    const line = (people: string[]) =>
      JSON.stringify({ id: 'en-x-001', lang: 'en', category: 'people', case: 'x', article: { body: 'B' }, expect: { people, topics: [] } });
    expect(() => parseCaseFile(line(['Viktor Bout']), 'f.jsonl')).toThrow(/expect\.people\.0/);
    expect(() => parseCaseFile(line(['viktor-bout', 'viktor-bout']), 'f.jsonl')).toThrow(/must not repeat/);
  });

  it('rejects the same case id in two files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-fixtures-'));
    const line = JSON.stringify({
      id: 'en-x-001',
      lang: 'en',
      category: 'plain-negative',
      case: 'x',
      article: { body: 'B' },
      expect: { people: [], topics: [] },
    });
    writeFileSync(join(dir, 'a.jsonl'), `${line}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${line}\n`);
    expect(() => loadCases(dir)).toThrow(/b\.jsonl:1: duplicate case id "en-x-001" \(first at a\.jsonl:1\)/);
  });
});

import { describe, expect, it } from 'vitest';
import { saveConflict } from '../../../console/src/watchlist-conflict';

const bout = { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Victor Bout', 'Виктор Бут'] };
const watchlist = { people: [bout], topics: [{ id: 'prisoner-exchange', exclude: ['land swap'] }] };

describe('saving a watchlist entry from the console', () => {
  it('refuses to add an id the watchlist has already, naming it, so its aliases are not replaced', () => {
    expect(saveConflict('person', 'viktor-bout', undefined, watchlist)).toContain('"viktor-bout" is on the watchlist already');
    expect(saveConflict('topic', 'prisoner-exchange', undefined, watchlist)).toContain('already');
  });

  it('adds a new id, and saves an edit of an entry unchanged since its form opened', () => {
    expect(saveConflict('person', 'brittney-griner', undefined, watchlist)).toBeUndefined();
    expect(saveConflict('person', 'viktor-bout', { ...bout }, watchlist)).toBeUndefined();
  });

  it('refuses an edit of an entry changed or removed elsewhere since its form opened', () => {
    const opened = { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Victor Bout'] };

    expect(saveConflict('person', 'viktor-bout', opened, watchlist)).toContain('changed elsewhere');
    expect(saveConflict('topic', 'gone', { id: 'gone' }, watchlist)).toContain('removed');
  });
});

describe('comparing a topic definition read back from the table', () => {
  it('takes the same entry with its maps in another key order as unchanged', () => {
    const opened = { id: 'sanctions', terms: { weight: 1, words: ['sanction'] }, exclude: ['x'] };
    const current = { people: [], topics: [{ exclude: ['x'], terms: { words: ['sanction'], weight: 1 }, id: 'sanctions' }] };

    expect(saveConflict('topic', 'sanctions', opened, current)).toBeUndefined();
  });
});

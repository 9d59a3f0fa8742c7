import { describe, expect, it } from 'vitest';
import type { Table } from '../../../functions/adapters/table';
import { noteFilings, withRecentFilings } from '../../../functions/app/stories/recent-filings';
import { STORIES_PER_KEY } from '../../../functions/core/stories/candidates';

const KEY = 'n.moskv@w2026-11-30';

describe("a process's recent story filings", () => {
  it('keep a busy index key to its most recently active stories however many articles file under it', () => {
    // Prepare: one process (its table client is what the filings are kept by) files 500 stories under one key.
    const table = { doc: {}, name: 'newswatch' } as unknown as Table;
    for (let i = 0; i < 500; i++) noteFilings(table, new Map([[KEY, { [`st_${i}`]: i }]]));

    // Act: an article reads the key, and the table answers nothing newer than what was filed.
    const found = withRecentFilings(table, [KEY], new Map([[KEY, { st_old: -1 }]]));

    // Assess: what it ranks candidates from is what the table keeps, the latest STORIES_PER_KEY.
    const entry = found.get(KEY)!;
    expect(Object.keys(entry)).toHaveLength(STORIES_PER_KEY);
    expect(entry.st_499).toBe(499);
    expect(entry[`st_${500 - STORIES_PER_KEY}`]).toBe(500 - STORIES_PER_KEY);
    expect(entry.st_old).toBeUndefined();
  });
});

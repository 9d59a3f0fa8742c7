import './support/env';
import { describe, expect, it } from 'vitest';
import { tableFromEnv, createDocumentClient } from '../../../functions/adapters/table';
import { createWatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { createTaggerSource } from '../../../functions/app/tagging';
import { metrics } from '../../../functions/handlers/observability';
import { fakeTable } from './support/fake-table';
import { loadTaggerEngine } from '../../../functions/handlers/ingest-wiring';

const fake = fakeTable();
const table = tableFromEnv(createDocumentClient());
const deps = (clusterStories: boolean): IngestDeps => ({
  table,
  currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine),
  retentionDays: 0,
  metrics,
  clusterStories,
});
const wire = 'Viktor Bout was flown to Moscow on Thursday in exchange for Brittney Griner, officials said at the airport.';
const copies = [
  { id: 'copy-1', title: 'Bout flown to Moscow', body: wire, publishedAt: '2022-12-08T10:00:00Z' },
  { id: 'copy-2', title: 'Bout is home', body: `${wire} More on our website.`, publishedAt: '2022-12-08T11:00:00Z' },
];
const storyItems = () => [...fake.items.values()].filter((i) => /^(STORY|SKEY|STAG)#/.test(String(i.pk)));

describe('ingest with story clustering switched off (the benchmark baseline)', () => {
  it('makes each copy a story of its own and files nothing about stories, while clustering joins them', async () => {
    fake.reset();
    const off = [];
    for (const c of copies) off.push(await ingestArticle(deps(false), c));
    expect(off[0]!.storyId).not.toBe(off[1]!.storyId);
    expect(storyItems()).toEqual([]);
    expect(fake.get('ART#copy-1', 'A')).toMatchObject({ storyId: off[0]!.storyId, matched: true });

    fake.reset();
    const on = [];
    for (const c of copies) on.push(await ingestArticle(deps(true), c));
    expect(on[0]!.storyId).toBe(on[1]!.storyId);
    expect(storyItems().length).toBeGreaterThan(0);
  });
});

import './support/env';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import { createWatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { createTaggerSource } from '../../../functions/app/tagging';
import { decodeKeyEntry, encodeKeyEntry } from '../../../functions/core/stories/candidates';
import { metrics } from '../../../functions/handlers/observability';
import { fakeTable } from './support/fake-table';
import { loadTaggerEngine } from '../../../functions/handlers/ingest-wiring';

const fake = fakeTable();
const wire = 'Viktor Bout was flown to Moscow on Thursday in exchange for Brittney Griner, officials said at the airport.';
const copy = (n: number) => ({ id: `copy-${n}`, title: `Bout flown to Moscow (${n})`, body: wire, publishedAt: `2022-12-08T1${n}:00:00Z` });

// A fresh client (and so a fresh cache) per test, like a fresh Lambda instance.
function tableDeps(): IngestDeps {
  const table = tableFromEnv(createDocumentClient());
  return { table, currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine), retentionDays: 0, metrics };
}

let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  deps = tableDeps();
});

const storyReads = () =>
  fake.ddb
    .commandCalls(BatchGetCommand)
    .flatMap((c) => Object.values(c.args[0].input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []))
    .filter((k) => String(k.pk).startsWith('STORY#'));
const storyItem = (storyId: string) => fake.get(`STORY#${storyId}`, 'S');

describe('the story cache at ingest', () => {
  it('does not read back a story the same process just wrote: three copies, no story record read', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await ingestArticle(deps, copy(n))).storyId);
    expect(new Set(ids).size).toBe(1);
    expect(storyReads()).toEqual([]);
    expect(storyItem(ids[0]!)).toMatchObject({ articleCount: 3, version: 3 });
  });

  it('counts an article into the stored story when another writer changed it behind the cache', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const stored = storyItem(storyId!)!;
    fake.put({ ...stored, articleCount: 5, version: 5 });
    await ingestArticle(deps, copy(2));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 6, version: 6 });
  });

  it('reads the story again when the index shows an article filed after the cached record', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    for (const item of fake.items.values()) {
      const entry = String(item.pk).startsWith('SKEY#') ? decodeKeyEntry(item.stories) : {};
      if (entry[storyId!]) item.stories = encodeKeyEntry({ ...entry, [storyId!]: Date.parse('2022-12-09T00:00:00Z') });
    }
    await ingestArticle(deps, copy(2));
    expect(storyReads().map((k) => k.pk)).toEqual([`STORY#${storyId}`]);
  });
});

describe('the stored story index', () => {
  it('keeps each key entry as one string, and finds a story through an entry stored as a map', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const keys = [...fake.items.values()].filter((i) => String(i.pk).startsWith('SKEY#'));
    expect(keys.length).toBeGreaterThan(0);
    for (const item of keys) {
      expect(typeof item.stories).toBe('string');
      fake.put({ ...item, stories: decodeKeyEntry(item.stories) });
    }
    // A fresh instance has nothing cached: only the index can name the story.
    expect((await ingestArticle(tableDeps(), copy(2))).storyId).toBe(storyId);
  });
});

describe('the stored story', () => {
  it('keeps the clustering profile as one string, and reads back a story stored with it as a map', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const stored = storyItem(storyId!)!;
    expect(typeof stored.profile).toBe('string');
    fake.put({ ...stored, profile: JSON.parse(stored.profile) });
    const next = await ingestArticle(tableDeps(), copy(2));
    expect(next.storyId).toBe(storyId);
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2, version: 2 });
  });
});

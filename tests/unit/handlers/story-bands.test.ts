import './support/env';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import { createWatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { createTaggerSource } from '../../../functions/app/tagging';
import { decodeKeyEntry, encodeKeyEntry, STORIES_PER_KEY } from '../../../functions/core/stories/candidates';
import { storyFeatures } from '../../../functions/core/stories/features';
import { bandLookupKeys } from '../../../functions/core/stories/index-keys';
import { metrics } from '../../../functions/handlers/observability';
import { fakeTable } from './support/fake-table';
import { loadTaggerEngine } from '../../../functions/handlers/ingest-wiring';

const fake = fakeTable();
const article = {
  title: 'Gaziantep quake measured 7.8',
  body: 'An earthquake of magnitude 7.8 struck near Gaziantep and Kahramanmaras early on Monday, the survey said, and 1,500 buildings collapsed across the region.',
  url: 'https://wire.example/quake',
  publishedAt: '2023-02-06T04:00:00Z',
};

function freshDeps(): IngestDeps {
  const table = tableFromEnv(createDocumentClient());
  return { table, currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine), retentionDays: 0, metrics };
}

const indexItems = () => [...fake.items.values()].filter((i) => String(i.pk).startsWith('SKEY#'));
const isBand = (pk: unknown) => String(pk).startsWith('SKEY#b');
const indexKeysRead = () =>
  fake.ddb
    .commandCalls(BatchGetCommand)
    .flatMap((c) => Object.values(c.args[0].input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []))
    .filter((k) => String(k.pk).startsWith('SKEY#'));

/** Every one of `keys` lists STORIES_PER_KEY other stories: no quiet entity key left. */
function fillBusy(keys: readonly string[], at: number): void {
  for (const pk of keys) {
    const busy = Object.fromEntries(Array.from({ length: STORIES_PER_KEY }, (_, i) => [`st_busy${i}x${pk.length}`, at - i]));
    fake.put({ pk, sk: 'K', kind: 'story-key', stories: encodeKeyEntry(busy) });
  }
}

beforeEach(() => fake.reset());

describe('story bands at ingest', () => {
  it('files and looks up no band while the entity keys are quiet', async () => {
    await ingestArticle(freshDeps(), article);
    expect(indexItems().length).toBeGreaterThan(1);
    expect(indexItems().filter((i) => isBand(i.pk))).toEqual([]);
    expect(indexKeysRead().filter((k) => isBand(k.pk))).toEqual([]);
  });

  it('reads the bands before it files them when the entity keys are busy, keeping the stories they listed', async () => {
    await ingestArticle(freshDeps(), article);
    const entityKeys = indexItems().map((i) => String(i.pk));
    fake.reset();
    const at = Date.parse(article.publishedAt);
    fillBusy(entityKeys, at);
    const { storyId } = await ingestArticle(freshDeps(), article);
    const bands = indexItems().filter((i) => isBand(i.pk));
    expect(bands.length).toBeGreaterThan(0);
    expect(indexKeysRead().filter((k) => isBand(k.pk)).length).toBe(bands.length);
    // A band that lists another story already is read first and written back with it (an index item is written whole).
    fake.reset();
    for (const b of bands) fake.put({ ...b, stories: encodeKeyEntry({ st_earlier: at - 1 }) });
    fillBusy(entityKeys, at);
    await ingestArticle(freshDeps(), article);
    for (const b of bands)
      expect(Object.keys(decodeKeyEntry(fake.get(String(b.pk), 'K')?.stories)).sort()).toEqual([storyId, 'st_earlier'].sort());
  });
});

describe('a decision taken while another article reads its bands', () => {
  const rewrite = {
    title: 'Quake of 7.8 hits Gaziantep',
    body: 'Early on Monday a 7.8 magnitude earthquake hit Gaziantep and Kahramanmaras, and 1,500 buildings across the region collapsed, the survey reported.',
    url: 'https://other.example/quake',
    publishedAt: '2023-02-06T04:10:00Z',
  };

  it('is seen on the entity keys read before it: the article joins the story decided meanwhile', async () => {
    const deps = freshDeps();
    await ingestArticle(freshDeps(), article);
    const entityKeys = indexItems()
      .filter((i) => !isBand(i.pk))
      .map((i) => String(i.pk));
    fake.reset();
    fillBusy(entityKeys, Date.parse(article.publishedAt));
    const slowBands = new Set(bandLookupKeys(storyFeatures({ ...article, people: [] })).map((k) => `SKEY#${k}`));
    let rewriteDecided!: () => void;
    const decided = new Promise<void>((resolve) => {
      rewriteDecided = resolve;
    });
    let bandsAsked!: () => void;
    const asked = new Promise<void>((resolve) => {
      bandsAsked = resolve;
    });
    // The first article's band read answers only once the rewrite has decided (and filed) its story.
    fake.ddb.on(BatchGetCommand).callsFake(async (input) => {
      const [table, { Keys }] = Object.entries(input.RequestItems ?? {})[0] as [string, { Keys: { pk: string; sk: string }[] }];
      if (Keys.some((k) => slowBands.has(k.pk))) {
        bandsAsked();
        await decided;
      }
      return { Responses: { [table]: Keys.map((k) => fake.get(k.pk, k.sk)).filter(Boolean) } };
    });

    const first = ingestArticle(deps, article);
    await asked;
    const second = await ingestArticle(deps, rewrite);
    rewriteDecided();

    expect((await first).storyId).toBe(second.storyId);
  });
});

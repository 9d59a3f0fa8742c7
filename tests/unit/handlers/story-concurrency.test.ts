import './support/env';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, tableFromEnv } from '../../../functions/adapters/table';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { orderedFilingWrite } from '../../../functions/app/stories/recent-filings';
import { decodeKeyEntry } from '../../../functions/core/stories/candidates';
import { fakeTable } from './support/fake-table';
import { copy, freshIngestDeps, quake } from './support/story-articles';

/** Articles posted at once to one process: clustering decides without a lock, writes the story in groups. */
const fake = fakeTable();

let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  deps = freshIngestDeps();
});

const storyPuts = () =>
  fake.ddb
    .commandCalls(PutCommand)
    .filter((c) => String(c.args[0].input.Item?.pk).startsWith('STORY#') && c.args[0].input.Item?.sk === 'S');
const storyItem = (storyId: string) => fake.get(`STORY#${storyId}`, 'S');
const indexItems = () =>
  [...fake.items.values()].filter((i) => String(i.pk).startsWith('SKEY#')).map((i) => ({ pk: i.pk, stories: decodeKeyEntry(i.stories) }));

describe('story clustering of articles posted at once to one process', () => {
  it('puts copies posted at once in one story and counts each of them once', async () => {
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((n) => ingestArticle(deps, copy(n))));
    const [storyId] = new Set(outcomes.map((o) => o.storyId));
    expect(new Set(outcomes.map((o) => o.storyId)).size).toBe(1);
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 5, version: 5 });
  });

  it('writes the story of copies posted at once in fewer writes than articles', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => ingestArticle(deps, copy(n))));
    expect(storyPuts().length).toBeLessThan(5);
  });

  it('counts an article posted twice at once into its story once', async () => {
    const outcomes = await Promise.all([ingestArticle(deps, copy(1)), ingestArticle(deps, copy(1)), ingestArticle(deps, copy(2))]);
    expect(outcomes.map((o) => o.duplicate).sort()).toEqual([false, false, true]);
    expect(storyItem(outcomes[0]!.storyId!)).toMatchObject({ articleCount: 2 });
  });

  it('keeps both stories under an index key two different events filed at once', async () => {
    const [bout, other] = await Promise.all([ingestArticle(deps, copy(1)), ingestArticle(deps, quake)]);
    expect(bout.storyId).not.toBe(other.storyId);
    const shared = indexItems().filter((i) => i.stories[bout.storyId!] !== undefined && i.stories[other.storyId!] !== undefined);
    expect(shared.map((i) => i.pk)).toContain('SKEY#n.mskv@w2022-12-08');
  });
});

describe('writes of one story index key', () => {
  it('land in the order the decisions were taken, even when the earlier write is slower', async () => {
    const table = tableFromEnv(createDocumentClient());
    const landed: string[] = [];
    const first = orderedFilingWrite(table, ['n.mscw@2022-12-08', 'b0.x']);
    const second = orderedFilingWrite(table, ['n.mscw@2022-12-08']);
    const unrelated = orderedFilingWrite(table, ['b1.y']);
    await Promise.all([
      first(async () => {
        await new Promise((r) => setTimeout(r, 30));
        landed.push('first');
      }),
      second(async () => landed.push('second')),
      unrelated(async () => landed.push('unrelated')),
    ]);
    expect(landed).toEqual(['unrelated', 'first', 'second']);
  });
});

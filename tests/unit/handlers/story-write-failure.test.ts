import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingestArticle, ingestBatch, type IngestDeps } from '../../../functions/app/ingest-articles';
import { StoryNotCounted } from '../../../functions/core/errors';
import { keys } from '../../../functions/adapters/table-keys';
import { storiesByTag } from '../../../functions/app/stories/story-queries';
import { fakeTable } from './support/fake-table';
import { copy, freshIngestDeps, quake } from './support/story-articles';

/** The story write of an article fails after the article itself was stored. */
const fake = fakeTable();

let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  deps = freshIngestDeps();
});

const storyItem = (storyId: string) => fake.get(`STORY#${storyId}`, 'S');
const articleItem = (id: string) => fake.get(`ART#${id}`, 'A');
const throttled = () => Object.assign(new Error('Rate of requests exceeds the allowed throughput'), { name: 'ThrottlingException' });
const storyPut = (storyId: string) => (item: Record<string, any>) => item.pk === `STORY#${storyId}` && item.sk === 'S';

describe('a story write that fails after the article was stored', () => {
  it('answers 503 story_not_counted, and the article is stored with its story id', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    fake.failNextPut(storyPut(storyId!), throttled);
    const failed = await ingestArticle(deps, copy(2)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StoryNotCounted);
    expect(failed).toMatchObject({ status: 503, code: 'story_not_counted' });
    expect(articleItem('copy-2')).toMatchObject({ storyId });
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 1 });
  });

  it('is finished by the re-send: the same story id, a duplicate, counted once however often it is re-sent', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    fake.failNextPut(storyPut(storyId!), throttled);
    await expect(ingestArticle(deps, copy(2))).rejects.toBeInstanceOf(StoryNotCounted);
    const resent = await ingestArticle(deps, copy(2));
    const again = await ingestArticle(deps, copy(2));
    expect([resent, again]).toMatchObject([
      { duplicate: true, storyId },
      { duplicate: true, storyId },
    ]);
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2, version: 2 });
    expect(articleItem('copy-2')).not.toHaveProperty('storyOwed');
  });

  it('counts the article once when the failed write had landed after all', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    fake.afterNextPut(storyPut(storyId!), throttled);
    await expect(ingestArticle(deps, copy(2))).rejects.toBeInstanceOf(StoryNotCounted);
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2 });
    await ingestArticle(deps, copy(2));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2, version: 2 });
  });

  it('counts each article of a failed group once when each is re-sent', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const failed: Record<string, any>[] = [];
    // Copy 2 is written alone; copies 3 and 4 arrive while it is in flight and go into the next write together, which fails.
    const holdsFour = (item: Record<string, any>) => storyPut(storyId!)(item) && item.articleCount === 4 && failed.push(item) > 0;
    fake.failNextPut(holdsFour, throttled);
    const outcomes = await Promise.allSettled([2, 3, 4].map((n) => ingestArticle(deps, copy(n))));
    // The failed write went from copy 2's version (2) to 4: one write holding both articles.
    expect(failed).toMatchObject([{ articleCount: 4, version: 4 }]);
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2, version: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    for (const n of [3, 4, 3, 4]) await ingestArticle(deps, copy(n));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 4 });
  });

  it('refuses that item of a batch with story_not_counted (its 503) and ingests the others', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    fake.failNextPut(storyPut(storyId!), throttled);
    const results = await ingestBatch(deps, { articles: [copy(2), quake] });
    expect(results).toMatchObject([
      { index: 0, refused: { status: 503, code: 'story_not_counted' } },
      { index: 1, outcome: { duplicate: false } },
    ]);
  });

  it('keeps the story listed under each of its people when the writer stops right after the story put', async () => {
    const first = await ingestArticle(deps, copy(1));
    const deletesTagEntries = (input: Record<string, any>) =>
      Object.values<any[]>(input.RequestItems ?? {}).some((writes) =>
        writes.some((w) => String(w.DeleteRequest?.Key?.pk).startsWith('STAG#')),
      );
    // Everything after the story put is lost (the process died there): the moved-from entries are never deleted.
    fake.failWritesWhile((command, input) => (command === 'batch' && deletesTagEntries(input) ? new Error('process killed') : undefined));
    await ingestArticle(deps, copy(2)).catch(() => undefined);
    fake.failWritesWhile(() => undefined);

    const listed = await storiesByTag(deps.table, { person: 'viktor-bout' });

    expect(storyItem(first.storyId!)).toMatchObject({ articleCount: 2, lastSeenAt: '2022-12-08T12:00:00.000Z' });
    expect(listed.items.map((s) => [s.id, s.lastSeenAt])).toEqual([[first.storyId, '2022-12-08T12:00:00.000Z']]);
  });

  it('does not list a story under a person its tag entry names when the story never took that person (a write that did not land)', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const lastSeenAt = storyItem(storyId!)!.lastSeenAt as string;
    fake.put({ ...keys.storyTag('person', 'konstantin-yaroshenko', storyId!, lastSeenAt), kind: 'story-tag', storyId });

    const listed = await storiesByTag(deps.table, { person: 'konstantin-yaroshenko' });

    expect(listed.items).toEqual([]);
  });

  it('leaves no story-tag entry behind for a write that lost to another instance that had moved the story past it', async () => {
    const other = freshIngestDeps();
    const { storyId } = await ingestArticle(deps, copy(1));
    // Another instance moves the story to 15:00; this one still holds it at 11:00 and counts in a 13:00 copy.
    await ingestArticle(other, copy(5));
    await ingestArticle(deps, copy(3));

    const entries = [...fake.items.values()].filter((i) => String(i.pk).startsWith('STAG#')).map((i) => i.sk);

    expect(storyItem(storyId!)).toMatchObject({ articleCount: 3, lastSeenAt: '2022-12-08T15:00:00.000Z' });
    expect(new Set(entries)).toEqual(new Set([`2022-12-08T15:00:00.000Z#${storyId}`]));
  });
});

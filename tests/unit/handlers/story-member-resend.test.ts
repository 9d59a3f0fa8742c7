import './support/env';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { storyById } from '../../../functions/app/stories/story-queries';
import { fakeTable } from './support/fake-table';
import { copy, freshIngestDeps } from './support/story-articles';

/** A re-send of a stored article under other fields: the story's article list keeps the stored one's. */
const fake = fakeTable();

let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  deps = freshIngestDeps();
});

/** Writes of member entries so far, landed or refused: conditional puts, and puts in batches. */
const memberPuts = () =>
  fake.ddb.commandCalls(PutCommand).filter((c) => c.args[0].input.Item?.kind === 'story-member').length +
  fake.ddb
    .commandCalls(BatchWriteCommand)
    .flatMap((c) => Object.values(c.args[0].input.RequestItems ?? {}).flat())
    .filter((r) => r.PutRequest?.Item?.kind === 'story-member').length;

describe('a stored article sent again with other fields', () => {
  it('stays listed in its story with the fields it was stored with', async () => {
    const first = { ...copy(1), url: 'https://wire.example/bout', source: 'Wire' };
    const stored = await ingestArticle(deps, first);
    const again = await ingestArticle(deps, { ...first, title: 'Another headline', source: 'Wire Two', language: 'en' });
    expect(again).toMatchObject({ duplicate: true, storyId: stored.storyId });
    const story = await storyById(deps.table, stored.storyId!);
    expect(story.articles).toEqual([
      { id: stored.id, title: first.title, url: first.url, source: 'Wire', publishedAt: '2022-12-08T11:00:00.000Z', language: null },
    ]);
  });

  it('writes its member entry once, refused, whether the re-send is identical or not: nothing is written back', async () => {
    await ingestArticle(deps, copy(1));
    expect(memberPuts()).toBe(1);
    await ingestArticle(deps, copy(1));
    expect(memberPuts()).toBe(2);
    await ingestArticle(deps, { ...copy(1), title: 'Another headline', source: 'Wire Two' });
    expect(memberPuts()).toBe(3);
  });
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteMovedStoryTags, putStoryTags } from '../../../functions/adapters/story-repository';
import type { Table } from '../../../functions/adapters/table';
import { storyFeatures } from '../../../functions/core/stories/features';
import { withMember } from '../../../functions/core/stories/membership';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };

const first = {
  id: 'a1',
  body: 'Viktor Bout was exchanged in Abu Dhabi.',
  publishedAt: '2022-12-08T12:00:00.000Z',
  people: ['viktor-bout'],
  topics: ['prisoner-exchange'],
};
const later = { ...first, id: 'a2', publishedAt: '2022-12-08T15:00:00.000Z' };

beforeEach(() => {
  ddb.reset();
  ddb.on(BatchWriteCommand).resolves({});
});

describe('story tag entries', () => {
  it('puts every tag of a story whose lastSeenAt moved at the new time, and deletes the old entries in a second write', async () => {
    const before = withMember(undefined, 'st_1', first, storyFeatures(first));
    const after = withMember(before, 'st_1', later, storyFeatures(later));

    await putStoryTags(table, before, after);
    await deleteMovedStoryTags(table, before, after);

    const [puts, deletes] = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!.newswatch!);
    expect(puts!.map((r) => [r.PutRequest?.Item?.pk, r.PutRequest?.Item?.sk])).toEqual([
      [expect.stringMatching(/^STAG#person#viktor-bout#\d$/), `${later.publishedAt}#st_1`],
      [expect.stringMatching(/^STAG#topic#prisoner-exchange#\d$/), `${later.publishedAt}#st_1`],
    ]);
    expect(deletes!.map((r) => r.DeleteRequest?.Key?.sk)).toEqual([`${first.publishedAt}#st_1`, `${first.publishedAt}#st_1`]);
  });

  it('puts only the new tags, and deletes nothing, when lastSeenAt did not move', async () => {
    const before = withMember(undefined, 'st_1', { ...later, topics: [] }, storyFeatures(later));
    const after = withMember(before, 'st_1', first, storyFeatures(first));

    await putStoryTags(table, before, after);
    await deleteMovedStoryTags(table, before, after);

    const calls = ddb.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.RequestItems!.newswatch!.map((r) => r.PutRequest?.Item?.pk)).toEqual([
      expect.stringMatching(/^STAG#topic#prisoner-exchange#/),
    ]);
  });

  it('writes nothing when the story has no people or topics', async () => {
    const untagged = { ...first, people: [], topics: [] };
    await putStoryTags(table, undefined, withMember(undefined, 'st_2', untagged, storyFeatures(untagged)));
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });
});

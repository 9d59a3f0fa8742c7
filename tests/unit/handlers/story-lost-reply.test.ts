import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { ingestArticle, type IngestDeps } from '../../../functions/app/ingest-articles';
import { fakeTable } from './support/fake-table';
import { copy, freshIngestDeps } from './support/story-articles';

/**
 * A conditional story put that lands but whose reply is lost: the SDK retries it, the retry is refused
 * (the first attempt moved the version), and the writer sees only the refusal.
 */
const fake = fakeTable();

let deps: IngestDeps;
beforeEach(() => {
  fake.reset();
  deps = freshIngestDeps();
});

const isStory = (item: Record<string, any>) => String(item.pk).startsWith('STORY#') && item.sk === 'S';
const storyItem = (storyId: string) => fake.get(`STORY#${storyId}`, 'S');
const loseReplyOfNextStoryPut = (alsoMeanwhile?: () => void) =>
  fake.afterNextPut(isStory, () => {
    alsoMeanwhile?.();
    return fake.conditionalCheckFailed();
  });

describe('a story write whose reply was lost', () => {
  it('counts the article that starts a story once', async () => {
    loseReplyOfNextStoryPut();
    const { storyId } = await ingestArticle(deps, copy(1));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 1, version: 1 });
  });

  it('counts an article joining a stored story once', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    loseReplyOfNextStoryPut();
    await ingestArticle(deps, copy(2));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 2, version: 2 });
  });

  it('counts the article once when another writer wrote the story after it, before the re-read', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    // Another instance counts three articles in right after the lost write.
    loseReplyOfNextStoryPut(() => {
      const stored = storyItem(storyId!)!;
      fake.put({
        ...stored,
        articleCount: stored.articleCount + 3,
        version: stored.version + 1,
        recentWrites: [...stored.recentWrites, 'other'],
      });
    });
    await ingestArticle(deps, copy(2));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 5, version: 3 });
  });

  it('still merges the article in when the refusal was another writer’s write, not its own', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const stored = storyItem(storyId!)!;
    fake.put({ ...stored, articleCount: 4, version: 4, recentWrites: ['other'] });
    await ingestArticle(deps, copy(2));
    expect(storyItem(storyId!)).toMatchObject({ articleCount: 5, version: 5 });
  });
});

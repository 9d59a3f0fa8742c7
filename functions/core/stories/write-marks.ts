import { sha256Hex } from '../hash';
import type { StoryRecord } from './story';

/**
 * The marks of a story's latest writes, so a writer can tell whether a write it was not told about
 * landed. A conditional story put whose reply is lost is retried by the SDK, and the retry is refused
 * (the first attempt already moved `version`); without a mark the writer would read the story back
 * and count the same articles in a second time. A mark names one write (one group of articles), and
 * a story keeps the last few: enough for the writes of other instances that can land between a lost
 * reply and the writer's re-read (each instance has one write of a story in flight).
 */
export const MAX_WRITE_MARKS = 8;

/** The story with this write's mark added (the oldest marks beyond MAX_WRITE_MARKS dropped). */
export function withWriteMark(record: StoryRecord, mark: string): StoryRecord {
  return { ...record, recentWrites: [...(record.recentWrites ?? []), mark].slice(-MAX_WRITE_MARKS) };
}

/** True when the stored story already holds the write with this mark. */
export function holdsWrite(record: StoryRecord | undefined, mark: string): boolean {
  return record?.recentWrites?.includes(mark) ?? false;
}

/**
 * The mark of the write that counts in an article whose first story write failed, when its re-send
 * comes: one per article, so a second re-send finds it and does not count the article again.
 */
export function owedWriteMark(articleId: string): string {
  return `o${sha256Hex(`owed\n${articleId}`).slice(0, 15)}`;
}

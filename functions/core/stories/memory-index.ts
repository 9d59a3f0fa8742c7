import { type KeyEntry, withStory } from './candidates';
import type { StoryRecord } from './story';

/**
 * The story index held in memory, with the same two lookups as the table: used by the evaluation
 * (`npm run eval`) and the benchmark, where a million stored articles are simulated.
 */
export class MemoryStoryIndex {
  readonly keys = new Map<string, KeyEntry>();
  readonly stories = new Map<string, StoryRecord>();

  entries(keys: readonly string[]): Map<string, KeyEntry> {
    const found = new Map<string, KeyEntry>();
    for (const k of keys) {
      const entry = this.keys.get(k);
      if (entry) found.set(k, entry);
    }
    return found;
  }

  records(ids: readonly string[]): StoryRecord[] {
    return ids.flatMap((id) => this.stories.get(id) ?? []);
  }

  save(record: StoryRecord, fileUnder: readonly string[], at: number): void {
    this.stories.set(record.id, record);
    for (const k of fileUnder) this.keys.set(k, withStory(this.keys.get(k), record.id, at));
  }
}

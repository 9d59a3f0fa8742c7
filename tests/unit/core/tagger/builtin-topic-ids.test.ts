import { describe, expect, it } from 'vitest';
import { BUILTIN_TOPIC_IDS } from '../../../../functions/core/tagger/builtin-topic-ids';
import { builtinTopics } from '../../../../functions/core/tagger/builtin-topics';
import { Watchlist } from '../../../../functions/core/watchlist';

describe('the built-in topic ids the watchlist schema checks', () => {
  it('are the ids of the built-in topic definitions, one each, in their order', () => {
    expect(BUILTIN_TOPIC_IDS).toEqual(builtinTopics().map((t) => t.id));
  });

  it('accept every built-in topic as an { id } entry and refuse an unknown one', () => {
    for (const id of BUILTIN_TOPIC_IDS) expect(Watchlist.safeParse({ people: [], topics: [{ id }] }).success).toBe(true);
    expect(Watchlist.safeParse({ people: [], topics: [{ id: 'no-such-topic' }] }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { type Digest, digestMessage } from '../../../../functions/core/digests/digest';
import { SNS_PUBLISH_MAX_BYTES } from '../../../../functions/core/sns-limits';

const story = (i: number) => ({
  id: `st_${String(i).padStart(24, '0')}`,
  title: `Story ${i}: ${'talks on a prisoner exchange between Moscow and Washington '.repeat(3)}`,
  articleCount: 3,
  sources: ['rt.com', 'example.org', 'reuters.com'],
  people: ['viktor-bout', 'konstantin-yaroshenko'],
  topics: ['prisoner-exchange'],
  url: `https://example.org/news/${i}`,
});
const digest = (stories: number): Digest => ({
  alertId: 'dg_1',
  kind: 'digest',
  delivery: 'daily',
  periodStart: '2026-11-29T07:00:00.000Z',
  periodEnd: '2026-11-30T07:00:00.000Z',
  stories: Array.from({ length: stories }, (_, i) => story(i)),
});
/** What SNS counts against its limit: message, subject, every attribute's name, type and value. */
const publishBytes = (m: ReturnType<typeof digestMessage>) =>
  Buffer.byteLength(m.message) +
  Buffer.byteLength(m.subject) +
  Object.entries(m.attributes).reduce((sum, [name, a]) => sum + Buffer.byteLength(name + a.DataType + a.StringValue), 0);

describe('digest messages', () => {
  it('list every story of a digest that fits in one SNS message', () => {
    const m = digestMessage(digest(20), 'sub_1');
    const json = JSON.parse(JSON.parse(m.message).default);

    expect(json.stories).toHaveLength(20);
    expect(json).not.toHaveProperty('omittedStories');
    expect(m.subject).toBe('newswatch daily digest: 20 stories');
  });

  it('list as many stories as fit in one SNS message, the first (most recently active) ones, and count the rest', () => {
    const m = digestMessage(digest(2_000), 'sub_1');
    const parts = JSON.parse(m.message);
    const json = JSON.parse(parts.default);

    expect(publishBytes(m)).toBeLessThanOrEqual(SNS_PUBLISH_MAX_BYTES);
    expect(json.stories.length).toBeGreaterThan(100);
    expect(json.stories.map((s: { id: string }) => s.id)).toEqual(digest(json.stories.length).stories.map((s) => s.id));
    expect(json.omittedStories).toBe(2_000 - json.stories.length);
    expect(m.subject).toBe('newswatch daily digest: 2000 stories');
    expect(parts.email).toContain(`… and ${json.omittedStories} more stories, too many for one message`);
  });

  it('leave out a story whose fields alone are too large for one message, and count it', () => {
    const huge = digest(1);
    huge.stories[0]!.url = `https://example.org/${'a'.repeat(300_000)}`;

    const json = JSON.parse(JSON.parse(digestMessage(huge, 'sub_1').message).default);

    expect(json).toMatchObject({ stories: [], omittedStories: 1 });
  });
});

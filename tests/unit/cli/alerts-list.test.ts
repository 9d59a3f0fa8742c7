import { describe, expect, it } from 'vitest';
import { alertsText } from '../../../functions/cli/commands/alerts-list';

describe('alerts list', () => {
  it("counts a digest's articles left out of its log entry in the ARTICLES column", () => {
    const digest = {
      alertId: 'dg_busy',
      kind: 'digest' as const,
      articleIds: ['a-1', 'a-2'],
      omittedArticles: 11_998,
      people: ['brittney-griner'],
      topics: [],
      ingestedAt: '2026-11-30T11:00:00.000Z',
      publishedAt: '2026-11-30T11:00:05.000Z',
      latencyMs: 65_000,
      messageId: 'm-1',
    };

    const [header, row] = alertsText([digest]).split('\n');

    const column = header!.indexOf('ARTICLES');
    expect(row!.slice(column).split(/\s+/)[0]).toBe('12000');
  });
});

import { describe, expect, it } from 'vitest';
import { LineProgress, rateAndEta } from '../../../functions/cli/push/progress';
import { interpretBatchResponse } from '../../../functions/cli/push/send-batches';
import { exitCodeOf, formatSummary, summarize } from '../../../functions/cli/push/summary';

const batch = [0, 1, 2].map((i) => ({ article: { body: `b${i}` }, origin: `f.jsonl:${i + 1}` }));

describe('push summary', () => {
  it('counts new, duplicate, rejected (local and server) and failed', () => {
    const outcomes = [
      { kind: 'new' as const, origin: 'f:1' },
      { kind: 'new' as const, origin: 'f:2' },
      { kind: 'duplicate' as const, origin: 'f:3' },
      { kind: 'rejected' as const, origin: 'f:10', reason: 'url: must be an http(s) URL' },
      { kind: 'failed' as const, origin: 'f:5', reason: 'Service unavailable (HTTP 503)' },
    ];

    const summary = summarize([{ origin: 'f:4', reason: 'body: must not be empty' }], outcomes);

    expect(summary).toMatchObject({ total: 6, new: 2, duplicate: 1, rejected: 2, failed: 1 });
    expect(summary.problems.map((p) => p.origin)).toEqual(['f:4', 'f:5', 'f:10']);
    expect(summary.problems[1]!.reason).toBe('not delivered: Service unavailable (HTTP 503)');
    expect(exitCodeOf(summary)).toBe(1);
  });

  it('exits 0 when everything was accepted', () => {
    const summary = summarize(
      [],
      [
        { kind: 'new', origin: 'a' },
        { kind: 'duplicate', origin: 'b' },
      ],
    );

    expect(exitCodeOf(summary)).toBe(0);
    expect(formatSummary(summary)).toEqual(['2 articles: 1 new, 1 duplicate, 0 rejected']);
  });

  it('says "1 article", not "1 articles", for a single article', () => {
    const summary = summarize([], [{ kind: 'new', origin: 'a' }]);

    expect(formatSummary(summary)).toEqual(['1 article: 1 new, 0 duplicate, 0 rejected']);
    expect(formatSummary(summary, true)[0]).toBe('1 article checked: 1 valid, 0 rejected (dry run: nothing sent)');
  });

  it('says how many files held the articles when more than one input did, and counts articles all the same', () => {
    const summary = summarize([{ origin: 'feeds/b.json', reason: 'body: must not be empty' }], [{ kind: 'new', origin: 'feeds/a.json' }]);

    expect(formatSummary(summary, false, { files: 2, stdin: false })[0]).toBe('2 articles from 2 files: 1 new, 0 duplicate, 1 rejected');
    expect(formatSummary(summary, true, { files: 1, stdin: true })[0]).toBe(
      '2 articles checked from 1 file and stdin: 1 valid, 1 rejected (dry run: nothing sent)',
    );
    expect(formatSummary(summary, false, { files: 1, stdin: false })[0]).toBe('2 articles: 1 new, 0 duplicate, 1 rejected');
    expect(formatSummary(summary, false, { files: 0, stdin: true })[0]).toBe('2 articles: 1 new, 0 duplicate, 1 rejected');
  });

  it('lists at most 50 problems and says how many more', () => {
    const rejections = Array.from({ length: 53 }, (_, i) => ({ origin: `f:${i + 1}`, reason: 'body: must not be empty' }));

    const lines = formatSummary(summarize(rejections, []));

    expect(lines[0]).toBe('53 articles: 0 new, 0 duplicate, 53 rejected');
    expect(lines).toHaveLength(52);
    expect(lines.at(-1)).toBe('  … and 3 more');
  });
});

describe('batch response', () => {
  it('matches results by index, whatever their order', () => {
    const body = {
      results: [
        { index: 2, status: 201, id: 'c', duplicate: false, people: [], topics: [] },
        { index: 0, status: 200, id: 'a', duplicate: true, people: [], topics: [] },
        { index: 1, status: 400, error: { code: 'validation_failed', message: 'Invalid request: title: too long' } },
      ],
    };

    const outcomes = interpretBatchResponse(body, batch);

    expect(outcomes.map((o) => o.kind)).toEqual(['duplicate', 'rejected', 'new']);
    expect(outcomes[1]).toEqual({ kind: 'rejected', origin: 'f.jsonl:2', reason: 'Invalid request: title: too long' });
  });

  it('marks articles the response does not answer as failed', () => {
    const outcomes = interpretBatchResponse(
      { results: [{ index: 0, status: 201, id: 'a', duplicate: false, people: [], topics: [] }] },
      batch,
    );

    expect(outcomes.map((o) => o.kind)).toEqual(['new', 'failed', 'failed']);
  });
});

describe('plain progress lines', () => {
  it('prints at most one line per interval, with rate and ETA, and a final line', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new LineProgress({ write: (text: string) => lines.push(text) }, () => now, 2_000);

    progress.start(1_000);
    now = 1_000;
    progress.advance(100);
    now = 2_000;
    progress.advance(100);
    now = 2_500;
    progress.advance(100);
    now = 4_000;
    progress.advance(700);
    progress.stop();

    expect(lines).toEqual(['push: 200/1000 articles sent (20%), 100/s, ETA 8s\n', 'push: 1000/1000 articles sent (100%), 250/s\n']);
  });

  it('computes rate and ETA from what settled so far', () => {
    expect(rateAndEta(300, 1_000, 3_000)).toEqual({ rate: 100, etaSeconds: 7 });
    expect(rateAndEta(0, 1_000, 0)).toEqual({ rate: 0, etaSeconds: undefined });
  });
});

import { describe, expect, it } from 'vitest';
import { AlertPayload, alertIdOf, composeAlert, sentenceAround } from '../../../functions/core/alert';
import type { StoredArticle } from '../../../functions/core/stored-article';

const body = 'Moscow wants its citizens back. Lawyers said Viktor Bout could be traded soon! Nothing else happened.';
const start = body.indexOf('Viktor Bout');

function article(overrides: Partial<StoredArticle> = {}): StoredArticle {
  return {
    id: 'a1',
    title: 'Russia presses for return of Bout',
    body,
    url: 'https://example.com/bout',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ingestedAt: '2026-01-01T00:00:01.000Z',
    matched: true,
    people: ['viktor-bout'],
    topics: ['prisoner-exchange'],
    personNames: { 'viktor-bout': 'Viktor Bout' },
    tags: {
      people: [{ id: 'viktor-bout', mentions: [{ field: 'body', start, end: start + 11, text: 'Viktor Bout' }] }],
      topics: [
        {
          id: 'prisoner-exchange',
          score: 0.8,
          evidence: [{ field: 'body', start: body.indexOf('traded'), end: body.indexOf('traded') + 6, text: 'traded' }],
        },
      ],
    },
    ...overrides,
  };
}

describe('sentenceAround', () => {
  it('returns the sentence that holds the span, trimmed', () => {
    expect(sentenceAround(body, start, start + 11)).toBe('Lawyers said Viktor Bout could be traded soon!');
  });

  it('cuts a very long sentence around the span', () => {
    const long = `${'word '.repeat(200)}Viktor Bout ${'word '.repeat(200)}`;
    const at = long.indexOf('Viktor');
    const sentence = sentenceAround(long, at, at + 11);
    expect(sentence.length).toBeLessThanOrEqual(282);
    expect(sentence).toContain('Viktor Bout');
  });
});

describe('composeAlert', () => {
  it('gives an email with the matched names, the evidence sentence and the link', () => {
    const alert = composeAlert(article());
    expect(alert.messages.email).toContain('Matched: Viktor Bout, prisoner-exchange');
    expect(alert.messages.email).toContain('"Lawyers said Viktor Bout could be traded soon!"');
    expect(alert.messages.email).toContain('https://example.com/bout');
  });

  it('keeps the subject ASCII, on one line and under 100 characters', () => {
    const alert = composeAlert(article({ title: `Line one\nline two ${'x'.repeat(200)}` }));
    expect(alert.subject.length).toBeLessThan(100);
    expect(alert.subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('leaves a non-ASCII title out of the subject but keeps it in the message', () => {
    const alert = composeAlert(article({ title: 'Обмен заключёнными', personNames: { 'viktor-bout': 'Виктор Бут' } }));
    expect(alert.subject).toBe('newswatch: viktor-bout, prisoner-exchange');
    expect(alert.messages.email).toContain('Обмен заключёнными');
  });

  it('sends machine subscribers a JSON payload with a stable alert id', () => {
    const alert = composeAlert(article());
    const payload = AlertPayload.parse(JSON.parse(alert.messages.sqs));
    expect(payload).toMatchObject({
      alertId: alertIdOf('a1'),
      articleId: 'a1',
      people: [{ id: 'viktor-bout', name: 'Viktor Bout' }],
      topics: ['prisoner-exchange'],
    });
    expect(payload.evidence.map((e) => e.text)).toEqual(['Viktor Bout', 'traded']);
    expect(composeAlert(article()).alertId).toBe(alert.alertId);
  });

  it('keeps the SMS short', () => {
    expect(composeAlert(article({ title: 'x'.repeat(500) })).messages.sms.length).toBeLessThanOrEqual(160);
  });
});

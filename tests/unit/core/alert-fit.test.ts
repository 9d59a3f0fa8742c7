import { describe, expect, it } from 'vitest';
import { AlertPayload } from '../../../functions/core/alert';
import {
  AlertTooLarge,
  composeFittingAlert,
  publishBytes,
  SNS_PUBLISH_MAX_BYTES,
  SMS_MAX_CHARS,
  snsMessageOf,
} from '../../../functions/core/alert-fit';
import { composeAlert } from '../../../functions/core/alert-text';
import { MAX_URL_LENGTH } from '../../../functions/core/article';
import type { StoredArticle } from '../../../functions/core/stored-article';
import type { Span } from '../../../functions/core/tags';

const SENTENCE = 'Lawyers for Viktor Bout filed another motion in the case today. ';

/** Each sentence names Viktor Bout once: `n` sentences, `n` mentions. */
function denseArticle(n: number, overrides: Partial<StoredArticle> = {}): StoredArticle {
  const body = Array.from({ length: n }, (_, i) => SENTENCE.replace('today', `on day ${i}`)).join('');
  const mentions: Span[] = [];
  for (let at = body.indexOf('Viktor Bout'); at >= 0; at = body.indexOf('Viktor Bout', at + 1)) {
    mentions.push({ field: 'body', start: at, end: at + 11, text: 'Viktor Bout' });
  }
  return {
    id: `dense-${n}`,
    title: 'Bout again',
    body,
    url: 'https://example.com/bout',
    publishedAt: '2026-01-01T00:00:00.000Z',
    ingestedAt: '2026-01-01T00:00:01.000Z',
    matched: true,
    people: ['viktor-bout'],
    topics: [],
    personNames: { 'viktor-bout': 'Viktor Bout' },
    tags: { people: [{ id: 'viktor-bout', mentions }], topics: [] },
    ...overrides,
  };
}

/** An article naming `people` watchlist entries with long display names, each mentioned in a long sentence. */
function crowdedArticle(people: number, nameLength = 190): StoredArticle {
  const ids = Array.from({ length: people }, (_, i) => `person-${i}`);
  const sentences = ids.map((id) => `${'word '.repeat(60)}${id} ${'more '.repeat(60)}.`);
  const body = sentences.join(' ');
  return {
    ...denseArticle(1),
    id: `crowded-${people}`,
    body,
    people: ids,
    personNames: Object.fromEntries(ids.map((id) => [id, `${id} ${'x'.repeat(nameLength)}`])),
    tags: {
      people: ids.map((id) => {
        const at = body.indexOf(`${id} `);
        return { id, mentions: [0, 1, 2].map(() => ({ field: 'body' as const, start: at, end: at + id.length, text: id })) };
      }),
      topics: [],
    },
  };
}

describe('an alert always fits', () => {
  it('shows the first three mentions of a person named 1,000 times and counts them all', () => {
    const alert = composeFittingAlert(denseArticle(1_000));

    const payload = AlertPayload.parse(JSON.parse(alert.messages.sqs));
    expect(payload.evidence).toHaveLength(3);
    expect(payload.evidenceCounts).toEqual([{ kind: 'person', id: 'viktor-bout', total: 1_000, shown: 3 }]);
    expect(payload.shortened).toBeUndefined();
    expect(publishBytes(alert)).toBeLessThan(10_000);
  });

  it('drops a repeated sentence instead of showing it once per mention', () => {
    const article = denseArticle(1);
    const at = article.body.indexOf('Viktor Bout');
    const span = { field: 'body' as const, start: at, end: at + 11, text: 'Viktor Bout' };
    article.tags.people[0]!.mentions = [span, span, span];

    const payload = composeFittingAlert(article).payload;

    expect(payload.evidence).toHaveLength(1);
    expect(payload.evidenceCounts?.[0]).toMatchObject({ total: 3, shown: 1 });
  });

  it('sends the JSON payload once, as the default message every machine protocol falls back to', () => {
    const message = JSON.parse(snsMessageOf(composeAlert(denseArticle(3)).messages));

    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'sms']);
  });

  it('shortens an alert that would be over SNS 256 KB, keeping every name and the link', () => {
    const article = crowdedArticle(400);
    expect(publishBytes(composeAlert(article))).toBeGreaterThan(SNS_PUBLISH_MAX_BYTES);

    const alert = composeFittingAlert(article);

    expect(publishBytes(alert)).toBeLessThanOrEqual(SNS_PUBLISH_MAX_BYTES);
    expect(alert.payload.shortened).toBe(true);
    expect(alert.payload.url).toBe('https://example.com/bout');
    expect(alert.payload.people).toHaveLength(400);
    expect(alert.people).toHaveLength(400);
  });

  it('fits the alert of a dense article with the longest url ingest takes, keeping the url', () => {
    const url = `https://example.com/${'a'.repeat(MAX_URL_LENGTH - 20)}`;

    const alert = composeFittingAlert(denseArticle(5_000, { url, title: 't'.repeat(2_000) }));

    expect(publishBytes(alert)).toBeLessThanOrEqual(SNS_PUBLISH_MAX_BYTES);
    expect(AlertPayload.parse(JSON.parse(alert.messages.default)).url).toBe(url);
  });

  it('keeps the SMS text within SNS limits however many names match', () => {
    const alert = composeFittingAlert(crowdedArticle(400, 10));

    expect([...alert.messages.sms].length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(alert.messages.sms).toContain('https://example.com/bout');
  });

  it('refuses, as a permanent failure, an alert whose filter attributes alone are over the limit', () => {
    const ids = Array.from({ length: 12_000 }, (_, i) => `a-long-person-identifier-${i}`);
    const article = { ...denseArticle(1), people: ids, personNames: {}, tags: { people: [], topics: [] } };

    expect(() => composeFittingAlert(article)).toThrow(AlertTooLarge);
  });
});

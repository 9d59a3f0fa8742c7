import './support/env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeArticleItem, encodeBody } from '../../../functions/adapters/article-item';
import { handler as dispatcher } from '../../../functions/handlers/alert-dispatcher';
import { handler as api } from '../../../functions/handlers/api';
import { handler as ingest } from '../../../functions/handlers/ingest';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();
const sns = mockClient(SNSClient);

// ~3 KB of varied English: long enough to be stored compressed.
const paragraphs = [
  'Russia is exploring various options for securing the release of its citizens serving prison sentences in the United States, a senior diplomat said on Friday.',
  'Deputy Foreign Minister Sergei Ryabkov said the return of Viktor Bout was among the humanitarian issues the two presidents could discuss at their next meeting.',
  'Lawyers for the men have filed appeals in New York, while officials in Moscow insist both were entrapped by American agents operating abroad.',
  'Analysts in Washington expect little movement before the elections, although quiet contacts between the two foreign ministries have continued through the summer.',
];
const longBody = Array.from({ length: 5 }, (_, i) => paragraphs.map((p) => `${p} (${i})`).join('\n\n')).join('\n\n');
const longArticle = { id: 'long-1', title: 'Moscow seeks the return of Viktor Bout', body: longBody, publishedAt: '2026-01-01T00:00:00Z' };

const post = (body: unknown) => ingest(httpEvent('POST /articles', { body }), context);

beforeEach(() => {
  table.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('article body storage', () => {
  it('stores a long body brotli-compressed as a binary attribute, flagged, in fewer bytes', async () => {
    await post(longArticle);

    const item = table.get('ART#long-1', 'A');
    expect(item?.bodyEncoding).toBe('br');
    expect(item?.body).toBeInstanceOf(Uint8Array);
    expect(item?.body.byteLength).toBeLessThan(Buffer.byteLength(longBody) / 2);
  });

  it('stores a short body as a plain string without a flag', async () => {
    await post({ id: 'short', body: 'Viktor Bout is home.' });

    const item = table.get('ART#short', 'A');
    expect(item?.body).toBe('Viktor Bout is home.');
    expect(item).not.toHaveProperty('bodyEncoding');
  });

  it('returns the original body from GET /articles/{id} for a compressed article', async () => {
    await post(longArticle);

    const response = await api(httpEvent('GET /articles/{id}', { id: 'long-1' }), context);

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).body).toBe(longBody);
    expect(bodyOf(response)).not.toHaveProperty('bodyEncoding');
  });

  it('returns compressed and plain articles alike from a person query', async () => {
    await post(longArticle);
    await post({ id: 'short', body: 'Viktor Bout is home.', publishedAt: '2026-01-02T00:00:00Z' });

    const response = await api(httpEvent('GET /articles', { query: { person: 'viktor-bout' } }), context);

    expect(bodyOf(response).items.map((a: { id: string; body: string }) => [a.id, a.body])).toEqual([
      ['short', 'Viktor Bout is home.'],
      ['long-1', longBody],
    ]);
  });

  it('answers a re-sent compressed article as a duplicate with its stored tags', async () => {
    const first = bodyOf(await post(longArticle));

    const again = await post(longArticle);

    expect(again.statusCode).toBe(200);
    expect(bodyOf(again)).toEqual({ ...first, duplicate: true });
  });

  it('quotes the evidence sentence from a compressed body carried as base64 in a stream event', async () => {
    await post(longArticle);
    const { body, ...rest } = table.get('ART#long-1', 'A')!;
    // A Lambda stream event carries binary attributes as base64 strings.
    const image = { ...marshall(rest), body: { B: Buffer.from(body).toString('base64') } };
    const record = { eventID: 'e1', eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: image } } as unknown as DynamoDBRecord;

    const response = await dispatcher({ Records: [record] } as DynamoDBStreamEvent, context);

    expect(response).toEqual({ batchItemFailures: [] });
    const message = JSON.parse(sns.commandCalls(PublishCommand)[0]!.args[0].input.Message!);
    expect(message.email).toContain(paragraphs[1]!.replace(/\.$/, ''));
  });

  it('fails a stream record whose body encoding it does not know, so it is retried and dead-lettered', async () => {
    await post(longArticle);
    const item = { ...table.get('ART#long-1', 'A')!, bodyEncoding: 'zstd' };
    const record = {
      eventID: 'e1',
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '7', NewImage: marshall(item) },
    } as unknown as DynamoDBRecord;

    const response = await dispatcher({ Records: [record] } as DynamoDBStreamEvent, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    expect(sns).not.toHaveReceivedCommand(PublishCommand);
  });
});

describe('encodeBody / decodeArticleItem', () => {
  it.each([
    ['English', longBody],
    ['Cyrillic', 'Россия добивается освобождения Виктора Бута. '.repeat(40)],
    ['emoji and accents', 'Café crème 🎉 naïve résumé. '.repeat(60)],
  ])('gives back the exact %s body it stored', (_name, body) => {
    const stored = { id: 'x', ...encodeBody(body) };

    expect(stored).toHaveProperty('bodyEncoding', 'br');
    expect(decodeArticleItem(stored)).toEqual({ id: 'x', body });
  });

  it('compresses a body longer than 64 KB against all of itself: a passage repeated 100 KB later costs little', () => {
    // ≈ 100 KB of words that do not repeat among themselves: only the second copy compresses against the first.
    let seed = 7;
    const word = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed.toString(36);
    };
    const passage = Array.from({ length: 16_000 }, word).join(' ');
    const once = encodeBody(passage);
    const twice = encodeBody(`${passage}\n${passage}`);

    expect(Buffer.byteLength(passage)).toBeGreaterThan(96 * 1024);
    expect(twice.body.length).toBeLessThan(once.body.length * 1.05);
    expect(decodeArticleItem({ id: 'x', ...twice })).toEqual({ id: 'x', body: `${passage}\n${passage}` });
  });

  it('leaves an item written before compression as it is', () => {
    const old = { id: 'old', body: 'Plain text from before.', people: [] };

    expect(decodeArticleItem(old)).toBe(old);
  });

  it('refuses a body that does not decompress, naming the article', () => {
    expect(() => decodeArticleItem({ id: 'bad', body: new Uint8Array([1, 2, 3]), bodyEncoding: 'br' })).toThrow(/bad.*does not decompress/);
  });
});

import { describe, expect, it } from 'vitest';
import { classify } from '../../../functions/cli/operator/redrive';

const ours = (fields: object) => JSON.stringify({ kind: 'newswatch-alert-failure', failedAt: '2026-01-01T00:00:00.000Z', ...fields });
const lambdas = (records?: object[]) =>
  JSON.stringify({ version: '1.0', DDBStreamBatchInfo: { shardId: 'shardId-1', batchSize: 2 }, ...(records && { records }) });
const streamRecord = (pk: string) => ({ eventID: 'e1', dynamodb: { Keys: { pk: { S: pk }, sk: { S: 'A' } } } });

describe('alerts redrive: what a dead-letter message asks for', () => {
  it('requeues the article a dead letter of ours names', () => {
    expect(classify(ours({ articleId: 'a1', reason: 'InvalidParameter: too large' }))).toEqual({ ids: ['a1'], verdict: 'requeue' });
  });

  it('keeps a dead letter of ours about a malformed article, or naming no article', () => {
    expect(classify(ours({ articleId: 'a1', reason: 'malformed article image (x)' })).verdict).toBe('keep');
    expect(classify(ours({ reason: 'InvalidParameter' })).verdict).toBe('keep');
  });

  it('requeues the articles of the stream records a local failure record carries, skipping other items', () => {
    expect(classify(lambdas([streamRecord('ART#a1'), streamRecord('ALERT#a2'), streamRecord('ART#a3')]))).toEqual({
      ids: ['a1', 'a3'],
      verdict: 'requeue',
    });
  });

  it('leaves a Lambda failure record without records to the sweeper (its owed alerts are still in the table)', () => {
    expect(classify(lambdas())).toEqual({ ids: [], verdict: 'sweeper' });
  });

  it.each([
    ['not JSON', '{'],
    ['JSON null', 'null'],
    ['a JSON string', '"ART#a1"'],
    ['a letter of ours without its reason', ours({ articleId: 'a1' })],
    ['a message of some other kind', JSON.stringify({ kind: 'something-else', records: [streamRecord('ART#a1')] })],
    ['records that are not a list', lambdas().replace('}}', '},"records":"ART#a1"}')],
  ])('keeps a message of neither shape in the queue: %s', (_, body) => {
    expect(classify(body)).toEqual({ ids: [], verdict: 'keep' });
  });
});

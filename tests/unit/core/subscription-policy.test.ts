import { describe, expect, it } from 'vitest';
import { FilterPolicyTooLarge } from '../../../functions/core/errors';
import { buildFilterPolicy, checkFilterPolicyLimits } from '../../../functions/core/filter-policy';
import { SubscriptionRequest, maskEndpoint } from '../../../functions/core/subscription-policy';

describe('buildFilterPolicy', () => {
  it('takes every alert but test alerts when nothing is followed', () => {
    expect(buildFilterPolicy([], [])).toEqual({ test: [{ exists: false }] });
  });

  it('uses a single key when only people are followed', () => {
    expect(buildFilterPolicy(['b', 'a', 'a'])).toEqual({ people: ['a', 'b'] });
  });

  it('matches people OR topics when both are followed', () => {
    expect(buildFilterPolicy(['viktor-bout'], ['prisoner-exchange'])).toEqual({
      $or: [{ people: ['viktor-bout'] }, { topics: ['prisoner-exchange'] }],
    });
  });
});

describe('checkFilterPolicyLimits', () => {
  const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}-${i}`);

  it('accepts 150 values in total', () => {
    expect(() => checkFilterPolicyLimits(buildFilterPolicy(ids(100, 'p'), ids(50, 't')))).not.toThrow();
  });

  it('refuses more than 150 values with a clear message', () => {
    expect(() => checkFilterPolicyLimits(buildFilterPolicy(ids(100, 'p'), ids(51, 't')))).toThrow(/151 .*limit of 150/);
  });

  it('refuses more than 5 attribute keys, naming topics (only minScore makes a key per topic)', () => {
    const policy = { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] };
    expect(() => checkFilterPolicyLimits(policy)).toThrow(FilterPolicyTooLarge);
    expect(() => checkFilterPolicyLimits(policy)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^Too many topics followed with minScore: .* this one would use 6/),
        details: [{ path: 'topics', message: 'too many with minScore: at most 5 filter keys, and this would use 6' }],
      }),
    );
  });
});

describe('SubscriptionRequest', () => {
  it.each([
    ['email', 'jane@example.com'],
    ['sms', '+14155550100'],
    ['https', 'https://hooks.example.com/newswatch'],
    ['sqs', 'arn:aws:sqs:us-east-1:000000000000:alerts'],
    ['lambda', 'arn:aws:lambda:eu-west-1:123456789012:function:on-alert'],
  ])('accepts a %s endpoint', (protocol, endpoint) => {
    expect(SubscriptionRequest.safeParse({ protocol, endpoint }).success).toBe(true);
  });

  it.each([
    ['email', 'not-an-address'],
    ['sms', '4155550100'],
    ['https', 'http://hooks.example.com'],
    ['sqs', 'https://sqs.us-east-1.amazonaws.com/1/q'],
    ['lambda', 'arn:aws:sqs:us-east-1:000000000000:alerts'],
  ])('refuses a bad %s endpoint, naming the field', (protocol, endpoint) => {
    const result = SubscriptionRequest.safeParse({ protocol, endpoint });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['endpoint']);
  });

  it('refuses a FIFO queue, which SNS subscribes only to FIFO topics (the alerts topic is a standard one)', () => {
    const result = SubscriptionRequest.safeParse({ protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:000000000000:alerts.fifo' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endpoint', 'must be a standard queue, not a FIFO one (.fifo: SNS delivers to those only from FIFO topics) for protocol sqs'],
    ]);
  });
});

describe('maskEndpoint', () => {
  it('hides contact details but keeps them recognisable', () => {
    expect(maskEndpoint('email', 'jane@example.com')).toBe('j***@example.com');
    expect(maskEndpoint('sms', '+14155550100')).toBe('+14******100');
    expect(maskEndpoint('https', 'https://hooks.example.com/secret-token')).toBe('https://hooks.example.com/***');
  });
});

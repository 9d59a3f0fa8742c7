/**
 * The SNS client the adapters share (adapters/sns.ts): made on the first call, once, and — when making
 * it fails — made again on the next call rather than failing every publish of that instance for ever.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createSnsClient } from '../../../functions/adapters/sns';

describe('the shared SNS client', () => {
  it('is made on the first call only, and every call gets the same one', async () => {
    // Prepare
    let made = 0;
    const sns = createSnsClient((client) => {
      made++;
      return client;
    });

    // Act
    const [a, b] = [await sns.ready(), await sns.ready()];

    // Assess
    expect(made).toBe(1);
    expect(a.client).toBe(b.client);
    sns.destroy();
  });

  it('is made again on the next call when making it failed, instead of failing every later call', async () => {
    // Prepare: the first attempt fails (say, the package could not be read that once)
    let attempts = 0;
    const sns = createSnsClient((client: SNSClient) => {
      attempts++;
      if (attempts === 1) throw new Error('EMFILE: too many open files');
      return client;
    });

    // Act
    const first = sns.ready();
    await expect(first).rejects.toThrow('EMFILE');
    const second = await sns.ready();

    // Assess
    expect(attempts).toBe(2);
    expect(typeof second.client.send).toBe('function');
    sns.destroy();
  });
});

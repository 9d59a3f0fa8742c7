/** Short version of `npm run test:chaos`'s SNS outage (tests/chaos/scenarios.ts): nothing lost, no 5xx. */
import { describe, expect, it } from 'vitest';
import { snsOutage } from '../chaos/scenarios';
import { expectNothingLost } from '../chaos/expect-nothing-lost';

describe('chaos, short: SNS outage', () => {
  it('loses no alert through a 5 s SNS outage', { timeout: 120_000 }, async () => {
    expectNothingLost(expect, await snsOutage(5_000, 20));
  });
});

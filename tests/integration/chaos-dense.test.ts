/** Short version of `npm run test:chaos`'s dense-article scenario (tests/chaos/scenarios.ts): nothing lost or stalled. */
import { describe, expect, it } from 'vitest';
import { denseAmongOrdinary } from '../chaos/scenarios';
import { expectNothingLost } from '../chaos/expect-nothing-lost';

describe('chaos, short: one bad record among ordinary ones', () => {
  it('alerts for a 1,000-mention article, a malformed record and 20 ordinary articles without losing any', {
    timeout: 120_000,
  }, async () => {
    expectNothingLost(expect, await denseAmongOrdinary(1_000, 20));
  });
});

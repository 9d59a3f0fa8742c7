/** Short version of `npm run test:chaos`'s restart scenario (tests/chaos/scenarios.ts): nothing lost across it. */
import { describe, expect, it } from 'vitest';
import { restartWithSubscriptions } from '../chaos/scenarios';
import { expectNothingLost } from '../chaos/expect-nothing-lost';

describe('chaos, short: restart', () => {
  it('delivers through a subscription and queue made before a restart', { timeout: 120_000 }, async () => {
    expectNothingLost(expect, await restartWithSubscriptions(10));
  });
});

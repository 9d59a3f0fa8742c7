import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../functions/adapters/host-limiter';

describe('HostLimiter', () => {
  it("lets a request already under way (a redirect's next hop) wait at the head of its host's line", async () => {
    const limiter = new HostLimiter(1);
    const order: string[] = [];
    let release!: () => void;
    const holding = limiter.run('h', () => new Promise<void>((resolve) => (release = resolve)));
    const queued = limiter.run('h', async () => void order.push('queued'));
    const hop = limiter.run('h', async () => void order.push('hop'), true);

    release();
    await Promise.all([holding, queued, hop]);

    expect(order).toEqual(['hop', 'queued']);
    expect(limiter.size).toBe(0);
  });
});

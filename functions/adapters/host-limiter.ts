/**
 * At most `perHost` requests in flight to one host; the rest wait their turn in arrival order.
 * A host's entry exists only while it has work, so the map stays as small as the work in flight.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: Array<() => void> }>();

  constructor(private readonly perHost: number) {}

  /** `first`: wait at the head of the line (a request already under way, such as a redirect's next hop). */
  async run<T>(host: string, task: () => Promise<T>, first = false): Promise<T> {
    const slot = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, slot);
    // A finishing task hands its place straight to the next in line, so no newcomer can slip in between.
    if (slot.active >= this.perHost)
      await new Promise<void>((resolve) => (first ? slot.waiting.unshift(resolve) : slot.waiting.push(resolve)));
    else slot.active++;
    try {
      return await task();
    } finally {
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.active === 0) this.hosts.delete(host);
    }
  }

  /** Hosts currently tracked (for tests: no leak). */
  get size(): number {
    return this.hosts.size;
  }
}

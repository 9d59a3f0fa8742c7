/**
 * Collects what one event-loop turn produces and hands it over once, at the end of the turn
 * (`setImmediate`): one message across the stand-in's thread boundary for all the table requests (or
 * answers) of a turn, instead of one each. Each message wakes the other thread, and on a busy machine
 * that wake-up, not the copying, was most of what a message cost (`bench:pipeline` profile). The stand-in's
 * LevelDB writes are gathered the same way (turn-writes.ts).
 */
export class TurnBatch<T> {
  private items: T[] = [];
  private scheduled = false;

  constructor(private readonly flush: (items: T[]) => void) {}

  push(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const items = this.items;
      this.items = [];
      this.flush(items);
    });
  }
}

/**
 * A FIFO with O(1) amortised push and take from the front (Array#shift is O(n), and write-behind buffers such as
 * the audit log's and the GPU samples' may hold hundreds of thousands of items during a database outage).
 */
export class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns up to `count` items from the front. */
  take(count: number): T[] {
    const taken = this.items.slice(this.head, this.head + count);
    this.head += taken.length;
    this.compact();
    return taken;
  }

  /** Puts `items` back at the front, in their order (a batch that failed to write). */
  putBack(items: readonly T[]): void {
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
  }

  /** Drops up to `count` items from the front (the oldest); returns how many were dropped. */
  dropOldest(count: number): number {
    const dropped = Math.min(Math.max(count, 0), this.length);
    this.head += dropped;
    this.compact();
    return dropped;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

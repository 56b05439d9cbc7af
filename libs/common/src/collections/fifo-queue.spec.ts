import { FifoQueue } from './fifo-queue.js';

function queueOf(count: number): FifoQueue<number> {
  const queue = new FifoQueue<number>();
  for (let item = 1; item <= count; item += 1) {
    queue.push(item);
  }
  return queue;
}

describe(FifoQueue.name, () => {
  it('takes items in the order they were pushed, at most the count asked for', () => {
    const queue = queueOf(5);

    expect(queue.take(2)).toEqual([1, 2]);
    expect(queue.take(10)).toEqual([3, 4, 5]);
    expect(queue.take(1)).toEqual([]);
    expect(queue.length).toBe(0);
  });

  it('puts a batch back at the front, in its order, ahead of newer items', () => {
    const queue = queueOf(3);
    const batch = queue.take(2);
    queue.push(4);

    queue.putBack(batch);

    expect(queue.take(10)).toEqual([1, 2, 3, 4]);
  });

  it('drops the oldest items and says how many, never more than it holds or fewer than zero', () => {
    const queue = queueOf(4);

    expect(queue.dropOldest(3)).toBe(3);
    expect(queue.dropOldest(-2)).toBe(0);
    expect(queue.dropOldest(5)).toBe(1);
    expect(queue.length).toBe(0);
  });

  it('stays correct across many pushes and takes (compaction keeps the order)', () => {
    const queue = new FifoQueue<number>();
    const taken: number[] = [];
    for (let item = 0; item < 5_000; item += 1) {
      queue.push(item);
      if (item % 3 === 0) {
        taken.push(...queue.take(2));
      }
    }
    taken.push(...queue.take(Number.MAX_SAFE_INTEGER));

    expect(taken).toEqual(Array.from({ length: 5_000 }, (_, index) => index));
  });
});

import type { CharSet } from './char-profile.js';

/**
 * A bounded map from character sets (four int32 words), cut down to the characters of `mask`, to values, looked up
 * without allocating: open addressing over flat key words. Cut down to the characters some screen asks about, benign
 * traffic has few distinct sets; when a flood of new ones fills the table it is emptied and refilled, so memory stays
 * bounded and a miss only costs recomputing the value.
 */
export class CharSetTable<T> {
  private readonly keys: Int32Array;
  private readonly values: (T | undefined)[];
  private readonly mask: number;
  private size = 0;

  private readonly m0: number;
  private readonly m1: number;
  private readonly m2: number;
  private readonly m3: number;

  constructor(
    mask: CharSet,
    private readonly capacity = 1024,
  ) {
    this.m0 = mask[0] ?? 0;
    this.m1 = mask[1] ?? 0;
    this.m2 = mask[2] ?? 0;
    this.m3 = mask[3] ?? 0;
    if ((capacity & (capacity - 1)) !== 0 || capacity < 2) {
      throw new Error(`CharSetTable: capacity ${capacity} is not a power of two`);
    }
    this.keys = new Int32Array(capacity * 4);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  /**
   * The value stored for `chars` cut down to the mask, or else the one `compute` returns for them, stored for next
   * time. `compute` must depend on no character outside the mask.
   */
  get(chars: CharSet, compute: (chars: CharSet) => T): T {
    const c0 = (chars[0] ?? 0) & this.m0;
    const c1 = (chars[1] ?? 0) & this.m1;
    const c2 = (chars[2] ?? 0) & this.m2;
    const c3 = (chars[3] ?? 0) & this.m3;
    const { keys, values, mask } = this;
    let slot = slotOf(c0, c1, c2, c3) & mask;
    for (let value = values[slot]; value !== undefined; value = values[slot]) {
      const k = slot * 4;
      if (keys[k] === c0 && keys[k + 1] === c1 && keys[k + 2] === c2 && keys[k + 3] === c3) {
        return value;
      }
      slot = (slot + 1) & mask;
    }
    const computed = compute(Int32Array.of(c0, c1, c2, c3));
    if (this.size >= this.capacity >> 1) {
      this.values.fill(undefined);
      this.size = 0;
      return this.get(chars, () => computed);
    }
    keys[slot * 4] = c0;
    keys[slot * 4 + 1] = c1;
    keys[slot * 4 + 2] = c2;
    keys[slot * 4 + 3] = c3;
    values[slot] = computed;
    this.size += 1;
    return computed;
  }
}

function slotOf(c0: number, c1: number, c2: number, c3: number): number {
  let hash = Math.imul(c0 ^ 0x9e3779b9, 0x85ebca6b);
  hash = Math.imul(hash ^ c1 ^ (hash >>> 15), 0xc2b2ae35);
  hash = Math.imul(hash ^ c2 ^ (hash >>> 13), 0x85ebca6b);
  hash = Math.imul(hash ^ c3 ^ (hash >>> 16), 0xc2b2ae35);
  return (hash ^ (hash >>> 15)) >>> 0;
}

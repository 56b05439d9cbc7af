/**
 * A small deterministic generator (mulberry32) so test models, inputs and benchmarks are the same on every run and
 * machine; Math.random cannot be seeded.
 */
export class SeededRng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    const u = Math.max(this.next(), Number.EPSILON);
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** `count` normal values scaled by `std`, as float32. */
  normalArray(count: number, std = 1): Float32Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      values[i] = this.normal() * std;
    }
    return values;
  }
}

import type { ValueTransformer } from 'typeorm';

/** bigint comes back from pg as a string; byte counts of GPU memory stay far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

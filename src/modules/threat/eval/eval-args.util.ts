import { parseArgs } from 'node:util';

import { DEFAULT_BLOCKING_THRESHOLD, type Paranoia } from '../engine/index.js';

export interface EvalArgs {
  attacks?: string;
  benign?: string;
  paranoia: Paranoia;
  threshold: number;
  json: boolean;
}

export const EVAL_USAGE =
  'usage: npm run threat:eval -- --attacks A.jsonl --benign B.jsonl [--paranoia 1-4] [--threshold N] [--json]';

function paranoiaOf(value: string | undefined): Paranoia {
  const level = Number(value ?? '1');
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4) {
    throw new Error(`--paranoia must be 1, 2, 3 or 4, got ${value}\n${EVAL_USAGE}`);
  }
  return level;
}

function thresholdOf(value: string | undefined): number {
  const threshold = value === undefined ? DEFAULT_BLOCKING_THRESHOLD : Number(value);
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new Error(`--threshold must be a positive number, got ${value}\n${EVAL_USAGE}`);
  }
  return threshold;
}

/** Parses the CLI's arguments; throws with the usage line on anything it cannot use. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        attacks: { type: 'string' },
        benign: { type: 'string' },
        paranoia: { type: 'string' },
        threshold: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${EVAL_USAGE}`, { cause: error });
  }
  const { attacks, benign, paranoia, threshold, json } = parsed.values;
  if (attacks === undefined && benign === undefined) {
    throw new Error(`give --attacks, --benign or both\n${EVAL_USAGE}`);
  }
  return { attacks, benign, paranoia: paranoiaOf(paranoia), threshold: thresholdOf(threshold), json: json === true };
}

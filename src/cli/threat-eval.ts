import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { DETECTORS, isInertValue } from '../modules/threat/detectors/registry.js';
import { inspect, type Paranoia, verdict } from '../modules/threat/engine/index.js';
import { type AttackRow, type BenignRow, type Judge, parseAttackRows, parseBenignRows, parseEvalArgs, renderReport, tally } from '../modules/threat/eval/index.js';

function judgeAt(paranoia: Paranoia, threshold: number): Judge {
  return (payload) => {
    const { score } = inspect([{ location: 'payload', value: payload }], { paranoia, detectors: DETECTORS, inert: isInertValue });
    return verdict(score, threshold) === 'malicious';
  };
}

/** `threat:eval`: the table on stdout, then (with --json) one JSON object as the last line. */
function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseEvalArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  let attacks: AttackRow[];
  let benign: BenignRow[];
  try {
    attacks = args.attacks === undefined ? [] : parseAttackRows(readFileSync(args.attacks, 'utf8'), args.attacks);
    benign = args.benign === undefined ? [] : parseBenignRows(readFileSync(args.benign, 'utf8'), args.benign);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (DETECTORS.length === 0) {
    process.stderr.write('warning: no detectors are registered (src/modules/threat/detectors/registry.ts)\n');
  }
  const result = tally(attacks, benign, args.paranoia, judgeAt(args.paranoia, args.threshold), () => performance.now());
  process.stdout.write(renderReport(result, args.threshold));
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result.report)}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));

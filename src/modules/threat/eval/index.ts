export { EVAL_USAGE, type EvalArgs, parseEvalArgs } from './eval-args.util.js';
export { renderReport } from './eval-render.util.js';
export { type AttackRow, type BenignRow, parseAttackRows, parseBenignRows, sourceOf } from './eval-rows.util.js';
export { type DetectionCount, type EvalReport, type EvalTally, type FlagCount, type Judge, tally } from './eval-tally.util.js';

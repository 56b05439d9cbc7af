import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SEVERITY_SCORE, type Detector, type Paranoia } from '../engine/threat.types.js';
import { parseAttackRows, parseBenignRows, type AttackRow, type BenignRow } from '../eval/index.js';
import { normalize } from '../normalize/index.js';

/** The development corpus, `../shared/corpus/threat` beside the checkout (as in CI). */
const CORPUS_DIR = join(process.cwd(), '..', 'shared', 'corpus', 'threat');

export function devAttacks(): AttackRow[] {
  return parseAttackRows(readFileSync(join(CORPUS_DIR, 'attacks.jsonl'), 'utf8'));
}

export function devBenign(): BenignRow[] {
  return parseBenignRows(readFileSync(join(CORPUS_DIR, 'benign.jsonl'), 'utf8'));
}

/** Whether `detector` alone scores `payload` at the engine's blocking threshold (5: one critical match). */
export function detects(detector: Detector, payload: string, paranoia: Paranoia = 1, threshold = 5): boolean {
  return detector.detect(normalize(payload), paranoia).reduce((sum, match) => sum + SEVERITY_SCORE[match.severity], 0) >= threshold;
}

/** How many benign rows of each tier `detector` flags. */
export function flaggedByTier(detector: Detector, rows: readonly BenignRow[], paranoia: Paranoia = 1): Map<string, { total: number; flagged: number }> {
  const byTier = new Map<string, { total: number; flagged: number }>();
  for (const row of rows) {
    const tier = byTier.get(row.tier) ?? { total: 0, flagged: 0 };
    tier.total += 1;
    tier.flagged += detects(detector, row.payload, paranoia) ? 1 : 0;
    byTier.set(row.tier, tier);
  }
  return byTier;
}

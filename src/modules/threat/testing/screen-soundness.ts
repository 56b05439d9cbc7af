import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import fc from 'fast-check';

import type { Detector, Paranoia } from '../engine/threat.types.js';
import type { Rule } from '../detectors/rule-kit.js';
import type { RuleScreens, Screen } from '../detectors/screen-kit.js';
import { normalize } from '../normalize/index.js';
import { devAttacks, devBenign } from './dev-corpus.js';

const PARANOIA_LEVELS: readonly Paranoia[] = [1, 2, 3, 4];
const FIXTURE_DIR = join(process.cwd(), 'test', 'fixtures', 'threat');

function fixturePayloads(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.jsonl'))
    .flatMap((file) => readFileSync(join(FIXTURE_DIR, file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { payload: string }).payload);
}

/** Every form of every dev corpus row and every fixture row: what screens must never wrongly turn away. */
export function corpusForms(): string[] {
  const payloads = [...devAttacks(), ...devBenign()].map((row) => row.payload).concat(fixturePayloads());
  return [...new Set(payloads.flatMap((payload) => normalize(payload).forms))];
}

/** Strings built from `units` (a detector's keywords, quotes, separators, encodings), for fast-check. */
export function stringsOf(units: readonly string[], maxLength = 12): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...units), { maxLength }).map((parts) => parts.join(''));
}

/** The rules and levels a screen turned `form` away at, though the rule matches it: must stay empty. */
export function ruleScreenMisses(rules: readonly Rule[], screens: RuleScreens, form: string): string[] {
  const misses: string[] = [];
  for (const rule of rules) {
    const screen = screens[rule.id];
    if (screen === undefined || PARANOIA_LEVELS.every((p) => screen(form, p))) {
      continue;
    }
    if (rule.find(form) !== null) {
      misses.push(`${rule.id} on ${JSON.stringify(form.slice(0, 80))}`);
    }
  }
  return misses;
}

/** The levels at which `screen` turned `form` away though `detector` finds something in it: must stay empty. */
export function detectorScreenMisses(detector: Detector, screen: Screen, form: string): string[] {
  return PARANOIA_LEVELS.filter((p) => !screen(form, p) && detector.detect({ raw: form, forms: [form] }, p).length > 0).map(
    (p) => `${detector.name} at paranoia ${p} on ${JSON.stringify(form.slice(0, 80))}`,
  );
}

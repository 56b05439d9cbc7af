import type { Detector, DetectorMatch, NormalizedValue, Paranoia } from '../../engine/threat.types.js';
import { archiveDumpRule } from './archive-dump.rule.js';
import { dotDotRule, singleStepRule } from './dot-dot.rule.js';
import { fileSchemeRule } from './file-scheme.rule.js';
import { nulTruncationRule } from './nul-truncation.rule.js';
import { redirectionRule } from './redirection.rule.js';
import { type Rule, runRules } from '../rule-kit.js';
import { sensitiveMentionRule, sensitivePathRule } from './sensitive-path.rule.js';

export const TRAVERSAL_RULES: readonly Rule[] = [
  dotDotRule,
  sensitivePathRule,
  fileSchemeRule,
  nulTruncationRule,
  redirectionRule,
  archiveDumpRule,
  singleStepRule,
  sensitiveMentionRule,
];

/** Path traversal: `../` in every encoding, sensitive absolute paths, `file://`, NUL truncation. */
export const traversalDetector: Detector = {
  name: 'traversal',
  detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
    return runRules('traversal', TRAVERSAL_RULES, value.forms, paranoia);
  },
};

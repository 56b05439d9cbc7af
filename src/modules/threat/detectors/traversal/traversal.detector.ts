import type { Detector } from '../../engine/threat.types.js';
import { archiveDumpRule } from './archive-dump.rule.js';
import { dotDotRule, singleStepRule } from './dot-dot.rule.js';
import { fileSchemeRule } from './file-scheme.rule.js';
import { ntfsStreamRule } from './ntfs-stream.rule.js';
import { nulTruncationRule } from './nul-truncation.rule.js';
import { redirectionRule } from './redirection.rule.js';
import { type Rule, ruleDetector } from '../rule-kit.js';
import { sensitiveMentionRule, sensitivePathRule } from './sensitive-path.rule.js';

export const TRAVERSAL_RULES: readonly Rule[] = [
  dotDotRule,
  sensitivePathRule,
  fileSchemeRule,
  nulTruncationRule,
  redirectionRule,
  archiveDumpRule,
  ntfsStreamRule,
  singleStepRule,
  sensitiveMentionRule,
];

/** Path traversal: `../` in every encoding, sensitive absolute paths, `file://`, NUL truncation, NTFS streams. */
export const traversalDetector: Detector = ruleDetector('traversal', TRAVERSAL_RULES);

import type { Detector, DetectorMatch, NormalizedValue, Paranoia } from '../../engine/threat.types.js';
import { anyHeaderRule, headerInjectionRule } from './header-injection.rule.js';
import { httpMessageRule } from './http-message.rule.js';
import { jndiLookupRule } from './jndi.rule.js';
import { nosqlMentionRule, nosqlOperatorRule } from './nosql.rule.js';
import { type Rule, runRules } from '../rule-kit.js';
import { runtimeEscapeRule } from './runtime-escape.rule.js';
import { privateTargetRule, ssrfTargetRule } from './ssrf.rule.js';
import { templateInjectionRule } from './template.rule.js';

export const OTHER_RULES: readonly Rule[] = [
  nosqlOperatorRule,
  templateInjectionRule,
  runtimeEscapeRule,
  jndiLookupRule,
  headerInjectionRule,
  httpMessageRule,
  ssrfTargetRule,
  privateTargetRule,
  nosqlMentionRule,
  anyHeaderRule,
];

/** Other injections: NoSQL operators, server-side templates, CRLF/header injection, SSRF targets. */
export const otherDetector: Detector = {
  name: 'other',
  detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
    return runRules('other', OTHER_RULES, value.forms, paranoia);
  },
};

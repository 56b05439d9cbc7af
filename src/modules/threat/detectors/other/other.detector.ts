import type { Detector } from '../../engine/threat.types.js';
import { evalBreakoutRule } from './eval-breakout.rule.js';
import { anyHeaderRule, headerInjectionRule } from './header-injection.rule.js';
import { httpMessageRule } from './http-message.rule.js';
import { javaClassNameRule, javaGadgetRule } from './java.rule.js';
import { activeLookupRule, jndiLookupRule, leakingLookupRule } from './jndi.rule.js';
import { ldapFilterRule } from './ldap.rule.js';
import { nodeInjectionRule } from './node.rule.js';
import { nosqlJavascriptRule } from './nosql-js.rule.js';
import { nosqlMentionRule, nosqlOperatorRule } from './nosql.rule.js';
import { phpDynamicCallRule, phpVariableCallRule } from './php-dynamic-call.rule.js';
import { phpFunctionRule } from './php-function.rule.js';
import { phpIniRule } from './php-ini.rule.js';
import { phpSerializedObjectRule } from './php-serialized.rule.js';
import { phpTagRule } from './php-tag.rule.js';
import { phpVariableVariableRule } from './php-variable-variable.rule.js';
import { dataUrlRule, phpWrapperRule } from './php-wrapper.rule.js';
import { remoteIncludeHintRule, remoteIncludeRule } from './remote-include.rule.js';
import { type Rule, ruleDetector } from '../rule-kit.js';
import { runtimeEscapeRule } from './runtime-escape.rule.js';
import { perlInterpolationRule } from './perl-interpolation.rule.js';
import { privateTargetRule, ssrfTargetRule } from './ssrf.rule.js';
import { templateInjectionRule } from './template.rule.js';
import { unixSocketTargetRule } from './unix-socket.rule.js';
import { xpathUnionRule } from './xpath.rule.js';
import { xxeRule } from './xxe.rule.js';

export const OTHER_RULES: readonly Rule[] = [
  nosqlOperatorRule,
  nosqlJavascriptRule,
  templateInjectionRule,
  runtimeEscapeRule,
  jndiLookupRule,
  activeLookupRule,
  perlInterpolationRule,
  headerInjectionRule,
  httpMessageRule,
  ssrfTargetRule,
  phpTagRule,
  phpFunctionRule,
  phpDynamicCallRule,
  phpVariableVariableRule,
  phpSerializedObjectRule,
  phpWrapperRule,
  phpIniRule,
  evalBreakoutRule,
  javaGadgetRule,
  nodeInjectionRule,
  ldapFilterRule,
  xpathUnionRule,
  xxeRule,
  remoteIncludeRule,
  unixSocketTargetRule,
  privateTargetRule,
  remoteIncludeHintRule,
  dataUrlRule,
  phpVariableCallRule,
  javaClassNameRule,
  leakingLookupRule,
  nosqlMentionRule,
  anyHeaderRule,
];

/**
 * Other injections: NoSQL operators, server-side templates, CRLF/header injection, SSRF targets, PHP and Java code,
 * server-side JavaScript, LDAP filters, XPath unions, XML external entities.
 */
export const otherDetector: Detector = ruleDetector('other', OTHER_RULES);

import type { Paranoia, Severity } from '../../../engine/threat.types.js';

export interface XssRule {
  readonly id: string;
  readonly severity: Severity;
  readonly paranoia: Paranoia;
}

const rule = (id: string, severity: Severity, paranoia: Paranoia): XssRule => ({ id, severity, paranoia });

/** Every rule the XSS detector can report: one place for ids, severities and paranoia levels. */
export const XSS_RULES = {
  dangerousTag: rule('xss-001', 'critical', 1),
  eventHandler: rule('xss-002', 'critical', 1),
  scriptUrl: rule('xss-003', 'critical', 1),
  dataUrl: rule('xss-004', 'critical', 1),
  srcdoc: rule('xss-005', 'critical', 1),
  cssScript: rule('xss-006', 'critical', 1),
  xmlEntity: rule('xss-007', 'critical', 1),
  spacedTag: rule('xss-008', 'critical', 1),
  metaRefresh: rule('xss-009', 'critical', 1),
  serverSideInclude: rule('xss-010', 'critical', 1),
  probeTag: rule('xss-011', 'critical', 1),
  svgAnimatedLink: rule('xss-012', 'critical', 1),
  xslStylesheet: rule('xss-013', 'critical', 1),
  xlinkHref: rule('xss-014', 'critical', 1),
  jsBreakCall: rule('xss-020', 'critical', 1),
  jsProbeCall: rule('xss-021', 'critical', 1),
  jsObfuscatedAccess: rule('xss-022', 'critical', 1),
  jsFunctionConstructor: rule('xss-023', 'critical', 1),
  jsTaggedTemplate: rule('xss-024', 'critical', 1),
  jsSinkAsValue: rule('xss-025', 'critical', 1),
  jsEvalDecoded: rule('xss-026', 'critical', 1),
  jsFuck: rule('xss-027', 'critical', 1),
  angularSandbox: rule('xss-028', 'critical', 1),
  cookieExfiltration: rule('xss-029', 'critical', 1),
  probeCallString: rule('xss-030', 'error', 1),
  jsDomSource: rule('xss-031', 'critical', 1),
  formTag: rule('xss-101', 'critical', 2),
  riskyTag: rule('xss-102', 'critical', 2),
  jsSensitiveProperty: rule('xss-103', 'critical', 2),
  jsSinkCall: rule('xss-104', 'critical', 2),
  xmlNamespace: rule('xss-105', 'warning', 2),
  xslElement: rule('xss-106', 'critical', 2),
  anyTagWithAttributes: rule('xss-201', 'warning', 3),
  anyTag: rule('xss-301', 'notice', 4),
} as const satisfies Record<string, XssRule>;

/** Attack classes the engine reports; `cls` in the corpus uses the first five. */
export type ThreatClass = 'sqli' | 'xss' | 'cmdi' | 'traversal' | 'other';

/**
 * Finer label for `other` matches (and for reports): which kind of injection it was. `php`: PHP code, function,
 * wrapper, ini or serialized-object injection; `java`: Java/OGNL/EL gadget and class names; `node`: server-side
 * JavaScript (prototype pollution, child_process, node-serialize); `ldap`: LDAP filter injection; `xxe`: XML
 * external entities and XInclude.
 */
export type ThreatKind = ThreatClass | 'nosqli' | 'ssti' | 'crlf' | 'ssrf' | 'php' | 'java' | 'node' | 'ldap' | 'xpath' | 'xxe';

export type Severity = 'critical' | 'error' | 'warning' | 'notice';

/** CRS anomaly scoring: what one match adds to a request's score. */
export const SEVERITY_SCORE: Record<Severity, number> = { critical: 5, error: 4, warning: 3, notice: 2 };

/** 1 (default: few false positives) to 4 (strictest). A rule runs at its level and above. */
export type Paranoia = 1 | 2 | 3 | 4;

/**
 * One inspected value, already normalised. `forms[0]` is always the raw value; the other forms are decodings of it
 * (URL decoding up to two rounds, HTML entities, JS/CSS escapes, NFKC and homoglyph folding, NUL removal), without
 * duplicates. A detector scans every form and reports the first form that matches.
 */
export interface NormalizedValue {
  raw: string;
  forms: readonly string[];
}

export interface DetectorMatch {
  /** Stable id, `<class>-<nnn>` (e.g. `sqli-101`), unique across detectors. */
  ruleId: string;
  kind: ThreatKind;
  class: ThreatClass;
  severity: Severity;
  /** The lowest paranoia level at which this rule runs. */
  paranoia: Paranoia;
  /** What matched, at most 64 characters. Never echoed to clients in full. */
  fragment: string;
}

/** A detector: pure, synchronous, linear in the input (no backtracking regular expressions on attacker input). */
export interface Detector {
  readonly name: string;
  detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[];
}

import type { Detector, DetectorMatch, NormalizedValue, Paranoia } from '../../engine/threat.types.js';
import { xssVariants } from './variants.js';
import { scanForXss } from './xss-scan.js';

const MAX_FRAGMENT = 64;

/**
 * XSS: an HTML tokenizer run from each context a value can land in (markup, attribute values in each quoting, the
 * attribute list), script URLs, CSS that runs script, and JavaScript string breakouts and obfuscations. Every form
 * is scanned; a rule counts once, with the first form it matched.
 */
export const xssDetector: Detector = {
  name: 'xss',
  detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
    const matches = new Map<string, DetectorMatch>();
    const texts = value.forms.flatMap((form) => [form, ...xssVariants(form)]);
    for (const text of texts) {
      for (const { rule, fragment } of scanForXss(text).findings) {
        if (rule.paranoia <= paranoia && !matches.has(rule.id)) {
          matches.set(rule.id, {
            ruleId: rule.id,
            kind: 'xss',
            class: 'xss',
            severity: rule.severity,
            paranoia: rule.paranoia,
            fragment: fragment.slice(0, MAX_FRAGMENT),
          });
        }
      }
    }
    return [...matches.values()];
  },
};

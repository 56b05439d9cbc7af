import type { Rule } from '../rule-kit.js';

const PROTOCOLS = ['ldap:', 'ldaps:', 'rmi:', 'dns:', 'iiop:', 'corba:', 'nds:', 'nis:', 'http:'];

/**
 * Log4Shell lookups: `${jndi:ldap://...}`, including lookups nested to spell the word (`${${::-j}ndi:`,
 * `${${env:X:-j}ndi:`). Letters inside the first 160 characters after `${` are read with the lookup syntax removed.
 */
export const jndiLookupRule: Rule = {
  id: 'other-012',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    const direct = lower.indexOf('jndi:');
    if (direct >= 0 && PROTOCOLS.some((p) => lower.startsWith(p, direct + 5))) {
      return form.slice(direct, direct + 40);
    }
    for (let at = lower.indexOf('${'); at >= 0; at = lower.indexOf('${', at + 2)) {
      const window = lower.slice(at, at + 160);
      if (lettersOutsideLookups(window).includes('jndi')) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};

/** `${${::-j}${::-n}di` → `jndi`: keeps what a lookup's default (`:-x`) or the bare text contributes. */
function lettersOutsideLookups(window: string): string {
  let out = '';
  let i = 0;
  while (i < window.length) {
    const c = window.charAt(i);
    if (c === '$' || c === '{' || c === '}') {
      i++;
      continue;
    }
    const dflt = window.indexOf(':-', i);
    const close = window.indexOf('}', i);
    if (window.charAt(i - 1) === '{' && dflt >= 0 && (close < 0 || dflt < close) && dflt - i < 24) {
      i = dflt + 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

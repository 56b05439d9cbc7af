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

/**
 * `${${::-j}${::-n}di` → `jndi`: keeps what a lookup's default (`:-x`), its argument (`${lower:j}`, `${date:'j'}`) or
 * the bare text contributes.
 */
function lettersOutsideLookups(window: string): string {
  let out = '';
  let i = 0;
  while (i < window.length) {
    const c = window.charAt(i);
    if (c === '$' || c === '{' || c === '}' || c === "'") {
      i++;
      continue;
    }
    if (window.charAt(i - 1) === '{') {
      const lookup = /^[^${}]{0,24}?:-|^[a-z0-9]{1,16}:(?!\/\/)/.exec(window.slice(i, i + 26));
      if (lookup !== null && !lookup[0].startsWith('jndi:')) {
        i += lookup[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Lookups that run code or reach the network outside `jndi:` (Text4Shell's `${script:javascript:...}`, `${dns:...}`). */
export const ACTIVE_LOOKUPS = ['${script:', '${dns:', '${url:'];

/** Lookups that read the server's environment; configuration templates (Serverless) use some of the same names. */
export const LEAKING_LOOKUPS = ['${env:', '${sys:', '${java:', '${ctx:', '${main:', '${docker:', '${k8s:', '${spring:', '${bundle:', '${log4j:', '${web:', '${jvmrunargs:', '${base64decoder:'];

export const activeLookupRule: Rule = {
  id: 'other-014',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    return findLookup(form, ACTIVE_LOOKUPS);
  },
};

export const leakingLookupRule: Rule = {
  id: 'other-015',
  kind: 'ssti',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    return findLookup(form, LEAKING_LOOKUPS);
  },
};

function findLookup(form: string, prefixes: readonly string[]): string | null {
  const lower = form.toLowerCase();
  for (const prefix of prefixes) {
    const at = lower.indexOf(prefix);
    if (at >= 0) {
      return form.slice(at, at + 40);
    }
  }
  return null;
}

import type { Rule } from '../rule-kit.js';

/**
 * A Unix-socket proxy target, `unix:/path|http://backend/` (mod_proxy, CVE-2021-40438): a long `unix:` part makes
 * the server drop the socket and fetch the URL after `|` instead, from inside.
 */
export const unixSocketTargetRule: Rule = {
  id: 'other-034',
  kind: 'ssrf',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    let pipe = -1;
    for (let at = lower.indexOf('unix:'); at >= 0; at = lower.indexOf('unix:', at + 5)) {
      if (/[a-z0-9]/.test(lower.charAt(at - 1))) {
        continue;
      }
      // The first `|` after each `unix:`, found once for all of them: occurrences only move forward.
      pipe = pipe > at ? pipe : lower.indexOf('|', at + 5);
      if (pipe < 0) {
        return null;
      }
      if (/^[a-z][a-z0-9+.-]{1,15}:\/\//.test(lower.slice(pipe + 1, pipe + 20))) {
        return form.slice(at, at + 24);
      }
    }
    return null;
  },
};

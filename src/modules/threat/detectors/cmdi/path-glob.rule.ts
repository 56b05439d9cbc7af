import type { Rule } from '../rule-kit.js';
import { isJsSpace } from '../js-space.js';

/**
 * Absolute paths spelled with globs so no word matches: `/etc/pa[s]swd`, `/[?]tc`, `/usr/[a-z]in/bash`,
 * `/???/??t /???/p??s??`.
 */
export const pathGlobRule: Rule = {
  id: 'cmdi-009',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let i = 0;
    while (i < form.length) {
      const start = i;
      while (i < form.length && !isJsSpace(form.charCodeAt(i)) && i - start < 256) {
        i++;
      }
      const token = form.slice(start, i);
      if (isGlobbedPath(token)) {
        return token;
      }
      i++;
    }
    return null;
  },
};

function isGlobbedPath(token: string): boolean {
  if (!token.startsWith('/') || token.startsWith('/*') || !/^[A-Za-z0-9_./[\]!?^*-]+$/.test(token)) {
    return false;
  }
  const wildcards = token.length - token.replace(/[?*]/g, '').length;
  const slashes = token.length - token.replace(/\//g, '').length;
  if (wildcards >= 2 && slashes >= 2 && /\/[^/]*[?*]/.test(token)) {
    return true;
  }
  const open = token.indexOf('[');
  const close = token.indexOf(']', open);
  if (open < 0 || close < 0 || close - open > 16) {
    return false;
  }
  const inside = token.slice(open + 1, close);
  return inside !== '' && !/^[0-9]+$/.test(inside) && /[A-Za-z?!]/.test(inside);
}

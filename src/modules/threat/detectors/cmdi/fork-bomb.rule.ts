import type { Rule } from '../rule-kit.js';

/** A shell function that starts itself twice in the background or through a pipe: `:(){ :|:& };:`, `f(){ f & f; };f`. */
export const forkBombRule: Rule = {
  id: 'cmdi-014',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let paren = form.indexOf('()'); paren >= 0; paren = form.indexOf('()', paren + 2)) {
      let nameStart = paren;
      while (nameStart > 0 && paren - nameStart < 32 && !/[\s;&|{}()]/.test(form.charAt(nameStart - 1))) {
        nameStart--;
      }
      const name = form.slice(nameStart, paren);
      let open = paren + 2;
      while (open < form.length && open - paren < 10 && /\s/.test(form.charAt(open))) {
        open++;
      }
      if (!/^[A-Za-z_:.][\w:.-]*$/.test(name) || form.charAt(open) !== '{') {
        continue;
      }
      const window = form.slice(open + 1, open + 64);
      const close = window.indexOf('}');
      const body = close < 0 ? window : window.slice(0, close);
      if (/[|&]/.test(body) && body.split(name).length > 2) {
        return form.slice(nameStart, nameStart + 32);
      }
    }
    return null;
  },
};

import type { Rule } from '../rule-kit.js';

export const XXE_MARKERS = ['<!entity', 'xi:include', '/2001/xinclude', "system-property('xsl:", 'php:function('];

/**
 * XML external entities: an entity declaration (`<!ENTITY x SYSTEM "file:///etc/passwd">`, parameter entities
 * `<!ENTITY % x`), a DOCTYPE with an internal subset or a SYSTEM identifier, XInclude, and the XSLT probes
 * (`system-property('xsl:vendor')`, `php:function(`) of XSLT injection.
 */
export const xxeRule: Rule = {
  id: 'other-080',
  kind: 'xxe',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const marker of XXE_MARKERS) {
      const at = lower.indexOf(marker);
      if (at >= 0) {
        return form.slice(at, at + 48);
      }
    }
    for (let at = lower.indexOf('<!doctype'); at >= 0; at = lower.indexOf('<!doctype', at + 9)) {
      const declaration = lower.slice(at + 9, at + 200);
      const close = declaration.indexOf('>');
      const head = close < 0 ? declaration : declaration.slice(0, close);
      // `PUBLIC "-//W3C//DTD XHTML..."` is an ordinary HTML doctype; SYSTEM names a file or URL to fetch.
      if (head.includes('[') || /\bsystem\s*["']/.test(head)) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};

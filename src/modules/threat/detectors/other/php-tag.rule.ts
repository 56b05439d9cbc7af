import type { Rule } from '../rule-kit.js';

/** Forum and Smarty spellings of a PHP tag. */
export const PHP_BRACKET_TAGS = ['[php]', '{php}', '[/php]', '[\\php]', '{/php}'];

/**
 * PHP code opened in a value: `<?php`, `<?=`, a short tag followed by a statement (`<? system(...)`), the `<?xml :`
 * short-tag trick, and the `[php]`/`{php}` tags of forum and Smarty templates. An XML declaration (`<?xml version`) is not code.
 */
export const phpTagRule: Rule = {
  id: 'other-040',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (let at = lower.indexOf('<?'); at >= 0; at = lower.indexOf('<?', at + 2)) {
      if (opensPhp(lower.slice(at + 2, at + 40))) {
        return form.slice(at, at + 32);
      }
    }
    for (const tag of PHP_BRACKET_TAGS) {
      const at = lower.indexOf(tag);
      // `[PHP](./php/x.php)` is a Markdown link.
      if (at >= 0 && lower.charAt(at + tag.length) !== '(') {
        return form.slice(at, at + 32);
      }
    }
    return null;
  },
};

/** What follows `<?`: `=`, `php` then code, or a short tag then code. Prose about PHP (`<?php starts a file`) is not code. */
function opensPhp(after: string): boolean {
  if (after.startsWith('=')) {
    return true;
  }
  if (after.startsWith('xml')) {
    // `<?xml` followed by anything but an XML declaration's attributes runs as a short tag.
    return /^xml\s*[:;(]/.test(after);
  }
  const tag = /^\s*php/.exec(after);
  const body = after.slice(tag === null ? 0 : tag[0].length);
  if (tag !== null && /^\s*$/.test(body)) {
    return true;
  }
  if (tag === null && !/^\s/.test(body)) {
    return body.startsWith('$');
  }
  return /^\s*(?:\$|@|\?>|\/[/*]|`|(?:echo|print)\b|[A-Za-z_][A-Za-z0-9_]*\s*[(;=$'"`])/.test(body);
}

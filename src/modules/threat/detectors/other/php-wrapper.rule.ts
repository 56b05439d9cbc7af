import type { Rule } from '../rule-kit.js';

/** Stream wrappers only PHP resolves: reading source (`php://filter`), running commands (`expect://`), unpacking archives. */
export const PHP_WRAPPERS = ['php://', 'phar://', 'expect://', 'zip://', 'rar://', 'glob://', 'ogg://', 'zlib://', 'data://', 'compress.zlib://', 'compress.bzip2://', 'ssh2.shell://', 'ssh2.exec://', 'ssh2.tunnel://', 'ssh2.sftp://', 'ssh2.scp://'];

/** What opens an RFC 2397 URL, which PHP's `include` also reads (`data:;base64,…`, no `//`). */
export const DATA_SCHEME = 'data:';

/** Base64 of `<?php`, `<?=` and `<? `, as it starts when the encoded text opens with them. */
const PHP_OPENERS_IN_BASE64 = ['PD9w', 'PD89', 'PD8g'];

/**
 * A `data:` URL whose base64 content opens a PHP block: inline code for an include (`data:;base64,PD9waHAg…`). Images,
 * fonts and XML (`PD94bWw`, `<?xml`) encode other openings.
 */
function phpInDataUrl(form: string, lower: string): string | null {
  const at = lower.indexOf(DATA_SCHEME);
  const comma = at < 0 ? -1 : form.indexOf(',', at);
  if (comma < 0 || comma - at > 64 || !lower.slice(at, comma).endsWith(';base64')) {
    return null;
  }
  const content = form.slice(comma + 1, comma + 5);
  return PHP_OPENERS_IN_BASE64.includes(content) ? form.slice(at, at + 40) : null;
}

export const phpWrapperRule: Rule = {
  id: 'other-044',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const wrapper of PHP_WRAPPERS) {
      const at = lower.indexOf(wrapper);
      if (at >= 0 && !/[a-z0-9.]/.test(lower.charAt(at - 1)) && /[a-z0-9./%_-]/.test(lower.charAt(at + wrapper.length))) {
        return form.slice(at, at + 40);
      }
    }
    return phpInDataUrl(form, lower);
  },
};

/** A `data:` URL where a URL is fetched or included: inline content instead of a location. Image uploads use it too. */
export const dataUrlRule: Rule = {
  id: 'other-046',
  kind: 'ssrf',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    const value = form.trim().toLowerCase();
    return /^data:[a-z]+\/[a-z0-9.+-]+[;,]/.test(value) ? form.trim().slice(0, 40) : null;
  },
};

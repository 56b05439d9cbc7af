import type { Rule } from '../rule-kit.js';

/** Stream wrappers only PHP resolves: reading source (`php://filter`), running commands (`expect://`), unpacking archives. */
export const PHP_WRAPPERS = ['php://', 'phar://', 'expect://', 'zip://', 'rar://', 'glob://', 'ogg://', 'zlib://', 'data://', 'compress.zlib://', 'compress.bzip2://', 'ssh2.shell://', 'ssh2.exec://', 'ssh2.tunnel://', 'ssh2.sftp://', 'ssh2.scp://'];

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
    return null;
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

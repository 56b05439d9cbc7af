import type { Rule } from '../rule-kit.js';
import { canonicalPath } from './canonical-path.js';

/** URL schemes that read the server's own disk: `file://` and the PHP stream wrappers used for file inclusion. */
export const LOCAL_SCHEMES = ['file:/', 'php://filter', 'php://input', 'php://fd', 'phar://', 'zip://', 'compress.zlib://', 'expect://'];

export const fileSchemeRule: Rule = {
  id: 'traversal-003',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const path = canonicalPath(form).toLowerCase();
    for (const scheme of LOCAL_SCHEMES) {
      const at = path.indexOf(scheme);
      if (at >= 0 && (at === 0 || !/[a-z0-9]/.test(path.charAt(at - 1)))) {
        return path.slice(at, at + 40);
      }
    }
    return null;
  },
};

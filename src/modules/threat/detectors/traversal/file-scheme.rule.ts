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
      for (let at = path.indexOf(scheme); at >= 0; at = path.indexOf(scheme, at + 1)) {
        if ((at === 0 || !/[a-z0-9]/.test(path.charAt(at - 1))) && (!scheme.endsWith('/') || namesSomething(path, at + scheme.length))) {
          return path.slice(at, at + 40);
        }
      }
    }
    return null;
  },
};

/**
 * Whether a path or host follows a scheme that needs one (`file:///etc/passwd`, `phar://./x.phar`; `php://input`
 * names its stream itself). Code and prose name the bare scheme (`startsWith('file://')`, "file:// URIs lead to…"),
 * which reads nothing.
 */
function namesSomething(path: string, from: number): boolean {
  let i = from;
  while (path.charAt(i) === '/') {
    i++;
  }
  return i < path.length && !/[\s'"`),;]/.test(path.charAt(i));
}

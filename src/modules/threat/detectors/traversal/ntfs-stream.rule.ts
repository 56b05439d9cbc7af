import { isNameCode } from '../code-units.js';
import type { Rule } from '../rule-kit.js';

/** The stream types IIS-era source disclosure names: a file's unnamed data stream, a directory's index. */
const STREAM_TYPES = ['$data', '$index_allocation'];
/** How far back a file name's extension may start before `::$DATA`: `index.php`, `web.config`, `default.aspx`. */
const MAX_EXTENSION = 16;

/** Whether a file name with an extension ends at `end`: `index.php`, not `Foo` (PHP's `Foo::$DATA` is a property). */
function fileNameEndsAt(form: string, end: number): boolean {
  let start = end;
  while (start > 0 && end - start <= MAX_EXTENSION && isNameCode(form.charCodeAt(start - 1))) {
    start -= 1;
  }
  return start < end && start > 1 && form.charCodeAt(start - 1) === 0x2e && isNameCode(form.charCodeAt(start - 2));
}

/**
 * An NTFS stream named after a path: `index.php::$DATA` makes IIS serve a script's source, and `..::$INDEX_ALLOCATION`
 * or `admin:$I30:$INDEX_ALLOCATION` walk directories past filters that look for `../` or a known name.
 */
export const ntfsStreamRule: Rule = {
  id: 'traversal-007',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (let at = lower.indexOf('::$'); at !== -1; at = lower.indexOf('::$', at + 3)) {
      const type = STREAM_TYPES.find((name) => lower.startsWith(name, at + 2) && !isNameCode(lower.charCodeAt(at + 2 + name.length)));
      if (type === '$index_allocation' || (type === '$data' && fileNameEndsAt(lower, at))) {
        return form.slice(Math.max(0, at - 32), at + 2 + type.length);
      }
    }
    const index = lower.indexOf(':$i30:$index_allocation');
    return index === -1 ? null : form.slice(Math.max(0, index - 32), index + 23);
  },
};

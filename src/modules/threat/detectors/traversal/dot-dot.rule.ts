import type { Rule } from '../rule-kit.js';
import { canonicalPath } from './canonical-path.js';
import { withoutRelativeReferences } from './relative-reference.js';

/**
 * Climbing out of a directory. Critical when the climb is unmistakable: two or more steps (`../../`), obfuscated
 * steps (`.../`, `....//`, `..;/`), any encoding (the decoded form differs from the raw one around the step), or a
 * value that starts with the step. A single `../` inside prose ("see ../README") is left to `traversal-020`, and the
 * climbs of module specifiers and links in code to the sensitive-path rules (see withoutRelativeReferences).
 */
export const dotDotRule: Rule = {
  id: 'traversal-001',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const steps = findSteps(canonicalPath(withoutRelativeReferences(form)));
    // `.../fonts/x.ttf |  Bin 0 -> 1128 bytes`: three dots alone before a path elide its start (git's diffstat, `…/`
    // after NFKC); a climb spelled so needs a second step or a sensitive target (traversal-002). Windows read `...\`
    // as two levels up, so the backslash spelling still counts.
    const elision = steps.length === 1 && steps[0]?.elided === true && !form.includes('...\\');
    const strong = elision ? undefined : (steps.find((step) => step.obfuscated || step.atStart) ?? (steps.length >= 2 ? steps[0] : undefined));
    if (strong !== undefined) {
      return strong.fragment;
    }
    const encoded = form !== canonicalPath(form) && steps.length > 0 && !/\.\.[\\/]/.test(form) ? steps[0] : undefined;
    return encoded?.fragment ?? null;
  },
};

/** A single plain step in the middle of a value. */
export const singleStepRule: Rule = {
  id: 'traversal-020',
  kind: 'traversal',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    return findSteps(canonicalPath(form))[0]?.fragment ?? null;
  },
};

interface Step {
  fragment: string;
  obfuscated: boolean;
  atStart: boolean;
  /** Exactly three dots and one `/`: how a shortened path is written. */
  elided: boolean;
}

/** Steps are `..` (or more dots) followed by `/`, optionally with `;`, or a trailing `/..` at the end of a value. */
export function findSteps(path: string): Step[] {
  const steps: Step[] = [];
  const start = path.length - path.trimStart().length;
  let i = 0;
  while (i < path.length && steps.length < 8) {
    if (path.charAt(i) !== '.' || path.charAt(i + 1) !== '.' || (i > 0 && path.charAt(i - 1) === '.')) {
      i++;
      continue;
    }
    let j = i;
    while (j < path.length && path.charAt(j) === '.') {
      j++;
    }
    const dots = j - i;
    const semicolon = path.charAt(j) === ';';
    const sepAt = semicolon ? afterPathParameter(path, j + 1) : j;
    const before = i === 0 ? '/' : path.charAt(i - 1);
    const atEnd = sepAt >= path.length || /\s/.test(path.charAt(sepAt));
    // A bare `..` ends a path only after a slash or as the whole value: `.. note::` opens a reStructuredText directive.
    const bare = atEnd && before === '/' && dots === 2 && (i > 0 || sepAt >= path.length);
    const isStep = path.charAt(sepAt) === '/' || (semicolon && path.charAt(sepAt) === '.') || bare;
    if (isStep && (before === '/' || before === ' ' || i === start || /[=:'"(]/.test(before))) {
      let k = sepAt;
      while (path.charAt(k) === '/') {
        k++;
      }
      steps.push({
        fragment: path.slice(Math.max(0, i - 4), k + 24),
        obfuscated: dots > 2 || semicolon || k - sepAt > 1,
        atStart: i === start || (before === '/' && i - 1 === start),
        elided: dots === 3 && !semicolon && path.charAt(sepAt) === '/' && k - sepAt === 1,
      });
    }
    i = j;
  }
  return steps;
}

/**
 * Where the path parameter after `..;` ends (`..;a=1/`): Tomcat and Spring drop `;name=value` from a segment, so
 * the segment is `..` all the same. At most 32 characters; `at` itself when no parameter is followed by `/`.
 */
function afterPathParameter(path: string, at: number): number {
  let end = at;
  while (end < path.length && end - at < 32 && /[A-Za-z0-9=,_-]/.test(path.charAt(end))) {
    end++;
  }
  return end > at && path.charAt(end) === '/' ? end : at;
}

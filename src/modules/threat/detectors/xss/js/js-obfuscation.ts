/** Characters JSFuck-style code is written in; `+` may have become a space after form decoding. */
const JSFUCK_CHARS = new Set(['[', ']', '(', ')', '!', '+', ' ']);
/** Runs that only JSFuck produces: `!![]`, `![]+[]`, `+[]]`, `[+[]]` (a markdown image `![](…)` has none). */
const JSFUCK_MARKERS: readonly string[] = ['!![]', '![]+[]', '![][]', '+[]]', '[+[]', '[][(', '(![]'];

/** A run of JSFuck characters holding one of its idioms, whitespace ignored. */
export function findJsFuck(input: string): string | null {
  // Every marker holds a `[`.
  if (!input.includes('[')) {
    return null;
  }
  let run = '';
  for (let i = 0; i <= input.length; i++) {
    const c = input.charAt(i);
    if (i < input.length && JSFUCK_CHARS.has(c)) {
      if (c !== ' ') {
        run += c;
      }
      continue;
    }
    if (run.length >= 4 && JSFUCK_MARKERS.some((m) => run.includes(m))) {
      return run.slice(0, 64);
    }
    run = '';
  }
  return null;
}

/**
 * AngularJS sandbox escapes: an expression in `{{…}}` that reaches `Function` or evaluates strings, or takes a
 * property descriptor or prototype apart to get there, or builds its script from character codes.
 */
const ANGULAR_MARKERS: readonly string[] = [
  'constructor',
  '$eval',
  '$on',
  'charat=[].join',
  'charat=[]. join',
  '$parse',
  '$apply',
  'getownpropertydescriptor',
  '__proto__',
  '$$watchers',
  'fromcharcode',
  'fromcodepoint',
];

export function findAngularEscape(input: string): string | null {
  let from = 0;
  for (;;) {
    const open = input.indexOf('{{', from);
    if (open < 0) {
      return null;
    }
    const close = input.indexOf('}}', open + 2);
    const body = input.slice(open + 2, close < 0 ? input.length : close).toLowerCase();
    if (ANGULAR_MARKERS.some((m) => body.includes(m)) && (body.includes('(') || body.includes('`'))) {
      return input.slice(open, Math.min(open + 64, input.length));
    }
    if (close < 0) {
      return null;
    }
    from = close + 2;
  }
}

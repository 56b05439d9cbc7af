import { SCRIPT_SCHEMES, isActiveData, urlScheme } from './url-scheme.js';

export interface BareUrlFinding {
  kind: 'script' | 'data';
  fragment: string;
}

/** Where a URL can start inside a value: its beginning, or after `=`, a quote, `(`, `<` or a line break (`next=javascript:…`, markdown links). */
const URL_STARTERS = new Set(['=', '"', "'", '(', '<', '\n', '`']);
/** Bounds the scheme read at each start, so many starts cannot make the scan quadratic. */
const MAX_SCHEME_WINDOW = 48;
/** How far after a script scheme's colon a call or statement is looked for. */
const MAX_SCRIPT_LOOKAHEAD = 256;
/** How much of a `data:` URL is read for its media type and markup. */
const MAX_DATA_HEADER = 512;

/** A `javascript:`-like or active `data:` URL at a place in the value where a URL can begin. */
export function findBareUrl(input: string): BareUrlFinding | null {
  // Every scheme ends at a colon.
  if (!input.includes(':')) {
    return null;
  }
  for (let i = 0; i < input.length; i++) {
    if (i !== 0 && !URL_STARTERS.has(input.charAt(i - 1))) {
      continue;
    }
    const window = input.slice(i, i + MAX_SCHEME_WINDOW);
    const scheme = urlScheme(window);
    if (!scheme) {
      continue;
    }
    const restAt = i + window.length - scheme.rest.length;
    if (SCRIPT_SCHEMES.has(scheme.scheme) && (readsAsScript(scheme.rest) || callsPastWindow(input, i + window.length) || splitScheme(window, scheme.rest.length))) {
      return { kind: 'script', fragment: window };
    }
    if (scheme.scheme === 'data' && isActiveData(input.slice(restAt, restAt + MAX_DATA_HEADER), false)) {
      return { kind: 'data', fragment: window };
    }
  }
  return null;
}

/** Characters script needs and prose after "javascript:" rarely has: calls, statements, assignments, escapes. */
const SCRIPT_CHARS = new Set(['(', ')', ';', '=', '\\', '`', '[', '{', '/']);

/**
 * `javascript:window.top._ns_tracer.log_sink()`: one unbroken token running past the window (a member chain) that
 * reaches a script character before any blank. Prose after "JavaScript:" breaks at its first space.
 */
function callsPastWindow(input: string, windowEnd: number): boolean {
  if (windowEnd >= input.length || /\s/.test(input.slice(windowEnd - MAX_SCHEME_WINDOW, windowEnd))) {
    return false;
  }
  for (let i = windowEnd; i < input.length && i - windowEnd < MAX_SCRIPT_LOOKAHEAD; i++) {
    const c = input.charAt(i);
    if (SCRIPT_CHARS.has(c)) {
      return true;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      return false;
    }
  }
  return false;
}

/** `javascript:alert(1)` or `javascript:/*…`, not "javascript: the good parts". */
function readsAsScript(rest: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    if (SCRIPT_CHARS.has(rest.charAt(i))) {
      return true;
    }
  }
  return rest.trim() === '';
}

/**
 * `vb\ns\tcript:`: browsers drop tabs and line breaks inside a scheme, so only a filter evasion writes them there
 * (usually as `&Tab;`/`&NewLine;`); what follows the colon then need not look like script.
 */
function splitScheme(window: string, restLength: number): boolean {
  const head = window.slice(0, window.length - restLength - 1).trimStart();
  return head.includes('\t') || head.includes('\n') || head.includes('\r');
}

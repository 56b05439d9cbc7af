import { sensitiveMentionRule } from './sensitive-path.rule.js';

/** What opens a module specifier or a link in code and markup, read right before a quote. */
const REFERENCE_OPENERS = /(?:\bfrom|\bimport|\brequire\(|\bimport\(|@import|#include|\bhref=|\bsrc=|\burl\()\s*$/;

/** A relative path climbing with plain `../` steps to an ordinary name: no encoding, no doubled slash, no `...`. */
function isPlainClimb(text: string): boolean {
  return text.startsWith('../') && /^[\w@$./-]*$/.test(text) && !text.includes('//') && !text.includes('...');
}

/**
 * `form` with the climbs inside quoted module specifiers and links blanked (`import x from '../../utils'`,
 * `require("../../lib")`, `#include "../../x.h"`, `<a href="../../index.html">`, `[x](../../guide.md)`) and in diagnostics' file locations
 * (`../src/x.c:12:`): code, markup and build tools resolve those against their own file or build directory, not
 * against the server's file system, and relative imports are the commonest `../../` of all. Only plain climbs to names
 * no sensitive-path rule knows are blanked (`'../../../../etc/passwd'` stays). Returns `form` itself when it holds no
 * such reference. Built from pieces, so a value of thousands of references stays linear.
 */
export function withoutRelativeReferences(form: string): string {
  const pieces: string[] = [];
  let copied = 0;
  for (let open = form.indexOf('../'); open >= 0; open = form.indexOf('../', open + 1)) {
    const close = referenceEnd(form, open);
    const climb = close < 0 ? '' : form.slice(open, close);
    if (close < 0 || !isPlainClimb(climb) || sensitiveMentionRule.find(climb) !== null) {
      continue;
    }
    pieces.push(form.slice(copied, open), climb.replaceAll('../', '__/'));
    copied = close;
    open = close;
  }
  return copied === 0 ? form : pieces.join('') + form.slice(copied);
}

/** Where the module specifier, link or diagnostic location whose climb starts at `open` ends; -1 when it is none. */
function referenceEnd(form: string, open: number): number {
  const quote = open > 0 ? form.charAt(open - 1) : '';
  if ((quote === '"' || quote === "'" || quote === '`') && REFERENCE_OPENERS.test(form.slice(Math.max(0, open - 13), open - 1))) {
    // A specifier is short: looking no further than 256 characters keeps the scan linear in the value.
    const end = form.slice(open, open + 256).indexOf(quote);
    return end < 0 ? -1 : open + end;
  }
  if (quote === '(' && form.charAt(open - 2) === ']') {
    return markdownLinkEnd(form, open);
  }
  return quote === '' || quote === ' ' || quote === '\t' ? diagnosticLocationEnd(form, open) : -1;
}

/** `[Guide](../../docs/guide.md#setup)`: a Markdown link's target, relative to the document. Where its path ends, or -1. */
function markdownLinkEnd(form: string, open: number): number {
  const end = pathEnd(form, open);
  return ')#? '.includes(form.charAt(end)) && end < form.length ? end : -1;
}

/** Where the run of path characters starting at `open` ends, looking no further than 256 characters. */
function pathEnd(form: string, open: number): number {
  let end = open;
  while (end < form.length && end - open < 256 && /[\w@$./-]/.test(form.charAt(end))) {
    end++;
  }
  return end;
}

/**
 * `../src/hb-algs.hh:120:3: error: …`, `../configure: line 12378: …`: a compiler's or a shell's diagnostic names
 * the file it read, relative to the build directory, then the line. Returns where the file name ends, or -1.
 */
function diagnosticLocationEnd(form: string, open: number): number {
  const end = pathEnd(form, open);
  if (form.charAt(end) !== ':') {
    return -1;
  }
  const line = form.startsWith(' line ', end + 1) ? end + 7 : end + 1;
  let digits = line;
  while (digits < form.length && digits - line < 9 && form.charCodeAt(digits) >= 0x30 && form.charCodeAt(digits) <= 0x39) {
    digits++;
  }
  return digits > line && form.charAt(digits) === ':' ? end : -1;
}

import type { NormalizedValue } from '../engine/threat.types.js';
import { decodeBase64Text } from './base64-text.util.js';
import { removeControlChars } from './control-chars.util.js';
import { decodeCssEscapes } from './css-escapes.util.js';
import { decodeHtmlEntities } from './html-entities.util.js';
import { decodeJsEscapes } from './js-escapes.util.js';
import { isPlainText } from './plain-text.util.js';
import { foldUnicode } from './unicode-fold.util.js';
import { urlDecode } from './url-decode.util.js';

export interface NormalizeCaps {
  /** Most forms kept, raw included; later (less likely) decodings are dropped first. */
  maxForms: number;
  /** Each form is cut to this many characters: NFKC can expand a character up to 18-fold. */
  maxFormLength: (rawLength: number) => number;
}

export const DEFAULT_NORMALIZE_CAPS: NormalizeCaps = {
  maxForms: 8,
  maxFormLength: (rawLength) => 2 * rawLength + 16,
};

function clean(value: string): string {
  return removeControlChars(foldUnicode(value));
}

/**
 * The candidate forms in priority order; every step is linear in its input and none grows it past the cap. The steps
 * are pure, so a step whose input equals one already decoded gives the same output: such repeats are not run again.
 */
function candidates(raw: string): string[] {
  const url1 = urlDecode(raw);
  const url2 = url1 === raw ? url1 : urlDecode(url1);
  const html = decodeHtmlEntities(url2);
  const js = decodeJsEscapes(html);
  const cleaned = clean(js);
  const css = decodeCssEscapes(html);
  const forms = [raw, url1, url2, html, js, cleaned, urlDecode(raw, { plusAsSpace: true }), css, css === js ? cleaned : clean(css)];
  // Fullwidth `％３Ｃ` or `＆lt;` only become escapes after NFKC: one more decoding round catches them.
  const cleanedUrl = cleaned === raw ? url1 : urlDecode(cleaned);
  forms.push(cleanedUrl === url2 ? html : decodeHtmlEntities(cleanedUrl));
  return forms;
}

/**
 * Every form an attacker's encoding might hide a payload in: raw first, then URL-decoded (two rounds, and form
 * decoding), HTML entities, JS and CSS escapes, NFKC with homoglyph folding and control removal, and the forms of the
 * text a whole-value base64 token encodes. Duplicates are dropped; count and size are capped, so the work stays
 * linear in `raw`. Never throws.
 */
export function normalize(raw: string, caps: NormalizeCaps = DEFAULT_NORMALIZE_CAPS): NormalizedValue {
  const own = formsOf(raw, caps);
  // A value that is one base64 token of text: the decoded text's forms come right after the raw value.
  const text = decodeBase64Text(raw);
  return text === null ? { raw, forms: own } : { raw, forms: [...new Set([raw, ...formsOf(text, caps), ...own])].slice(0, caps.maxForms) };
}

function formsOf(raw: string, caps: NormalizeCaps): readonly string[] {
  // Most request values are plain text: every decoding would give the raw value back, so skip the chain.
  return isPlainText(raw) ? [raw] : normalizeFully(raw, caps).forms;
}

/** `normalize` without the plain-text shortcut: runs every decoding. Exported so tests can hold the shortcut to it. */
export function normalizeFully(raw: string, caps: NormalizeCaps = DEFAULT_NORMALIZE_CAPS): NormalizedValue {
  const limit = caps.maxFormLength(raw.length);
  const forms: string[] = [raw];
  const seen = new Set<string>([raw]);
  for (const candidate of candidates(raw)) {
    if (forms.length >= caps.maxForms) {
      break;
    }
    const form = candidate.length > limit ? candidate.slice(0, limit) : candidate;
    if (!seen.has(form)) {
      seen.add(form);
      forms.push(form);
    }
  }
  return { raw, forms };
}

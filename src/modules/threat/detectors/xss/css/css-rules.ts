import { cssMatchText } from './css-text.js';

/** Script-capable CSS: `expression(`, script URLs in `url()` or quoted links, XBL bindings and HTC behaviours. */
export function findCssScript(css: string): string | null {
  return mayHoldCssScript(css) ? needleIn(cssMatchText(css)) : null;
}

function needleIn(text: string): string | null {
  for (const needle of CSS_NEEDLES) {
    const at = text.indexOf(needle);
    if (at >= 0) {
      return text.slice(Math.max(0, at - 8), at + needle.length + 16);
    }
  }
  return null;
}

/**
 * A `style` attribute's script: what findCssScript finds, or an `expression(` standing as the whole attribute, which
 * old IE ran too (`style="expr/**\/ession(alert(1))"`).
 */
export function findStyleAttributeScript(style: string): string | null {
  if (!mayHoldCssScript(style)) {
    return null;
  }
  const text = cssMatchText(style);
  return needleIn(text) ?? (text.startsWith('expression(') ? text.slice(0, 32) : null);
}

const CSS_NEEDLES: readonly string[] = [
  ':expression(',
  '=expression(',
  '{expression(',
  'url(javascript',
  "url('javascript",
  'url("javascript',
  'url(vbscript',
  "url('vbscript",
  'url("vbscript',
  "'javascript:",
  '"javascript:',
  '-moz-binding:',
  'behavior:url(',
  'behaviour:url(',
];

/** Cheap pre-check so most values skip the rewrite: every needle holds one of these letters runs or an escape. */
function mayHoldCssScript(css: string): boolean {
  const lower = css.toLowerCase();
  return (
    lower.includes('\\') ||
    lower.includes('/*') ||
    lower.includes('ssion') ||
    lower.includes('script') ||
    lower.includes('binding') ||
    lower.includes('behavio')
  );
}

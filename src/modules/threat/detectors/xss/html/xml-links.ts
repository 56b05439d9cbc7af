import { XSS_RULES, type XssRule } from '../rules/xss-rules.js';
import { decodeCharRefs } from './char-refs.js';
import { type HtmlTag } from './html-tokenizer.js';
import { localName } from './tag-tables.js';
import { urlScheme } from './url-scheme.js';

export interface XmlLinkFinding {
  rule: XssRule;
  fragment: string;
}

const XSLT_NAMESPACE = 'http://www.w3.org/1999/xsl/transform';
/** XSLT elements that make the document a stylesheet or pull another one in: the transform is the attacker's. */
const XSLT_ROOTS: ReadonlySet<string> = new Set(['stylesheet', 'transform', 'include', 'import']);
const STYLESHEET_INSTRUCTIONS: ReadonlySet<string> = new Set(['?xml-stylesheet', '?xsl-stylesheet']);
/** SVG animation elements: `attributeName` names the attribute they rewrite while the page runs. */
const ANIMATION_TAGS: ReadonlySet<string> = new Set(['set', 'animate', 'animatetransform', 'animatemotion', 'animatecolor']);
const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(['href', 'xlink:href']);
/** SVG elements that point at a resource (`<use xlink:href="#icon">`, `<image xlink:href="a.png">`), not a link. */
const SVG_REFERENCE_TAGS: ReadonlySet<string> = new Set([
  'use',
  'image',
  'feimage',
  'pattern',
  'lineargradient',
  'radialgradient',
  'textpath',
  'mpath',
  'filter',
  'cursor',
  'tref',
  'glyphref',
  'altglyph',
]);

/** Links and transforms that XML dialects inside markup (SVG, MathML, XSLT) add to a page. Explicit tags only. */
export function findXmlLinks(tag: HtmlTag): XmlLinkFinding[] {
  const findings: XmlLinkFinding[] = [];
  const name = localName(tag.name);
  const label = `<${tag.name}`;
  if (STYLESHEET_INSTRUCTIONS.has(name) && tag.attributes.some((a) => a.name === 'href' && attackerStylesheet(decodeCharRefs(a.value)))) {
    findings.push({ rule: XSS_RULES.xslStylesheet, fragment: label });
  }
  if (isXslt(tag)) {
    findings.push({ rule: XSLT_ROOTS.has(name) ? XSS_RULES.xslStylesheet : XSS_RULES.xslElement, fragment: label });
  }
  for (const attr of tag.attributes) {
    const value = decodeCharRefs(attr.value).trim();
    const fragment = `${label} ${attr.name}=${value}`;
    if (attr.name === 'attributename' && ANIMATION_TAGS.has(name) && LINK_ATTRIBUTES.has(value.toLowerCase())) {
      findings.push({ rule: XSS_RULES.svgAnimatedLink, fragment });
    }
    if (attr.name === 'xlink:href' && value !== '' && !value.startsWith('#') && !SVG_REFERENCE_TAGS.has(name)) {
      findings.push({ rule: XSS_RULES.xlinkHref, fragment });
    }
  }
  return findings;
}

/** An element in the XSLT namespace: the usual `xsl:` prefix, or one the element binds to that namespace itself. */
function isXslt(tag: HtmlTag): boolean {
  const colon = tag.name.indexOf(':');
  if (colon < 0 || tag.name.charAt(0) === '?') {
    return false;
  }
  const prefix = tag.name.slice(0, colon);
  return prefix === 'xsl' || tag.attributes.some((a) => a.name === `xmlns:${prefix}` && a.value.trim().toLowerCase() === XSLT_NAMESPACE);
}

/**
 * A stylesheet instruction naming the document itself (`href="#"`, the transform travels inside the payload), another
 * host, or a `data:`/script URL. A relative file (`href="style.xsl"`) is how ordinary XML documents ship their view.
 */
function attackerStylesheet(href: string): boolean {
  const value = href.trim();
  return value.startsWith('#') || value.startsWith('//') || value.startsWith('\\\\') || urlScheme(value) !== null;
}

import { findCssScript } from './css/css-rules.js';
import { findBareUrl } from './html/bare-url.js';
import { decodeCharRefs } from './html/char-refs.js';
import { findHtmlScript } from './html/html-rules.js';
import { type HtmlContext } from './html/html-tokenizer.js';
import { findSpacedTag } from './html/spaced-tag.js';
import { findDtdInjection, findServerSideInclude } from './html/xml-rules.js';
import { jsContexts } from './js/js-contexts.js';
import { findAngularEscape, findJsFuck } from './js/js-obfuscation.js';
import { findJsScript } from './js/js-rules.js';
import { XSS_RULES, type XssRule } from './rules/xss-rules.js';

export interface XssFinding {
  rule: XssRule;
  fragment: string;
}

export interface XssScan {
  findings: XssFinding[];
  /** Tokenizer and lexer iterations, for the linearity property test. */
  steps: number;
}

/** Which HTML contexts can matter for a text: a quote context needs its quote, attribute contexts need `=`. */
function htmlContexts(text: string): HtmlContext[] {
  const contexts: HtmlContext[] = [];
  if (text.includes('<')) {
    contexts.push('data');
  }
  if (text.includes('"')) {
    contexts.push('attr-dq');
  }
  if (text.includes("'")) {
    contexts.push('attr-sq');
  }
  if (text.includes('=')) {
    contexts.push('attr-unquoted', 'attr-name');
  }
  return contexts;
}

/** Every XSS rule over one text, at all paranoia levels; the detector filters by level. */
export function scanForXss(text: string): XssScan {
  const findings: XssFinding[] = [];
  const work = { steps: 0 };
  const add = (rule: XssRule, fragment: string): void => {
    if (!findings.some((f) => f.rule === rule)) {
      findings.push({ rule, fragment });
    }
  };
  for (const context of htmlContexts(text)) {
    for (const f of findHtmlScript(text, context, work)) {
      add(f.rule, f.fragment);
    }
  }
  for (const context of jsContexts(text)) {
    work.steps += context.steps;
    for (const f of findJsScript(context.tokens, context.afterBreak)) {
      add(f.rule, f.fragment);
    }
  }
  const css = findCssScript(text);
  if (css !== null) {
    add(XSS_RULES.cssScript, css);
  }
  const url = findBareUrl(text);
  if (url) {
    add(url.kind === 'script' ? XSS_RULES.scriptUrl : XSS_RULES.dataUrl, url.fragment);
  }
  const decoded = decodeCharRefs(text);
  const urlInAttribute = decoded === text ? null : findBareUrl(decoded);
  if (urlInAttribute) {
    add(urlInAttribute.kind === 'script' ? XSS_RULES.scriptUrl : XSS_RULES.dataUrl, urlInAttribute.fragment);
  }
  const dtd = findDtdInjection(text);
  if (dtd !== null) {
    add(XSS_RULES.xmlEntity, dtd);
  }
  const ssi = findServerSideInclude(text);
  if (ssi !== null) {
    add(XSS_RULES.serverSideInclude, ssi);
  }
  const spaced = findSpacedTag(text);
  if (spaced !== null) {
    add(XSS_RULES.spacedTag, spaced);
  }
  const jsFuck = findJsFuck(text);
  if (jsFuck !== null) {
    add(XSS_RULES.jsFuck, jsFuck);
  }
  const angular = findAngularEscape(text);
  if (angular !== null) {
    add(XSS_RULES.angularSandbox, angular);
  }
  return { findings, steps: work.steps + text.length };
}

import { findStyleAttributeScript } from '../css/css-rules.js';
import { isAsciiLetter } from '../../letter-runs.js';
import { CODE_SINKS, PROBE_SINKS } from '../js/js-names.js';
import { XSS_RULES, type XssRule } from '../rules/xss-rules.js';
import { decodeCharRefs } from './char-refs.js';
import { EVENT_NAMES, isHandlerShaped } from './event-names.js';
import { type HtmlAttribute, type HtmlContext, type HtmlTag, scanHtml } from './html-tokenizer.js';
import { callsSomething, declaredInScript, jsxBinding, namedInProse } from './script-lookalikes.js';
import { ACTIVE_DATA_ATTRIBUTES, RISKY_TAGS, SCRIPT_CAPABLE_TAGS, URL_ATTRIBUTES, localName } from './tag-tables.js';
import { SCRIPT_SCHEMES, isActiveData, urlScheme } from './url-scheme.js';
import { findXmlLinks } from './xml-links.js';

export interface HtmlFinding {
  rule: XssRule;
  fragment: string;
}

/** Attribute values and comment bodies are scanned again as markup (mutation XSS), this many levels deep. */
const MAX_RESCAN_DEPTH = 2;
const MAX_FRAGMENT = 64;

/** Elements whose URL attribute loads any non-image `data:` document as active content. */
const EMBEDDING_TAGS: ReadonlySet<string> = new Set(['object', 'embed', 'iframe', 'frame', 'script', 'applet', 'portal']);
/** `'';!--"<XSS>=&{()}`: the XSS locator's element, written only to see whether markup comes back unescaped. */
const PROBE_TAG = 'xss';
const BINDING_ATTRIBUTES: ReadonlySet<string> = new Set(['datasrc', 'datafld', 'dataformatas']);

/** Runs the tokenizer from `context` and reports every script-capable construct it finds. Steps go to `work`. */
export function findHtmlScript(input: string, context: HtmlContext, work: { steps: number }, depth = 0): HtmlFinding[] {
  const scan = scanHtml(input, context);
  work.steps += scan.steps;
  const findings: HtmlFinding[] = [];
  const add = (rule: XssRule, fragment: string): void => {
    if (!findings.some((f) => f.rule === rule)) {
      findings.push({ rule, fragment: fragment.slice(0, MAX_FRAGMENT) });
    }
  };
  for (const tag of scan.tags) {
    if (!tag.closing) {
      checkTag(tag, input, add);
    }
  }
  // Comments and attribute values are slices of `input`: without `<` or a character reference they hold no markup.
  if (depth < MAX_RESCAN_DEPTH && (input.includes('<') || input.includes('&'))) {
    const nested = [...scan.comments, ...scan.tags.flatMap((t) => t.attributes.map((a) => decodeCharRefs(a.value)))];
    for (const text of nested) {
      if (text.includes('<')) {
        for (const finding of findHtmlScript(text, 'data', work, depth + 1)) {
          add(finding.rule, finding.fragment);
        }
      }
    }
  }
  return findings;
}

function checkTag(tag: HtmlTag, input: string, add: (rule: XssRule, fragment: string) => void): void {
  const name = localName(tag.name);
  const label = tag.explicit ? `<${tag.name}` : '';
  if (tag.explicit) {
    if ((SCRIPT_CAPABLE_TAGS.has(name) || SCRIPT_CAPABLE_TAGS.has(tag.name)) && !namedInProse(tag, input)) {
      add(XSS_RULES.dangerousTag, label);
    } else if (name === 'meta' && tag.attributes.some((a) => a.name === 'http-equiv' || (a.name === 'content' && a.value.toLowerCase().includes('url=')))) {
      add(XSS_RULES.metaRefresh, label);
    } else if (name === 'form') {
      add(XSS_RULES.formTag, label);
    } else if (RISKY_TAGS.has(name)) {
      add(XSS_RULES.riskyTag, label);
    } else if (name === PROBE_TAG) {
      add(XSS_RULES.probeTag, label);
    }
    add(tag.attributes.length > 0 ? XSS_RULES.anyTagWithAttributes : XSS_RULES.anyTag, label);
    for (const link of findXmlLinks(tag)) {
      add(link.rule, link.fragment);
    }
  }
  for (const attr of tag.attributes) {
    checkAttribute(tag, name, attr, input, add);
  }
}

function checkAttribute(tag: HtmlTag, name: string, attr: HtmlAttribute, input: string, add: (rule: XssRule, fragment: string) => void): void {
  const value = decodeCharRefs(attr.value);
  const fragment = `${tag.explicit ? `<${tag.name} ` : ''}${attr.name}=${value}`;
  const attrLocal = attr.name.slice(attr.name.lastIndexOf(':') + 1);
  if (attr.hasValue && isHandlerShaped(attrLocal) && !jsxBinding(value) && (tag.explicit || handlerOutsideTag(attr, value, input))) {
    add(XSS_RULES.eventHandler, fragment);
  }
  // A handler HTML5 swallows into the value before it, written to run wherever a parser splits there: `<img src=
  // onmouseover="…">` (old parsers ended the empty value at the space), `<img/src=x/onerror=…>` (`/` written as if it
  // separated attributes, as it does between them).
  if (tag.explicit && ((URL_ATTRIBUTES.has(attr.name) && handlerAt(value, 0)) || handlerAfterSlash(value))) {
    add(XSS_RULES.eventHandler, fragment);
  }
  // SVG animation writing a handler (`<set attributeName=onmouseover to=alert(1)>`) or XML Events' `handler`.
  if (tag.explicit && ((attr.name === 'attributename' && isHandlerShaped(value.trim().toLowerCase())) || attrLocal === 'handler')) {
    add(XSS_RULES.eventHandler, fragment);
  }
  if (attr.name === 'srcdoc' && attr.hasValue) {
    add(XSS_RULES.srcdoc, fragment);
  }
  if (BINDING_ATTRIBUTES.has(attr.name) && tag.explicit) {
    add(XSS_RULES.dangerousTag, fragment);
  }
  if (attr.name.startsWith('xmlns') || attr.name.endsWith(':schemalocation')) {
    add(XSS_RULES.xmlNamespace, fragment);
  }
  const scheme = urlScheme(value);
  if ((scheme && SCRIPT_SCHEMES.has(scheme.scheme)) || (attr.name === 'values' && scriptUrlInList(value))) {
    add(XSS_RULES.scriptUrl, fragment);
  } else if (scheme?.scheme === 'data' && (URL_ATTRIBUTES.has(attr.name) || !tag.explicit)) {
    const anyData = tag.explicit && ACTIVE_DATA_ATTRIBUTES.has(attr.name) && EMBEDDING_TAGS.has(name);
    if (isActiveData(scheme.rest, anyData)) {
      add(XSS_RULES.dataUrl, fragment);
    }
  }
  if (attr.name === 'style' && findStyleAttributeScript(value) !== null) {
    add(XSS_RULES.cssScript, fragment);
  }
}

/** `document.cookie=…`, `location.href=…`: a handler that writes what the page's origin owns, no call needed. */
const DOM_ASSIGNMENT = /^(?:document\s*\.\s*(?:cookie|domain|location)|(?:window|self|top|parent)\s*\.\s*location|location\s*\.\s*href)\s*=(?!=)/i;

/**
 * Where the value only broke out of an attribute, `name=` may be prose (`onboarding=yes`, "set onclick=save") or
 * base64 (`…Qo/onafe=`): count a value that reads as script, or an empty probe (`" onload= `) after a separator.
 */
function handlerOutsideTag(attr: HtmlAttribute, value: string, input: string): boolean {
  const trimmed = value.trim();
  if (declaredInScript(input, attr.start)) {
    return false;
  }
  if (callsSomething(trimmed) || trimmed.includes('`') || PROBE_SINKS.has(trimmed) || CODE_SINKS.has(trimmed) || DOM_ASSIGNMENT.test(trimmed)) {
    return true;
  }
  const before = attr.start === 0 ? ' ' : input.charAt(attr.start - 1);
  const separated = before === ' ' || before === '\t' || before === '\n' || before === '"' || before === "'" || before === '/';
  // An unknown `onabcdefgh=` is a probe in one case; `+ONWTiY=` in mixed case is a base64 token (`+` read as a space).
  const written = input.slice(attr.start, attr.start + attr.name.length);
  const oneCase = written === written.toLowerCase() || written === written.toUpperCase();
  return trimmed === '' && separated && (EVENT_NAMES.has(attr.name) || (before !== '/' && oneCase));
}

/** Whether an event handler's name and `=` start at `at` (`onmouseover=`): an attribute swallowed by a value. */
function handlerAt(value: string, at: number): boolean {
  let end = at;
  while (isAsciiLetter(value.charCodeAt(end))) {
    end++;
  }
  return end > at && value.charAt(end) === '=' && EVENT_NAMES.has(value.slice(at, end).toLowerCase());
}


/** A `/` then an event handler's name and `=` inside the value (`x/onerror=alert(1)`). */
function handlerAfterSlash(value: string): boolean {
  for (let slash = value.indexOf('/on'); slash >= 0; slash = value.indexOf('/on', slash + 1)) {
    if (handlerAt(value, slash + 1)) {
      return true;
    }
  }
  return false;
}

/** SVG animation `values` hold a `;`-separated list; any entry can be the script URL the link ends up with. */
function scriptUrlInList(value: string): boolean {
  return value.split(';').some((entry) => {
    const scheme = urlScheme(entry);
    return scheme !== null && SCRIPT_SCHEMES.has(scheme.scheme);
  });
}

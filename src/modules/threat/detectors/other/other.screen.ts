import { charSet, NON_ASCII, union } from '../char-profile.js';
import { gated, type RuleScreens, type Screen } from '../screen-kit.js';
import { includesFolded } from '../folded.js';
import { hasAnyOf, hasNonAscii, mayContainAny, type NeedleSet, needleChars, needleSet } from '../form-profile.js';
import { CLASS_NAME_PREFIXES, GADGETS } from './java.rule.js';
import { ACTIVE_LOOKUPS, LEAKING_LOOKUPS } from './jndi.rule.js';
import { ENCODED_FUNCTION_MARKER, NODE_MARKERS } from './node.rule.js';
import { EXEC_FUNCTIONS, PHP_ONLY_FUNCTIONS, SHARED_NAMES } from './php-calls.js';
import { PHP_INI_DIRECTIVES } from './php-ini.rule.js';
import { PHP_BRACKET_TAGS } from './php-tag.rule.js';
import { DATA_SCHEME, PHP_WRAPPERS } from './php-wrapper.rule.js';
import { RUNTIME_ESCAPE_MARKERS } from './runtime-escape.rule.js';
import { isInternalName } from './ssrf.rule.js';
import { SMUGGLING_SCHEMES } from './url-host.js';
import { type UrlTarget, urlTarget } from './url-host.js';
import { XXE_MARKERS } from './xxe.rule.js';

const DOLLAR = charSet('$');
const TEMPLATE_OPENERS = charSet('{[<');
const AT_SIGN = charSet('@');
const URL_QUALIFIERS = charSet(':/?#\\');
const CR_LF = charSet('\r\n');
const QUOTES = charSet(`"'`);
const LOGIC_OR_STATEMENT = charSet(';|&');
const BRACE = charSet('{');
const BRACKET = charSet('[');
const PAREN = charSet('(');
const CLOSE_PAREN = charSet(')');
const CLOSE_BRACKET = charSet(']');
const COLON = charSet(':');
const DOUBLE_QUOTE = charSet('"');
const EQUALS = charSet('=');
const DOT = charSet('.');
const PIPE = charSet('|');
const CLOSERS = charSet(`)]}'"`);
const SEMICOLON = charSet(';');
const COMMENT_MARKS = charSet('/#');
/** `lineBreak` needs CR, LF or a non-ASCII look-alike. */
const LINE_BREAK = union(CR_LF, NON_ASCII);
/** `ssrfTarget` needs a qualifier or a dot, ASCII or not. */
const TARGET = union(URL_QUALIFIERS, DOT, NON_ASCII);

/**
 * `javaGadgetRule`'s needles: its gadgets, a `"@type"` key, a Jackson `["` type array, the class packages a line may
 * name, and the serialization magic (`rO0AB`, `aced0005`).
 */
const JAVA_NEEDLES = needleSet([...GADGETS, '"@type"', '["', 'java.', 'javax.', 'org.apache.commons.', 'com.sun.', 'org.omg.', 'ro0ab', 'aced0005']);
/** `nodeInjectionRule`: its markers, and `__proto__` or `constructor` for the prototype paths (a step may hold quotes). */
const NODE_NEEDLES = needleSet([...NODE_MARKERS, ENCODED_FUNCTION_MARKER, '__proto__', 'constructor']);
/** Every name `phpFunctionRule` accepts without an `@` before it is one of these; read only behind a `(` gate. */
export const PHP_NAMES = needleSet(new Set([...PHP_ONLY_FUNCTIONS, ...EXEC_FUNCTIONS, ...SHARED_NAMES]));
const PHP_TAGS = needleSet(['<?', ...PHP_BRACKET_TAGS]);
/** Read only by other-045's screen, behind an `=` gate. */
export const INI_NAMES = needleSet(PHP_INI_DIRECTIVES);
const WRAPPERS = needleSet([...PHP_WRAPPERS, DATA_SCHEME]);
const JNDI = needleSet(['jndi:', '${']);
const ACTIVE = needleSet(ACTIVE_LOOKUPS);
const LEAKING = needleSet(LEAKING_LOOKUPS);
const RUNTIME_ESCAPES = needleSet(RUNTIME_ESCAPE_MARKERS);
const CLASS_NAMES = needleSet(CLASS_NAME_PREFIXES);
const XXE = needleSet([...XXE_MARKERS, '<!doctype']);
const UNIX = needleSet(['unix:']);
const DATA_URL = needleSet(['data:']);
const HTTP_VERSION = needleSet(['http/']);

/** A screen for a rule that needs some needle of `set`. */
function needles(set: NeedleSet): Screen {
  return gated([needleChars(set)], (form) => mayContainAny(form, set));
}

/** What `findHeader` and the HTTP-message rule treat as a line break: CR, LF and the low-byte look-alikes 嘊 嘍. */
const lineBreak: Screen = (form) => hasAnyOf(form, CR_LF) || (hasNonAscii(form) && /[\u560a\u560d]/.test(form));

/**
 * `urlTarget` returns a host only for a whitespace-free value. The SSRF rules then need a scheme, or a qualified
 * target (a scheme, port or path: `:`, `/`, `?`, `#`, `\`; or an absolute name's trailing dot), or an unqualified
 * four-part IPv4 (three dots, ideographic full stops included). Their hosts are a bracketed IPv6, an IPv4 in any spelling, an internal DNS name (letters,
 * digits, dots and hyphens), or end in an internal domain (`x.localhost`): a dot and a DNS label.
 */
function readsSsrfTarget(form: string): boolean {
  if (!hasAnyOf(form, URL_QUALIFIERS) && !((hasAnyOf(form, DOT) || hasNonAscii(form)) && hasThreeDots(form)) && !endsWithDot(form)) {
    return false;
  }
  const target = urlTarget(form);
  const { host } = target ?? { host: '' };
  return target !== null && (target.scheme !== null || host.includes('[') || /^[a-z0-9.-]+$/.test(host) || /\.[a-z0-9-]+$/.test(host));
}

// Two screens (other-030, other-031) ask in turn about the same form.
let ssrfForm: string | null = null;
let ssrfAnswer = false;

const ssrfTarget: Screen = (form) => {
  if (form !== ssrfForm) {
    ssrfAnswer = readsSsrfTarget(form);
    ssrfForm = form;
  }
  return ssrfAnswer;
};

/** How `parseIpv4` and `isOverflowedNumber` hosts are spelled: digits, hex digits, `0x` and dots. */
const IPV4_SPELLING = /^[0-9a-fx.]+$/;

/**
 * `ssrfTargetRule` finds a smuggling scheme, a host behind a confusing `@`, or what `internalTarget` accepts: a
 * bracketed IPv6, an internal name, or an IPv4 or overflowed number that, without a scheme, has four parts or ten
 * characters or more.
 */
const internalTarget: Screen = (form) => {
  if (!ssrfTarget(form, 1)) {
    return false;
  }
  const { scheme, host } = urlTarget(form) as UrlTarget;
  return (
    hasAnyOf(form, AT_SIGN) ||
    (scheme !== null && SMUGGLING_SCHEMES.has(scheme)) ||
    host.startsWith('[') ||
    isInternalName(host) ||
    (IPV4_SPELLING.test(host) && (scheme !== null || host.length >= 10 || host.split('.').length === 4))
  );
};

/** `privateTargetRule`: a qualified target whose host is a bracketed IPv6 or an IPv4. */
const privateTarget: Screen = (form) => {
  if (!ssrfTarget(form, 1)) {
    return false;
  }
  const { qualified, host } = urlTarget(form) as UrlTarget;
  return qualified && (host.startsWith('[') || IPV4_SPELLING.test(host));
};

/** A trailing dot qualifies a name (`localhost.`): `urlTarget` drops it, and the host differs from the authority. */
function endsWithDot(form: string): boolean {
  return (hasAnyOf(form, DOT) || hasNonAscii(form)) && /[.\u3002\uff0e\uff61]\s*$/.test(form);
}

/** Whether `form` holds three full stops, ASCII or the ideographic ones `parseIpv4` also splits on. */
function hasThreeDots(form: string): boolean {
  let dots = 0;
  for (let i = 0; i < form.length && dots < 3; i++) {
    const code = form.charCodeAt(i);
    dots += code === 0x2e || code === 0x3002 || code === 0xff0e || code === 0xff61 ? 1 : 0;
  }
  return dots >= 3;
}

/** Every delimiter `templateInjectionRule` knows opens with `{`, `[`, `<` or `@(`. */
const template: Screen = (form) => hasAnyOf(form, TEMPLATE_OPENERS) || (hasAnyOf(form, AT_SIGN) && form.includes('@('));


/** `remoteIncludeRule`: an http(s)/ftp(s) URL whose end cuts the application's suffix off (`?`, NUL, `%00`). */
const remoteInclude: Screen = (form) => {
  if (!hasAnyOf(form, COLON)) {
    return false;
  }
  const value = form.trim();
  return value.endsWith('?') || value.endsWith('\u0000') || includesFolded(value.slice(-3), '%00');
};

/** Screens of OTHER_RULES by id: what each rule cannot match without. Rules not listed always run. */
export const OTHER_SCREENS: RuleScreens = {
  'other-001': gated([DOLLAR]),
  'other-002': gated([DOLLAR]),
  'other-010': gated([union(TEMPLATE_OPENERS, AT_SIGN)], template),
  'other-011': needles(RUNTIME_ESCAPES),
  'other-012': needles(JNDI),
  'other-020': gated([LINE_BREAK], lineBreak),
  'other-021': gated([LINE_BREAK], lineBreak),
  'other-022': gated([union(needleChars(HTTP_VERSION), LINE_BREAK)], (form) => mayContainAny(form, HTTP_VERSION) || lineBreak(form, 1)),
  'other-030': gated([TARGET], internalTarget),
  'other-031': gated([TARGET], privateTarget),
  // Below, a character each rule's scan starts from, or needles built from the lists the rules export, so a screen
  // follows its rule when the list grows.
  'other-003': gated([QUOTES, LOGIC_OR_STATEMENT]),
  'other-014': needles(ACTIVE),
  'other-015': needles(LEAKING),
  'other-013': gated([AT_SIGN, BRACE, BRACKET]),
  'other-032': gated([COLON], remoteInclude),
  'other-033': gated([COLON]),
  'other-040': needles(PHP_TAGS),
  // `@name(` takes any name.
  'other-041': gated([PAREN, union(AT_SIGN, needleChars(PHP_NAMES))], (form) => hasAnyOf(form, AT_SIGN) || mayContainAny(form, PHP_NAMES)),
  // A built name ends in a quote or closing bracket; a variable call names a `$` variable.
  'other-042': gated([PAREN, union(DOLLAR, CLOSERS)]),
  'other-043': gated([COLON, DOUBLE_QUOTE, BRACE]),
  'other-044': needles(WRAPPERS),
  'other-045': gated([EQUALS, needleChars(INI_NAMES)], (form) => mayContainAny(form, INI_NAMES)),
  'other-046': needles(DATA_URL),
  'other-047': gated([PAREN, DOLLAR]),
  'other-048': gated([DOLLAR, BRACE]),
  'other-049': gated([PAREN, SEMICOLON, COMMENT_MARKS]),
  'other-051': needles(CLASS_NAMES),
  'other-050': needles(JAVA_NEEDLES),
  'other-034': gated([PIPE, needleChars(UNIX)], (form) => mayContainAny(form, UNIX)),
  'other-060': needles(NODE_NEEDLES),
  'other-070': gated([CLOSE_PAREN]),
  'other-071': gated([PIPE, QUOTES, CLOSE_BRACKET], (form) => form.includes('//')),
  'other-080': needles(XXE),
};

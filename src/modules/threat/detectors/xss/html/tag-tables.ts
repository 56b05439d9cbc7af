/** Elements that run or load script, or rewrite how the page loads, whenever an attacker can open them. */
export const SCRIPT_CAPABLE_TAGS: ReadonlySet<string> = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'style',
  'isindex',
  'import',
  '?import',
  'vmlframe',
  'xml',
  'portal',
  'xmp',
  'plaintext',
  'noembed',
  'noscript',
  'listing',
  'handler',
  'include',
  // Netscape 4's layers load a document, scripts included, from `src`.
  'layer',
  'ilayer',
]);

/** Elements that are harmless alone but carry script with the right attributes or children (paranoia 2). */
export const RISKY_TAGS: ReadonlySet<string> = new Set([
  'svg',
  'math',
  'template',
  'meta',
  'form',
  'button',
  'input',
  'textarea',
  'select',
  'dialog',
  'marquee',
  'details',
  'video',
  'audio',
  'source',
  'img',
  'image',
  'body',
  'html',
  'animate',
  'set',
  'use',
  'foreignobject',
  'keygen',
  'bgsound',
  'layer',
  'ilayer',
  'blink',
]);

/** Attributes whose value the browser loads or navigates to as a URL. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'xlink:href',
  'background',
  'poster',
  'lowsrc',
  'dynsrc',
  'codebase',
  'code',
  'archive',
  'cite',
  'longdesc',
  'usemap',
  'profile',
  'classid',
  'icon',
  'manifest',
  'ping',
  'to',
  'from',
  'values',
  'by',
  'content',
  'xml:base',
  'implementation',
  'datasrc',
]);

/** Attributes where a `data:` URL of any type other than a plain image becomes an active document. */
export const ACTIVE_DATA_ATTRIBUTES: ReadonlySet<string> = new Set(['data', 'src', 'codebase', 'archive', 'xlink:href', 'href', 'action', 'formaction']);

/** Dangerous element names written with spaces between the letters, as some filters and old parsers collapse them. */
export const SPACED_TAG_NAMES: readonly string[] = ['script', 'iframe', 'form', 'object', 'embed', 'applet', 'dialog', 'frameset', 'svg', 'style', 'meta', 'base', 'link'];

/** The element's local name: the part after any namespace prefix, up to the first character a name cannot hold. */
export function localName(tagName: string): string {
  const colon = tagName.lastIndexOf(':');
  const afterPrefix = colon >= 0 && tagName.charAt(0) !== '?' ? tagName.slice(colon + 1) : tagName;
  let end = afterPrefix.charAt(0) === '?' ? 1 : 0;
  while (end < afterPrefix.length && /[a-z0-9-]/.test(afterPrefix.charAt(end))) {
    end++;
  }
  return afterPrefix.slice(0, end);
}

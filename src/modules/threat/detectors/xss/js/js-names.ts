/** Functions that announce or run attacker code; a call to one after breaking out of a string is an attack. */
export const PROBE_SINKS: ReadonlySet<string> = new Set(['alert', 'prompt', 'confirm']);
export const CODE_SINKS: ReadonlySet<string> = new Set(['eval', 'setTimeout', 'setInterval', 'setImmediate', 'execScript', 'Function', 'import']);
export const BREAK_SINKS: ReadonlySet<string> = new Set([...PROBE_SINKS, ...CODE_SINKS, 'fetch', 'write', 'writeln', 'msgbox', 'MsgBox', 'atob', 'sendBeacon', 'getScript', 'globalEval']);

/** Objects through which script reaches the page, the cookie or the global scope. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['window', 'self', 'top', 'parent', 'globalThis', 'frames', 'document', 'opener', 'content']);

/** Functions that turn encoded text back into code: their output fed to `eval` or a timer is obfuscated script. */
export const DECODERS: ReadonlySet<string> = new Set(['atob', 'unescape', 'decodeURI', 'decodeURIComponent', 'fromCharCode', 'fromCodePoint', 'escape', 'location', 'name', 'hash', 'String', 'reverse', 'join']);

/** Array methods that call a function they are handed: `[1].find(alert)`. */
export const CALLING_METHODS: ReadonlySet<string> = new Set(['find', 'findIndex', 'findLast', 'map', 'forEach', 'some', 'every', 'filter', 'reduce', 'sort', 'call', 'apply', 'then']);

/** Arguments an attacker passes to `alert` to prove execution: these, numbers, regexes and short markers. */
export const PROBE_ARGUMENT_ROOTS: ReadonlySet<string> = new Set([
  'document',
  'window',
  'location',
  'origin',
  'top',
  'self',
  'parent',
  'navigator',
  'localStorage',
  'sessionStorage',
  'String',
  'this',
  'cookie',
  'domain',
  'name',
  'frames',
  'opener',
]);

/** The page's stored state: what script appends to a URL to steal it, as it does `document.cookie`. */
export const STORAGE_OBJECTS: ReadonlySet<string> = new Set(['localStorage', 'sessionStorage']);

export const SENSITIVE_PROPERTIES: ReadonlySet<string> = new Set(['cookie', 'domain', 'location', 'write', 'writeln', 'innerHTML', 'outerHTML', 'localStorage', 'referrer']);

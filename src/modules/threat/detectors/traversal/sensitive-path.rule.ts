import type { Rule } from '../rule-kit.js';
import { canonicalPath } from './canonical-path.js';
import { SENSITIVE_ABSOLUTE, SENSITIVE_NAMES } from './sensitive-files.js';
import { isJsSpace } from '../js-space.js';

const READERS = new Set(['cat', 'type', 'more', 'less', 'head', 'tail', 'ls', 'dir', 'tac', 'nl', 'strings', 'include', 'require', 'open', 'get', 'file', 'path']);

/**
 * A sensitive file named as the thing to open: the value is the path, or the path follows a traversal step, an
 * `=`, a quote, a redirection, `file:` or a reading command. The same path inside prose is `traversal-021`.
 */
export const sensitivePathRule: Rule = {
  id: 'traversal-002',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const path = canonicalPath(form).toLowerCase();
    return firstSensitive(path, (start, at) => isOpened(path, start, at));
  },
};

export const sensitiveMentionRule: Rule = {
  id: 'traversal-021',
  kind: 'traversal',
  severity: 'error',
  paranoia: 2,
  find(form) {
    return firstSensitive(canonicalPath(form).toLowerCase(), () => true);
  },
};

const TARGETS = [...SENSITIVE_ABSOLUTE, ...SENSITIVE_NAMES];
/** The same, in the same order, less those no path without a `/` can hold: most values have none to look for. */
const TARGETS_WITHOUT_SLASH = TARGETS.filter((target) => !target.includes('/'));

function firstSensitive(path: string, accept: (tokenStart: number, at: number) => boolean): string | null {
  const starts = new TokenStarts(path);
  for (const target of path.includes('/') ? TARGETS : TARGETS_WITHOUT_SLASH) {
    for (let at = path.indexOf(target); at >= 0; at = path.indexOf(target, at + 1)) {
      if (target.startsWith('/') || target.startsWith('c:') ? !boundaryBefore(path, at) : !nameBoundary(path, at, target)) {
        continue;
      }
      if (accept(starts.at(at), at)) {
        return path.slice(at, at + 48);
      }
    }
  }
  return null;
}

/** An absolute path starts a token (`/etc/passwd`, `x=/etc/passwd`), it is not the tail of `/home/etc/passwd`. */
function boundaryBefore(path: string, at: number): boolean {
  const c = path.charAt(at - 1);
  return at === 0 || !/[a-z0-9_-]/.test(c) || path.slice(Math.max(0, at - 3), at).endsWith('..');
}

function nameBoundary(path: string, at: number, name: string): boolean {
  const before = path.charAt(at - 1);
  const after = path.charAt(at + name.length);
  const startOk = at === 0 || /[/\s'"=:~]/.test(before);
  const end = at + name.length;
  const endOk = name.endsWith('/') || after === '' || /[/\s'"?#&;,)]/.test(after) || onlyDotsFollow(path, end) || backupExtensionFollows(path, end, name);
  return startOk && endOk;
}

/**
 * `httpd.conf.php`, `httpd.conf.default`: a copy of a sensitive file under one more extension (a backup, a sample, a
 * PHP wrapper) holds the same secrets. Only these extensions: `web.config.md` is a page about the file.
 */
function backupExtensionFollows(path: string, at: number, name: string): boolean {
  if (path.charAt(at) !== '.' || !name.includes('.', 1)) {
    return false;
  }
  let end = at + 1;
  while (end < path.length && end - at <= 8 && /[a-z0-9]/.test(path.charAt(end))) {
    end++;
  }
  return BACKUP_EXTENSIONS.has(path.slice(at + 1, end)) && (end === path.length || /[/\s'"?#&;,)]/.test(path.charAt(end)));
}

const BACKUP_EXTENSIONS: ReadonlySet<string> = new Set(['php', 'default', 'bak', 'old', 'orig', 'save', 'sample', 'dist', 'ini', 'inc', 'swp', 'backup', 'tmp']);

/** `boot.ini....`: Windows drops the dots that end a file name, so padding with them names the same file. */
function onlyDotsFollow(path: string, at: number): boolean {
  let end = at;
  while (path.charAt(end) === '.') {
    end++;
  }
  return end > at && (end === path.length || /[\s'"?#&;,)]/.test(path.charAt(end)));
}

/** Where the space-free token holding a position starts. */
class TokenStarts {
  /** Built only for a token longer than the walk below, so that every lookup stays O(1) after one pass. */
  private table: Int32Array | undefined;

  constructor(private readonly path: string) {}

  at(position: number): number {
    let i = position;
    while (i > 0 && position - i < 256 && !isJsSpace(this.path.charCodeAt(i - 1))) {
      i--;
    }
    if (i === 0 || position - i < 256) {
      return i;
    }
    // `/AAAA…(1,000 characters)/../etc/passwd`: a path padded past a length limit to truncate what follows it is still
    // one token opening the value.
    this.table ??= tokenStartTable(this.path);
    return this.table[position] ?? i;
  }
}

function tokenStartTable(path: string): Int32Array {
  const table = new Int32Array(path.length);
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    table[i] = start;
    if (isJsSpace(path.charCodeAt(i))) {
      start = i + 1;
    }
  }
  return table;
}

/** What opens a path: the token before it ends in one, or one sits right before it in its own token (`x("/etc/passwd")`). */
const OPENERS = /[=:'"<>(|;&]$/;

function isOpened(path: string, start: number, at: number): boolean {
  if (at > start && OPENERS.test(path.charAt(at - 1))) {
    return true;
  }
  const before = path.slice(Math.max(0, start - 64), start).trimEnd();
  if (before === '' && (start <= 64 || path.slice(0, start).trim() === '')) {
    return true;
  }
  if (OPENERS.test(before)) {
    return true;
  }
  return READERS.has(lastWord(before));
}

/** The letters ending `text` when something other than a letter, digit or path character precedes them. */
function lastWord(text: string): string {
  let i = text.length;
  while (i > 0 && isLetter(text.charCodeAt(i - 1))) {
    i--;
  }
  // `<cat /etc/passwd`, `\rcat /etc/passwd`: the word after a redirection or a line break still reads the file;
  // `x.cat` and `my_cat` are not that command.
  return i > 0 && /[a-z0-9_./\\-]/.test(text.charAt(i - 1)) ? '' : text.slice(i);
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

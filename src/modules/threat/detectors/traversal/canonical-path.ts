/**
 * Decodes what path traversal hides behind, whatever the normaliser already did: percent-encoding applied up to
 * three times (`%252e`), overlong UTF-8 (`%c0%ae`, `%e0%80%ae`, `%c0%af`), 16-bit `%u002e`, fullwidth dots,
 * `0x2e` spellings, and NUL bytes. Slashes are unified to `/`. Linear: each pass is one scan.
 */
export function canonicalPath(form: string): string {
  // Every traversal rule canonicalises the same form in turn: decode it once.
  if (form !== lastForm) {
    lastPath = decodePath(form);
    lastForm = form;
  }
  return lastPath;
}

let lastForm = '';
let lastPath = '';

function decodePath(form: string): string {
  let text = form;
  for (let round = 0; round < 3 && text.includes('%25'); round++) {
    text = replaceAllInsensitive(text, '%25', '%');
  }
  // Plain runs are copied in one slice; only the characters that can start a rewrite are looked at closely.
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    const hit = decodeAt(text, i);
    if (hit === null && c !== '\\' && c !== '\u0000') {
      i++;
      continue;
    }
    out += text.slice(last, i) + (hit?.char ?? (c === '\\' ? '/' : ''));
    i += hit?.length ?? 1;
    last = i;
  }
  return last === 0 ? text : out + text.slice(last);
}

const SEQUENCES: readonly [string, string][] = [
  ['%e0%80%ae', '.'],
  ['%e0%80%af', '/'],
  ['%c0%ae', '.'],
  ['%c0%2e', '.'],
  ['%c0%af', '/'],
  ['%c0%2f', '/'],
  ['%c1%9c', '/'],
  ['%c1%1c', '/'],
  ['%c0%5c', '/'],
  ['%u002e', '.'],
  ['%u002f', '/'],
  ['%u005c', '/'],
  ['%u2215', '/'],
  ['%u2216', '/'],
  // Private-use code points IIS's best-fit mapping turned into `/` and `\` (dotdotpwn's `..%uEFC8`).
  ['%uefc8', '/'],
  ['%uf025', '/'],
  ['%uff0e', '.'],
  ['%2e', '.'],
  ['%2f', '/'],
  ['%5c', '/'],
  ['%00', ''],
  ['0x2e', '.'],
  ['0x2f', '/'],
  ['0x5c', '/'],
  ['\uff0e', '.'],
  ['\uff0f', '/'],
  ['\uff3c', '/'],
  ['\uefc8', '/'],
  ['\uf025', '/'],
];

function decodeAt(text: string, at: number): { char: string; length: number } | null {
  const c = text.charAt(at);
  const hexPrefix = c === '0' && (text.charAt(at + 1) === 'x' || text.charAt(at + 1) === 'X');
  if (c !== '%' && !hexPrefix && c !== '\uff0e' && c !== '\uff0f' && c !== '\uff3c' && c !== '\uefc8' && c !== '\uf025') {
    return null;
  }
  const window = text.slice(at, at + 9).toLowerCase();
  for (const [sequence, char] of SEQUENCES) {
    if (window.startsWith(sequence)) {
      return { char, length: sequence.length };
    }
  }
  return null;
}

function replaceAllInsensitive(text: string, needle: string, replacement: string): string {
  return text.split(needle).join(replacement).split(needle.toLowerCase()).join(replacement);
}

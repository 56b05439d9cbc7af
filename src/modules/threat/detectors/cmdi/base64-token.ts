const UPPER = 1;
const LOWER = 2;
const OTHER = 3;
/** Per ASCII code: UPPER, LOWER, OTHER for digits, `+`, `/` and space; 0 outside the base64 alphabet. */
const KIND = Uint8Array.from({ length: 0x80 }, (_, code) => {
  if (code >= 0x41 && code <= 0x5a) {
    return UPPER;
  }
  if (code >= 0x61 && code <= 0x7a) {
    return LOWER;
  }
  return (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2f || code === 0x20 ? OTHER : 0;
});

/**
 * `w+iuIpvE8K9FC5DInHHaX371E/MEc…`, `nc/aTfvwZlO/3zIme9n…`: a base64 token (a key, a hash, a nonce) that happens to open
 * with a command's name. At least 10 characters of the base64 alphabet (a space stands for a `+` that form decoding
 * turned into one), `=` padding only at the end, and at least four places where a letter follows a letter of the
 * other case, as random text has every few characters and command lines (`net user Admin Pass1 /add`) do not.
 */
export function isBase64Token(form: string): boolean {
  const body = form.replace(/={1,2}$/, '');
  if (body.length < 10) {
    return false;
  }
  let caseFlips = 0;
  let previous = OTHER;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const kind = code < 0x80 ? (KIND[code] ?? 0) : 0;
    if (kind === 0) {
      return false;
    }
    caseFlips += kind !== OTHER && previous !== OTHER && kind !== previous ? 1 : 0;
    previous = kind;
  }
  return caseFlips >= 4;
}

/** Shorter tokens are too often plain words or ids that happen to use only base64 letters. */
const MIN_LENGTH = 12;
const MIN_TEXT = 6;

/** Per ASCII code: the base64 digit's value, standard (`+`, `/`) or URL-safe (`-`, `_`); -1 outside the alphabet. */
const DIGIT_VALUE = Int8Array.from({ length: 0x80 }, (_, code) => {
  if (code >= 0x41 && code <= 0x5a) {
    return code - 0x41;
  }
  if (code >= 0x61 && code <= 0x7a) {
    return code - 0x61 + 26;
  }
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30 + 52;
  }
  return code === 0x2b || code === 0x2d ? 62 : code === 0x2f || code === 0x5f ? 63 : -1;
});

const digitAt = (value: string, at: number): number => {
  const code = value.charCodeAt(at);
  return code < 0x80 ? (DIGIT_VALUE[code] ?? -1) : -1;
};

const isTextByte = (byte: number): boolean => (byte >= 0x20 && byte <= 0x7e) || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * Whether the first four digits decode to three bytes of text. Ids, hashes and words that only use base64's letters
 * decode to binary, and nearly always already in their first three bytes: this turns them away before the full pass.
 */
function opensWithText(value: string): boolean {
  const a = digitAt(value, 0);
  const b = digitAt(value, 1);
  const c = digitAt(value, 2);
  const d = digitAt(value, 3);
  return a >= 0 && b >= 0 && c >= 0 && d >= 0 && isTextByte((a << 2) | (b >> 4)) && isTextByte(((b & 15) << 4) | (c >> 2)) && isTextByte(((c & 3) << 6) | d);
}

/**
 * The text a whole value encodes in base64 (`JyB1bmlvbiBzZWxlY3QgMSwy…`, `L2V0Yy9wYXNzd2Q=`), for applications that
 * decode a parameter before using it; WAF test suites (GoTestWAF's and nemesida's Base64 encoders) send payloads so.
 * Null unless the value is one base64 token (at most two `=` at the end, a length base64 can have) decoding to at
 * least six bytes of printable ASCII, tab or newline: random tokens, keys and hashes decode to binary. Linear, and
 * most values are turned away by their first characters.
 */
export function decodeBase64Text(value: string): string | null {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 0x3d && value.length - end < 2) {
    end--;
  }
  if (end < MIN_LENGTH || (end < value.length && value.length % 4 !== 0) || end % 4 === 1 || !opensWithText(value)) {
    return null;
  }
  for (let i = 4; i < end; i++) {
    if (digitAt(value, i) < 0) {
      return null;
    }
  }
  const bytes = Buffer.from(value.slice(0, end), 'base64');
  if (bytes.length < MIN_TEXT) {
    return null;
  }
  for (const byte of bytes) {
    if (!isTextByte(byte)) {
      return null;
    }
  }
  return bytes.toString('latin1');
}

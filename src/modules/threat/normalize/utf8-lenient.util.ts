const CONTINUATION_MASK = 0xc0;
const CONTINUATION = 0x80;

function isContinuation(byte: number | undefined): byte is number {
  return byte !== undefined && (byte & CONTINUATION_MASK) === CONTINUATION;
}

/** Length of the sequence a lead byte starts (1 for a stray or invalid byte), and the lead's payload bits. */
function lead(byte: number): [number, number] {
  if (byte < 0x80) {
    return [1, byte];
  }
  if ((byte & 0xe0) === 0xc0) {
    return [2, byte & 0x1f];
  }
  if ((byte & 0xf0) === 0xe0) {
    return [3, byte & 0x0f];
  }
  if ((byte & 0xf8) === 0xf0) {
    return [4, byte & 0x07];
  }
  return [1, -1];
}

/**
 * UTF-8 decoding that accepts overlong forms (`c0 ae` is `.`) and turns every byte that fits no sequence into the
 * Latin-1 character of the same value, so no input is lost or rejected.
 */
export function decodeUtf8Lenient(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    const [length, bits] = lead(byte);
    let codePoint = bits;
    let valid = bits >= 0;
    for (let k = 1; valid && k < length; k++) {
      const next = bytes[i + k];
      valid = isContinuation(next);
      codePoint = valid ? (codePoint << 6) | ((next as number) & 0x3f) : codePoint;
    }
    if (valid && length > 1 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff)) {
      out += String.fromCodePoint(codePoint);
      i += length;
    } else {
      // ASCII, or a byte that starts no valid sequence: its Latin-1 character.
      out += String.fromCharCode(byte);
      i += 1;
    }
  }
  return out;
}

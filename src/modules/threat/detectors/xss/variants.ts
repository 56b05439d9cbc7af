/**
 * Decodings only the XSS detector needs: UTF-7 (`+ADw-script+AD4-`, read by old browsers when a page declares it)
 * and 7-bit stripping (`¼script¾` becomes `<script>` where a server drops the high bit of US-ASCII bytes).
 */
export function xssVariants(form: string): string[] {
  const variants: string[] = [];
  if (form.includes('+AD') || form.includes('+ACI') || form.includes('+ACc')) {
    variants.push(decodeUtf7(form));
  }
  if (hasLatin1High(form)) {
    variants.push(stripHighBit(form));
  }
  return variants;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BITS_PER_CHAR = 6;
const UNIT_BITS = 16;
const UNIT_MASK = 0xffff;

function decodeUtf7(input: string): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input.charAt(i);
    if (c !== '+') {
      out += c;
      i++;
      continue;
    }
    let j = i + 1;
    let bits = 0;
    let buffer = 0;
    while (j < input.length && BASE64.includes(input.charAt(j))) {
      buffer = ((buffer << BITS_PER_CHAR) | BASE64.indexOf(input.charAt(j))) & 0xffffff;
      bits += BITS_PER_CHAR;
      if (bits >= UNIT_BITS) {
        bits -= UNIT_BITS;
        out += String.fromCharCode((buffer >> bits) & UNIT_MASK);
      }
      j++;
    }
    if (j === i + 1) {
      out += '+';
    }
    i = input.charAt(j) === '-' ? j + 1 : j;
  }
  return out;
}

const hasLatin1High = (input: string): boolean => {
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0xbc || code === 0xbe) {
      return true;
    }
  }
  return false;
};

const isUtf8Lead = (code: number): boolean => code >= 0xc2 && code <= 0xdf;
const isUtf8Continuation = (code: number): boolean => code >= 0x80 && code <= 0xbf;

/** Drops the top bit of Latin-1 characters; a UTF-8 lead byte read as Latin-1 (`Â¼`) is dropped with it. */
function stripHighBit(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isUtf8Lead(code) && isUtf8Continuation(input.charCodeAt(i + 1))) {
      continue;
    }
    out += code >= 0x80 && code <= 0xff ? String.fromCharCode(code & 0x7f) : input.charAt(i);
  }
  return out;
}

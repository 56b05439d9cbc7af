export type Base64Alphabet = 'base64' | 'base64url';

const CANONICAL: Record<Base64Alphabet, RegExp> = {
  base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  base64url: /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/,
};

/** RFC 4648 text of `bytes` in `alphabet`, always padded (as Python's encoder writes Fernet keys and tokens). */
export function encodeBase64(bytes: Uint8Array, alphabet: Base64Alphabet): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(alphabet);
  return text.padEnd(Math.ceil(text.length / 4) * 4, '=');
}

/**
 * The bytes of padded, canonical RFC 4648 text, or `undefined` for anything else. Node's own decoder silently
 * skips characters outside the alphabet and ignores stray trailing bits, so the pattern rejects foreign characters
 * and missing padding, and the round trip rejects non-zero trailing bits (two texts for the same bytes).
 */
export function decodeBase64Strict(text: string, alphabet: Base64Alphabet): Buffer | undefined {
  if (!CANONICAL[alphabet].test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, alphabet);
  return encodeBase64(bytes, alphabet) === text ? bytes : undefined;
}

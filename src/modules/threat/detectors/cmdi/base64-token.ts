const BASE64_OR_SPACE = /^[A-Za-z0-9+/ ]$/;

const isUpper = (c: string): boolean => c >= 'A' && c <= 'Z';
const isLower = (c: string): boolean => c >= 'a' && c <= 'z';

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
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (!BASE64_OR_SPACE.test(c)) {
      return false;
    }
    const previous = body.charAt(i - 1);
    caseFlips += (isUpper(c) && isLower(previous)) || (isLower(c) && isUpper(previous)) ? 1 : 0;
  }
  return caseFlips >= 4;
}

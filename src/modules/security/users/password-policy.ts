import { COMMON_PASSWORDS_LIST } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 1024;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  COMMON_PASSWORDS_LIST.split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.toLowerCase()),
);

/**
 * Why `password` may not be used, or null when it may (NIST SP 800-63B: length and a blocklist, no composition
 * rules). Lengths count Unicode code points, so an 8-emoji password is 8 characters, not 32 bytes; the password is
 * taken exactly as given: no trimming, no normalisation, no truncation.
 */
export function passwordPolicyViolation(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return 'The password is one of the most commonly used passwords; choose another.';
  }
  return null;
}

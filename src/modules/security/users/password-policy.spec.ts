import { PASSWORD_MAX_LENGTH, passwordPolicyViolation } from './password-policy.js';

describe('passwordPolicyViolation', () => {
  it('accepts a long uncommon password', () => {
    expect(passwordPolicyViolation('correct horse battery staple')).toBeNull();
  });

  it('refuses fewer than 8 characters', () => {
    expect(passwordPolicyViolation('Xk7#qLm')).toMatch(/at least 8/);
  });

  it('counts code points, not bytes or UTF-16 units', () => {
    // 7 emoji are 28 bytes and 14 UTF-16 units, but 7 characters.
    expect(passwordPolicyViolation('🔒🔑🛡🔐🗝🔓🧱')).toMatch(/at least 8/);
    expect(passwordPolicyViolation('🔒🔑🛡🔐🗝🔓🧱🚪')).toBeNull();
  });

  it('refuses more than 1024 characters and accepts exactly 1024', () => {
    expect(passwordPolicyViolation('a'.repeat(PASSWORD_MAX_LENGTH - 1) + 'b')).toBeNull();
    expect(passwordPolicyViolation('a'.repeat(PASSWORD_MAX_LENGTH) + 'b')).toMatch(/at most 1024/);
  });

  it.each(['password', 'password1', '12345678', 'iloveyou', 'PassWord1', 'QWERTYUIOP'])('refuses the common password %s, in any case', (password) => {
    expect(passwordPolicyViolation(password)).toMatch(/commonly used/);
  });

  it('does not trim: surrounding spaces make a different, uncommon password', () => {
    expect(passwordPolicyViolation(' password1 ')).toBeNull();
  });
});

import { jest } from '@jest/globals';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';

import { ARGON2_PARAMS, PasswordHasher } from './password-hasher.js';

const PASSWORD = 'correct horse battery staple';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  describe('hash', () => {
    it('produces argon2id at the OWASP parameters, salted', async () => {
      const first = await hasher.hash(PASSWORD);
      expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$|^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(await hasher.hash(PASSWORD)).not.toBe(first);
    });
  });

  describe('verify', () => {
    it('matches the right password without asking for a rehash', async () => {
      await expect(hasher.verify(await hasher.hash(PASSWORD), PASSWORD)).resolves.toEqual({ matches: true, needsRehash: false });
    });

    it('refuses a wrong password', async () => {
      await expect(hasher.verify(await hasher.hash(PASSWORD), `${PASSWORD}!`)).resolves.toEqual({ matches: false });
    });

    it('does not trim: the password with a trailing space is a different one', async () => {
      await expect(hasher.verify(await hasher.hash(PASSWORD), `${PASSWORD} `)).resolves.toEqual({ matches: false });
    });

    it('reads the parameters from the stored hash and asks for a rehash when they are weaker than today', async () => {
      const old = await argon2.hash(PASSWORD, { ...ARGON2_PARAMS, memoryCost: 4_096, timeCost: 1 });
      await expect(hasher.verify(old, PASSWORD)).resolves.toEqual({ matches: true, needsRehash: true });
      await expect(hasher.verify(old, 'wrong password')).resolves.toEqual({ matches: false });
    });

    it('asks for a rehash of an argon2i hash at the right parameters (the variant changed)', async () => {
      const argon2i = await argon2.hash(PASSWORD, { ...ARGON2_PARAMS, type: argon2.argon2i });
      await expect(hasher.verify(argon2i, PASSWORD)).resolves.toEqual({ matches: true, needsRehash: true });
    });

    it.each(['$2a$', '$2b$', '$2y$'])('accepts a migrated bcrypt %s hash and asks for an upgrade', async (prefix) => {
      const stored = bcrypt.hashSync(PASSWORD, 4).replace(/^\$2[aby]\$/, prefix);
      await expect(hasher.verify(stored, PASSWORD)).resolves.toEqual({ matches: true, needsRehash: true });
      await expect(hasher.verify(stored, 'wrong password')).resolves.toEqual({ matches: false });
    });

    it('refuses a password over 72 bytes against bcrypt instead of truncating it', async () => {
      const long = 'a'.repeat(72);
      const stored = bcrypt.hashSync(long, 4);
      await expect(hasher.verify(stored, long)).resolves.toEqual({ matches: true, needsRehash: true });
      // bcrypt alone would accept this (it only sees the first 72 bytes).
      expect(bcrypt.compareSync(`${long}tail`, stored)).toBe(true);
      await expect(hasher.verify(stored, `${long}tail`)).resolves.toEqual({ matches: false });
      // 36 two-byte characters are 72 bytes; one more is over the limit even though it is only 37 characters.
      await expect(hasher.verify(bcrypt.hashSync('é'.repeat(36), 4), `${'é'.repeat(36)}é`)).resolves.toEqual({ matches: false });
    });

    it('refuses a stored value in an unknown format', async () => {
      await expect(hasher.verify('plaintext-password', 'plaintext-password')).resolves.toEqual({ matches: false });
      await expect(hasher.verify('$argon2id$garbage', PASSWORD)).resolves.toEqual({ matches: false });
    });
  });

  describe('verifyDummy', () => {
    it('runs an argon2 verification and resolves without matching anything', async () => {
      const spy = jest.spyOn(argon2, 'verify');
      await expect(hasher.verifyDummy(PASSWORD)).resolves.toBeUndefined();
      expect(spy).toHaveBeenCalledWith(expect.stringMatching(/^\$argon2id\$/), PASSWORD);
      spy.mockRestore();
    });
  });
});

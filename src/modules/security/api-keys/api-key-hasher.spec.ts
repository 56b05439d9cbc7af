import { testConfig } from '@app/testing';

import { generateApiKey } from './api-key-format.js';
import { ApiKeyHasher } from './api-key-hasher.js';

describe('ApiKeyHasher', () => {
  const hasher = new ApiKeyHasher(testConfig());

  it('accepts the secret a hash was made from and refuses another of the same length', () => {
    const { secret } = generateApiKey();
    const stored = hasher.hash(secret);

    expect(hasher.matches(secret, stored)).toBe(true);
    expect(hasher.matches(generateApiKey().secret, stored)).toBe(false);
  });

  it('still refuses other secrets once a matching one is remembered for a stored hash', () => {
    const { secret } = generateApiKey();
    const stored = hasher.hash(secret);
    const other = generateApiKey().secret;

    expect(hasher.matches(secret, stored)).toBe(true);
    expect(hasher.matches(secret, stored)).toBe(true);
    expect(hasher.matches(other, stored)).toBe(false);
    expect(hasher.matches(secret.slice(0, -1), stored)).toBe(false);
    expect(hasher.matches(secret, stored)).toBe(true);
  });

  it('does not carry a remembered secret over to another stored hash', () => {
    const first = generateApiKey().secret;
    const second = generateApiKey().secret;
    const firstStored = hasher.hash(first);
    const secondStored = hasher.hash(second);

    expect(hasher.matches(first, firstStored)).toBe(true);
    expect(hasher.matches(first, secondStored)).toBe(false);
    expect(hasher.matches(second, secondStored)).toBe(true);
  });

  it('uses the pepper: another pepper never matches the same secret', () => {
    const { secret } = generateApiKey();
    const otherPepper = new ApiKeyHasher(testConfig({ API_KEY_PEPPER: Buffer.alloc(32, 7).toString('base64url') }));

    expect(otherPepper.matches(secret, hasher.hash(secret))).toBe(false);
  });
});

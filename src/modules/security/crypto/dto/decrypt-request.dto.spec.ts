import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { MAX_TOKEN_LENGTH, MAX_TTL_SECONDS } from '../crypto.constants.js';
import { DecryptRequestDto } from './decrypt-request.dto.js';

function failures(body: object): string[] {
  return validateSync(plainToInstance(DecryptRequestDto, body), { whitelist: true, forbidNonWhitelisted: true }).map(
    (error) => error.property,
  );
}

describe(DecryptRequestDto.name, () => {
  it('accepts a token with or without a TTL', () => {
    expect(failures({ token: 'gAAAA' })).toEqual([]);
    expect(failures({ token: 'gAAAA', ttlSeconds: 60 })).toEqual([]);
    expect(failures({ token: 'gAAAA', ttlSeconds: null })).toEqual([]);
  });

  it('limits the token to the longest one encrypt can produce', () => {
    expect(failures({ token: 'A'.repeat(MAX_TOKEN_LENGTH) })).toEqual([]);
    expect(failures({ token: 'A'.repeat(MAX_TOKEN_LENGTH + 1) })).toEqual(['token']);
  });

  it.each([0, -5, 1.5, MAX_TTL_SECONDS + 1, '60'])('refuses ttlSeconds %p', (ttlSeconds) => {
    expect(failures({ token: 'gAAAA', ttlSeconds })).toEqual(['ttlSeconds']);
  });

  it('refuses a missing token and unknown fields', () => {
    expect(failures({})).toEqual(['token']);
    expect(failures({ token: 'x', key: 'y' })).toEqual(['key']);
  });
});

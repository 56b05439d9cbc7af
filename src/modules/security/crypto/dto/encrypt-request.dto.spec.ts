import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { MAX_PLAINTEXT_BYTES } from '../crypto.constants.js';
import { EncryptRequestDto } from './encrypt-request.dto.js';

function failures(body: object): string[] {
  return validateSync(plainToInstance(EncryptRequestDto, body), { whitelist: true, forbidNonWhitelisted: true }).map(
    (error) => error.property,
  );
}

describe(EncryptRequestDto.name, () => {
  it('accepts text, bytes in base64, and the empty plaintext', () => {
    expect(failures({ plaintext: 'secret' })).toEqual([]);
    expect(failures({ plaintext: 'AP8=', encoding: 'base64' })).toEqual([]);
    expect(failures({ plaintext: '' })).toEqual([]);
  });

  it('limits the plaintext by its bytes, not its characters', () => {
    expect(failures({ plaintext: 'a'.repeat(MAX_PLAINTEXT_BYTES) })).toEqual([]);
    expect(failures({ plaintext: 'a'.repeat(MAX_PLAINTEXT_BYTES + 1) })).toEqual(['plaintext']);
    expect(failures({ plaintext: 'é'.repeat(MAX_PLAINTEXT_BYTES / 2 + 1) })).toEqual(['plaintext']);
    const largestBase64 = Buffer.alloc(MAX_PLAINTEXT_BYTES).toString('base64');
    expect(failures({ plaintext: largestBase64, encoding: 'base64' })).toEqual([]);
    expect(failures({ plaintext: Buffer.alloc(MAX_PLAINTEXT_BYTES + 1).toString('base64'), encoding: 'base64' })).toEqual(['plaintext']);
  });

  it('refuses plaintext that is not valid in its encoding', () => {
    expect(failures({ plaintext: 'not base64!', encoding: 'base64' })).toEqual(['plaintext']);
    expect(failures({ plaintext: 'x\uDC00' })).toEqual(['plaintext']);
  });

  it('refuses a missing or non-string plaintext and unknown encodings', () => {
    expect(failures({})).toEqual(['plaintext']);
    expect(failures({ plaintext: 42 })).toEqual(['plaintext']);
    expect(failures({ plaintext: 'x', encoding: 'hex' })).toEqual(['encoding']);
  });
});

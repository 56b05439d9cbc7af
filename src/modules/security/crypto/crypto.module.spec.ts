import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { Test } from '@nestjs/testing';

import { SystemCryptoClock } from './crypto-clock.js';
import { CryptoModule } from './crypto.module.js';
import { CryptoService } from './crypto.service.js';
import { generateFernetKey } from './fernet-key.js';
import { FernetKeyring } from './fernet-keyring.js';

async function compile(encryptionKeys: string): Promise<CryptoService> {
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule, CryptoModule] })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ ENCRYPTION_KEYS: encryptionKeys }))
    .compile();
  return moduleRef.get(CryptoService);
}

describe(CryptoModule.name, () => {
  it('builds the keyring from ENCRYPTION_KEYS: the first key encrypts, every key decrypts', async () => {
    const [primary, retired] = [generateFernetKey(), generateFernetKey()];
    const service = await compile(`${primary},${retired}`);
    const clock = new SystemCryptoClock();
    expect(new FernetKeyring([primary], clock).decrypt(service.encrypt('s')).toString()).toBe('s');
    expect(service.decryptText(new FernetKeyring([retired], clock).encrypt(Buffer.from('old')))).toBe('old');
  });

  it('refuses to start with a key the strict decoder rejects, naming its position', async () => {
    // Passes the env schema's pattern, but its last character carries non-zero trailing bits.
    await expect(compile(`${generateFernetKey()},cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e5=`)).rejects.toThrow(/Fernet key #2/);
  });
});

import { Reflector } from '@nestjs/core';

import { REQUIRED_SCOPES_KEY } from '../auth/auth.decorators.js';
import { Scope } from '../security.constants.js';
import { SystemCryptoClock } from './crypto-clock.js';
import { CryptoController } from './crypto.controller.js';
import { CryptoService } from './crypto.service.js';
import { generateFernetKey } from './fernet-key.js';
import { FernetKeyring } from './fernet-keyring.js';

describe(CryptoController.name, () => {
  const service = new CryptoService(new FernetKeyring([generateFernetKey()], new SystemCryptoClock()));
  const controller = new CryptoController(service);

  it('requires the crypto:use scope on every route', () => {
    const reflector = new Reflector();
    for (const handler of [controller.encrypt, controller.decrypt]) {
      expect(reflector.getAllAndOverride(REQUIRED_SCOPES_KEY, [handler, CryptoController])).toEqual([Scope.CRYPTO_USE]);
    }
  });

  describe('POST /v1/crypto/encrypt', () => {
    it('encrypts the UTF-8 bytes of text by default', () => {
      const { token } = controller.encrypt({ plaintext: 'héllo' });
      expect(service.decrypt(token)).toEqual(Buffer.from('héllo', 'utf8'));
    });

    it('encrypts the decoded bytes of base64 plaintext', () => {
      const { token } = controller.encrypt({ plaintext: 'AP+A', encoding: 'base64' });
      expect(service.decrypt(token)).toEqual(Buffer.from([0x00, 0xff, 0x80]));
    });
  });

  describe('POST /v1/crypto/decrypt', () => {
    it('answers text plaintext as utf8 and binary plaintext as base64', () => {
      expect(controller.decrypt({ token: service.encrypt('héllo') })).toEqual({ plaintext: 'héllo', encoding: 'utf8' });
      expect(controller.decrypt({ token: service.encrypt(Buffer.from([0x00, 0xff, 0x80])) })).toEqual({ plaintext: 'AP+A', encoding: 'base64' });
    });
  });
});

import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';

import { CryptoClock, SystemCryptoClock } from './crypto-clock.js';
import { CryptoController } from './crypto.controller.js';
import { CryptoService } from './crypto.service.js';
import { FernetKeyring } from './fernet-keyring.js';

/** Fernet encryption with key rotation: `CryptoService` for other modules, `/v1/crypto/*` for internal services. */
@Module({
  controllers: [CryptoController],
  exports: [CryptoService],
  providers: [
    CryptoService,
    { provide: CryptoClock, useClass: SystemCryptoClock },
    {
      provide: FernetKeyring,
      inject: [AppConfig, CryptoClock],
      useFactory: (config: AppConfig, clock: CryptoClock): FernetKeyring => new FernetKeyring(config.crypto.encryptionKeys, clock),
    },
  ],
})
export class CryptoModule {}

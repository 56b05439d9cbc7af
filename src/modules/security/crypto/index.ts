export { CryptoModule } from './crypto.module.js';
export { CryptoService } from './crypto.service.js';
export type { DecryptOptions } from './fernet-keyring.js';
export { generateFernetKey } from './fernet-key.js';

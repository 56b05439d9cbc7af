export { AccessTokenService, type UserPrincipal } from './access-token.service.js';
export { AuthSessionService, type TokenPair } from './auth-session.service.js';
export { AuthTokensModule } from './auth-tokens.module.js';

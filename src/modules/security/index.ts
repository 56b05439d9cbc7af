export { AuditService } from './audit/audit.service.js';
export { CurrentPrincipal, RequireScopes, Roles } from './auth/auth.decorators.js';
export { hasScopes, principalKey, principalOf, type Principal } from './auth/principal.js';
export { CryptoModule, CryptoService, generateFernetKey, type DecryptOptions } from './crypto/index.js';
export { ALL_SCOPES, Role, Scope, Tier } from './security.constants.js';
export { SecurityEvents, type AuditOutcome, type AuditRecordEvent, type IpBlocksChangedEvent, type LoginFailedEvent, type ThreatDetectedEvent } from './security.events.js';
export { SecurityException, SecurityExceptionCode } from './security.exception.js';
export { SecurityModule } from './security.module.js';

import { IS_PUBLIC_KEY, MemoizedReflector } from '@app/common';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { looksLikeApiKey } from '../api-keys/api-key-format.js';
import { ApiKeyService } from '../api-keys/api-key.service.js';
import { AccessTokenService } from '../auth-tokens/access-token.service.js';
import { Role, Scope } from '../security.constants.js';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { REQUIRED_ROLES_KEY, REQUIRED_SCOPES_KEY } from './auth.decorators.js';
import { extractCredential, type Credential } from './credentials.js';
import { attachPrincipal, hasScopes, type Principal } from './principal.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="bulwark"' };
const INVALID = { 'WWW-Authenticate': 'Bearer realm="bulwark", error="invalid_token"' };

/**
 * Secure by default: every route needs a valid API key or token unless decorated `@Public()`; then scopes and
 * roles are checked. The principal is attached to the request for the limiter, audit and handlers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly apiKeys: ApiKeyService,
    private readonly reflector: MemoizedReflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true;
    const credential = extractCredential(request, looksLikeApiKey);
    if (isPublic) {
      // A public route still learns who calls when the credential is good (limits follow the tier).
      const principal = credential ? await this.resolve(credential).catch(() => undefined) : undefined;
      if (principal) {
        attachPrincipal(request, principal);
      }
      return true;
    }
    if (!credential) {
      throw new SecurityException(SecurityExceptionCode.UNAUTHENTICATED, 'This route needs an API key or access token.', { headers: CHALLENGE });
    }
    const principal = await this.resolve(credential);
    attachPrincipal(request, principal);
    this.authorize(principal, targets);
    return true;
  }

  private async resolve(credential: Credential): Promise<Principal> {
    if (credential.kind === 'api-key') {
      const principal = await this.apiKeys.verify(credential.value);
      if (!principal) {
        throw new SecurityException(SecurityExceptionCode.INVALID_API_KEY, 'The API key is invalid, expired or revoked.', { headers: INVALID });
      }
      return principal;
    }
    const user = await this.accessTokens.verify(credential.value);
    if (user) {
      return user;
    }
    throw new SecurityException(SecurityExceptionCode.INVALID_TOKEN, 'The access token is invalid or expired.', { headers: INVALID });
  }

  private authorize(principal: Principal, targets: Parameters<MemoizedReflector['getAllAndOverride']>[1]): void {
    const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES_KEY, targets) ?? [];
    if (!hasScopes(principal, scopes)) {
      throw new SecurityException(SecurityExceptionCode.INSUFFICIENT_SCOPE, `This route needs the scopes: ${scopes.join(', ')}.`);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets);
    if (roles && roles.length > 0) {
      // Admin users pass every role check; API keys have no role, so only an admin-scoped key passes.
      const allowed =
        principal.kind === 'user'
          ? principal.role === Role.ADMIN || roles.includes(principal.role)
          : principal.kind === 'api-key' && principal.scopes.includes(Scope.SECURITY_ADMIN);
      if (!allowed) {
        throw new SecurityException(SecurityExceptionCode.FORBIDDEN_ROLE, `This route needs one of the roles: ${roles.join(', ')}.`);
      }
    }
  }
}

import { REQUIRED_SCOPES_KEY, RequireScopeNames } from '@app/common';
import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Role, Scope } from '../security.constants.js';
import { principalOf, type Principal } from './principal.js';

export { REQUIRED_SCOPES_KEY };
export const REQUIRED_ROLES_KEY = 'bulwark:requiredRoles';

/** The caller must hold every one of these scopes (403 otherwise). Implies authentication. */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => RequireScopeNames(...scopes);

/** The caller must be a user with one of these roles, or an API key with `security:admin`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);

/** The request's principal (anonymous on public routes without credentials). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => principalOf(context.switchToHttp().getRequest<Request>()),
);

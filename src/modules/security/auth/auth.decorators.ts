import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import type { Role, Scope } from '../security.constants.js';
import { principalOf, type Principal } from './principal.js';

export const REQUIRED_SCOPES_KEY = 'bulwark:requiredScopes';
export const REQUIRED_ROLES_KEY = 'bulwark:requiredRoles';

/** The caller must hold every one of these scopes (403 otherwise). Implies authentication. */
export const RequireScopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES_KEY, scopes);

/** The caller must be a user with one of these roles, or an API key with `security:admin`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES_KEY, roles);

/** The request's principal (anonymous on public routes without credentials). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => principalOf(context.switchToHttp().getRequest<Request>()),
);

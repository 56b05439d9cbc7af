import type { Request } from 'express';

import { Scope, type Role, type Tier } from '../security.constants.js';

/** Who is calling: resolved once per request by the auth guard, read by limiter, audit and handlers. */
export type Principal =
  | { kind: 'api-key'; id: string; name: string; owner: string; tier: Tier; scopes: readonly Scope[] }
  | { kind: 'user'; id: string; email: string; role: Role; tier: Tier; scopes: readonly Scope[] }
  | { kind: 'anonymous' };

const PRINCIPAL = Symbol('bulwark.principal');

type WithPrincipal = Request & { [PRINCIPAL]?: Principal };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

export function principalOf(request: Request): Principal {
  return (request as WithPrincipal)[PRINCIPAL] ?? ANONYMOUS;
}

export function attachPrincipal(request: Request, principal: Principal): void {
  (request as WithPrincipal)[PRINCIPAL] = principal;
}

/** Whether `principal` holds every scope in `required` (`security:admin` holds all). */
export function hasScopes(principal: Principal, required: readonly Scope[]): boolean {
  if (principal.kind === 'anonymous') {
    return required.length === 0;
  }
  return principal.scopes.includes(Scope.SECURITY_ADMIN) || required.every((scope) => principal.scopes.includes(scope));
}

/** A stable id for limits and audit: `key:<id>`, `user:<id>`, or null for anonymous callers (use the IP). */
export function principalKey(principal: Principal): string | null {
  switch (principal.kind) {
    case 'api-key':
      return `key:${principal.id}`;
    case 'user':
      return `user:${principal.id}`;
    case 'anonymous':
      return null;
  }
}

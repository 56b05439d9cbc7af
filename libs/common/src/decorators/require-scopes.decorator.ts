import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES_KEY = 'bulwark:requiredScopes';

/**
 * The caller must hold every one of these scopes (403 otherwise); implies authentication. The security module's
 * `RequireScopes` is the typed form; this one serves modules the security module itself depends on (database),
 * which cannot import it without an import cycle. Pass `Scope` values as strings.
 */
export const RequireScopeNames = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES_KEY, scopes);

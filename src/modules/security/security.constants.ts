/** What an API key or user may do. `security:admin` implies every other scope. */
export enum Scope {
  AUDIT_READ = 'audit:read',
  AUDIT_WRITE = 'audit:write',
  CACHE_READ = 'cache:read',
  CACHE_WRITE = 'cache:write',
  CDN_READ = 'cdn:read',
  CDN_WRITE = 'cdn:write',
  CRYPTO_USE = 'crypto:use',
  DB_READ = 'db:read',
  GPU_INGEST = 'gpu:ingest',
  GPU_READ = 'gpu:read',
  GPU_WRITE = 'gpu:write',
  MONITORING_READ = 'monitoring:read',
  MONITORING_WRITE = 'monitoring:write',
  RATE_LIMIT_CHECK = 'rate-limit:check',
  SECURITY_ADMIN = 'security:admin',
  THREAT_INSPECT = 'threat:inspect',
}

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

/** Rate-limit tier of an API key or user; limits per tier come from config. */
export enum Tier {
  FREE = 'free',
  PRO = 'pro',
  ENTERPRISE = 'enterprise',
}

export enum Role {
  ADMIN = 'admin',
  OPERATOR = 'operator',
  VIEWER = 'viewer',
}

/** Scopes each user role carries (API keys carry explicit scopes). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  [Role.ADMIN]: [Scope.SECURITY_ADMIN],
  [Role.OPERATOR]: [Scope.AUDIT_READ, Scope.CACHE_READ, Scope.CACHE_WRITE, Scope.CDN_READ, Scope.CDN_WRITE, Scope.DB_READ, Scope.GPU_READ, Scope.GPU_WRITE, Scope.MONITORING_READ, Scope.MONITORING_WRITE, Scope.THREAT_INSPECT],
  [Role.VIEWER]: [Scope.AUDIT_READ, Scope.CACHE_READ, Scope.CDN_READ, Scope.DB_READ, Scope.GPU_READ, Scope.MONITORING_READ],
};

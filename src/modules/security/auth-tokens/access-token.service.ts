import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';

import type { Principal } from '../auth/principal.js';
import { Role, ROLE_SCOPES, Tier } from '../security.constants.js';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The one algorithm accepted: never `none`, never one the token names for itself, never an asymmetric one. */
export const ACCESS_TOKEN_ALGORITHMS = ['HS256'];

export interface AccessTokenSubject {
  id: string;
  email: string;
  role: Role;
  tier: Tier;
}

interface AccessClaims extends JWTPayload {
  email?: unknown;
  role?: unknown;
  tier?: unknown;
}

const ROLES = new Set<unknown>(Object.values(Role));
const TIERS = new Set<unknown>(Object.values(Tier));

/**
 * Short-lived HS256 access tokens (jose). The key is the configured secret only; iss, aud, exp, nbf and iat are
 * required and checked with the configured clock tolerance.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(private readonly config: AppConfig) {
    this.key = new Uint8Array(Buffer.from(config.auth.jwt.secret, 'base64url'));
  }

  /** Lifetime of an access token, in seconds (`expires_in`). */
  get ttlSeconds(): number {
    return Math.floor(this.config.auth.jwt.accessTtlMs / 1000);
  }

  sign(subject: AccessTokenSubject, now = new Date()): Promise<string> {
    const { issuer, audience } = this.config.auth.jwt;
    const issuedAt = Math.floor(now.getTime() / 1000);
    return new SignJWT({ email: subject.email, role: subject.role, tier: subject.tier })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject.id)
      .setIssuer(issuer)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key);
  }

  /** The user a token stands for, or null when it is malformed, forged, expired, not yet valid or not ours. */
  async verify(token: string): Promise<UserPrincipal | null> {
    const { issuer, audience, clockSkewMs, accessTtlMs } = this.config.auth.jwt;
    const tolerance = Math.ceil(clockSkewMs / 1000);
    try {
      const { payload } = await jwtVerify<AccessClaims>(token, this.key, {
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        issuer,
        audience,
        clockTolerance: tolerance,
        // Also rejects an iat in the future (beyond the tolerance) and tokens older than their lifetime.
        maxTokenAge: Math.ceil(accessTtlMs / 1000) + tolerance,
        requiredClaims: ['sub', 'exp', 'nbf', 'iat'],
      });
      return toPrincipal(payload);
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) {
        return null;
      }
      throw error;
    }
  }
}

function toPrincipal(payload: AccessClaims): UserPrincipal | null {
  const { sub, email, role, tier } = payload;
  if (typeof sub !== 'string' || typeof email !== 'string' || !ROLES.has(role) || !TIERS.has(tier)) {
    return null;
  }
  return { kind: 'user', id: sub, email, role: role as Role, tier: tier as Tier, scopes: ROLE_SCOPES[role as Role] };
}

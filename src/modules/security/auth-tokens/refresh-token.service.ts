import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { RefreshTokenRepository, type RevokeReason } from './refresh-token.repository.js';
import { generateRefreshToken, hashRefreshToken, isRefreshTokenFormat } from './refresh-token.util.js';

export interface Rotated {
  userId: string;
  familyId: string;
  refreshToken: string;
}

/** Opaque rotating refresh tokens: issued at login, exchanged once each, families revoked on logout or reuse. */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly config: AppConfig,
    private readonly repository: RefreshTokenRepository,
  ) {}

  /** The first token of a new family (a login). */
  async issue(userId: string, now = new Date()): Promise<{ refreshToken: string; familyId: string }> {
    const refreshToken = generateRefreshToken();
    const familyId = await this.repository.startFamily(userId, hashRefreshToken(refreshToken), this.expiry(now));
    return { refreshToken, familyId };
  }

  /**
   * Exchanges a token for its successor. Throws INVALID_TOKEN for unknown, expired or revoked tokens and
   * REFRESH_TOKEN_REUSED (after revoking the family, which stays revoked) for a token already exchanged.
   */
  async rotate(presented: string, now = new Date()): Promise<Rotated> {
    if (!isRefreshTokenFormat(presented)) {
      throw invalid();
    }
    const refreshToken = generateRefreshToken();
    const outcome = await this.repository.rotate(hashRefreshToken(presented), hashRefreshToken(refreshToken), this.expiry(now), now);
    switch (outcome.kind) {
      case 'rotated':
        return { userId: outcome.userId, familyId: outcome.familyId, refreshToken };
      case 'reused':
        throw new ReusedRefreshToken(outcome.userId, outcome.familyId);
      case 'invalid':
        throw invalid();
    }
  }

  /** Revokes the family of `presented`; null when there was nothing live to revoke. */
  revoke(presented: string, reason: RevokeReason, now = new Date()): Promise<{ userId: string; familyId: string } | null> {
    if (!isRefreshTokenFormat(presented)) {
      return Promise.resolve(null);
    }
    return this.repository.revokeFamilyOf(hashRefreshToken(presented), reason, now);
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.auth.jwt.refreshTtlMs);
  }
}

/** Reuse of an exchanged token: carries who it was, for the audit record. */
export class ReusedRefreshToken extends SecurityException {
  constructor(
    readonly userId: string,
    readonly familyId: string,
  ) {
    super(SecurityExceptionCode.REFRESH_TOKEN_REUSED, 'This refresh token was already used; the session is revoked. Log in again.');
  }
}

function invalid(): SecurityException {
  return new SecurityException(SecurityExceptionCode.INVALID_TOKEN, 'The refresh token is invalid, expired or revoked.');
}

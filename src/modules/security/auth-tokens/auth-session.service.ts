import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { SecurityEvents, type AuditOutcome, type AuditRecordEvent, type LoginFailedEvent } from '../security.events.js';
import { canonicalEmail } from '../users/email.util.js';
import type { UserEntity } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokenService } from './access-token.service.js';
import { LoginThrottle } from './login-throttle/login-throttle.service.js';
import { RefreshTokenService, ReusedRefreshToken } from './refresh-token.service.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

/** Where a call comes from, for throttling and the audit log. */
export interface CallContext {
  ip: string;
  requestId?: string;
}

/** Login, refresh and logout: passwords become sessions (refresh-token families) and short-lived access tokens. */
@Injectable()
export class AuthSessionService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly events: EventEmitter2,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: LoginThrottle,
    private readonly users: UsersService,
  ) {}

  /**
   * A new session for the right password. Unknown account and wrong password fail the same way (same error, same
   * argon2 work); too many attempts from one address are answered with 429 and Retry-After before any check.
   */
  async login(email: string, password: string, context: CallContext): Promise<TokenPair> {
    const login = canonicalEmail(email);
    const waitMs = await this.throttle.attempt(login, context.ip);
    if (waitMs > 0) {
      this.failed(login, context, 'denied', { reason: 'throttled' });
      throw new SecurityException(SecurityExceptionCode.LOGIN_THROTTLED, 'Too many login attempts; try again later.', {
        headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
      });
    }
    const user = await this.users.authenticate(login, password);
    if (!user) {
      this.failed(login, context, 'failure', { reason: 'invalid_credentials' });
      throw new SecurityException(SecurityExceptionCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
    }
    await this.throttle.succeeded(login, context.ip);
    const { refreshToken, familyId } = await this.refreshTokens.issue(user.id);
    this.audit('auth.login', 'success', context, user.id, { familyId });
    return this.pair(user, refreshToken);
  }

  /** Exchanges a refresh token for a new pair; reuse of an exchanged token revokes its whole family. */
  async refresh(presented: string, context: CallContext): Promise<TokenPair> {
    const rotated = await this.refreshTokens.rotate(presented).catch((error: unknown) => {
      if (error instanceof ReusedRefreshToken) {
        this.audit('auth.refresh_token_reused', 'denied', context, error.userId, { familyId: error.familyId, familyRevoked: true });
      }
      throw error;
    });
    const user = await this.users.findById(rotated.userId);
    if (!user) {
      throw new SecurityException(SecurityExceptionCode.INVALID_TOKEN, 'The refresh token is invalid, expired or revoked.');
    }
    return this.pair(user, rotated.refreshToken);
  }

  /** Ends the session the token belongs to. Idempotent, and silent about tokens it does not know. */
  async logout(presented: string, context: CallContext): Promise<void> {
    const revoked = await this.refreshTokens.revoke(presented, 'logout');
    if (revoked) {
      this.audit('auth.logout', 'success', context, revoked.userId, { familyId: revoked.familyId });
    }
  }

  private async pair(user: UserEntity, refreshToken: string): Promise<TokenPair> {
    const accessToken = await this.accessTokens.sign({ id: user.id, email: user.email, role: user.role, tier: user.tier });
    return { accessToken, refreshToken, expiresIn: this.accessTokens.ttlSeconds, tokenType: 'Bearer' };
  }

  private failed(login: string, context: CallContext, outcome: AuditOutcome, metadata: Record<string, unknown>): void {
    const event: LoginFailedEvent = { ip: context.ip, login };
    this.events.emit(SecurityEvents.LOGIN_FAILED, event);
    this.emitAudit({ action: 'auth.login', outcome, actorType: 'anonymous', ip: context.ip, requestId: context.requestId, metadata: { login, ...metadata } });
  }

  private audit(action: string, outcome: AuditOutcome, context: CallContext, userId: string, metadata: Record<string, unknown>): void {
    this.emitAudit({ action, outcome, actorType: 'user', actorId: userId, ip: context.ip, requestId: context.requestId, targetType: 'user', targetId: userId, metadata });
  }

  private emitAudit(event: AuditRecordEvent): void {
    this.events.emit(SecurityEvents.AUDIT, event);
  }
}

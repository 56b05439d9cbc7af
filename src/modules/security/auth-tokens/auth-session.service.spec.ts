import { jest } from '@jest/globals';
import { EventEmitter2 } from '@nestjs/event-emitter';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { SecurityEvents } from '../security.events.js';
import { Role, Tier } from '../security.constants.js';
import type { UserEntity } from '../users/user.entity.js';
import type { UsersService } from '../users/users.service.js';
import type { AccessTokenService } from './access-token.service.js';
import { AuthSessionService } from './auth-session.service.js';
import type { LoginThrottle } from './login-throttle/login-throttle.service.js';
import type { RefreshTokenService } from './refresh-token.service.js';

const USER = { id: 'u-1', email: 'ada@example.com', role: Role.VIEWER, tier: Tier.FREE } as UserEntity;
const CONTEXT = { ip: '203.0.113.9', requestId: 'req-1' };

function setup(waitMs = 0, user: UserEntity | null = USER) {
  const events = new EventEmitter2();
  const emitted: Array<[string, unknown]> = [];
  events.onAny((event, payload) => emitted.push([String(event), payload]));
  const authenticate = jest.fn(() => Promise.resolve(user));
  const throttle = { attempt: jest.fn(() => Promise.resolve(waitMs)), succeeded: jest.fn(() => Promise.resolve()) };
  const service = new AuthSessionService(
    { sign: () => Promise.resolve('access'), ttlSeconds: 900 } as unknown as AccessTokenService,
    events,
    { issue: () => Promise.resolve({ refreshToken: 'bwr_x', familyId: 'f-1' }) } as unknown as RefreshTokenService,
    throttle as unknown as LoginThrottle,
    { authenticate } as unknown as UsersService,
  );
  return { service, emitted, authenticate, throttle };
}

const caught = (promise: Promise<unknown>): Promise<SecurityException> => promise.then(() => Promise.reject(new Error('resolved')), (error: SecurityException) => error);

describe(AuthSessionService.name, () => {
  describe('login', () => {
    it('answers a token pair, counts against the canonical email and clears the throttle on success', async () => {
      const { service, throttle, emitted } = setup();
      await expect(service.login('Ada@Example.com', 'pw', CONTEXT)).resolves.toEqual({ accessToken: 'access', refreshToken: 'bwr_x', expiresIn: 900, tokenType: 'Bearer' });
      expect(throttle.attempt).toHaveBeenCalledWith('ada@example.com', CONTEXT.ip);
      expect(throttle.succeeded).toHaveBeenCalledWith('ada@example.com', CONTEXT.ip);
      expect(emitted).toEqual([[SecurityEvents.AUDIT, expect.objectContaining({ action: 'auth.login', outcome: 'success', actorId: 'u-1', ip: CONTEXT.ip })]]);
    });

    it('fails with INVALID_CREDENTIALS, emits LOGIN_FAILED for the IP blocker and audits, without the password', async () => {
      const { service, emitted, throttle } = setup(0, null);
      const error = await caught(service.login('ada@example.com', 'secret-guess', CONTEXT));
      expect(error.code).toBe(SecurityExceptionCode.INVALID_CREDENTIALS);
      expect(throttle.succeeded).not.toHaveBeenCalled();
      expect(emitted).toContainEqual([SecurityEvents.LOGIN_FAILED, { ip: CONTEXT.ip, login: 'ada@example.com' }]);
      expect(emitted).toContainEqual([SecurityEvents.AUDIT, expect.objectContaining({ action: 'auth.login', outcome: 'failure' })]);
      expect(JSON.stringify(emitted)).not.toContain('secret-guess');
    });

    it('answers LOGIN_THROTTLED with Retry-After in whole seconds, before checking the password', async () => {
      const { service, authenticate, emitted } = setup(1_200);
      const error = await caught(service.login('ada@example.com', 'pw', CONTEXT));
      expect(error.code).toBe(SecurityExceptionCode.LOGIN_THROTTLED);
      expect(error.status).toBe(429);
      expect(error.headers).toEqual({ 'Retry-After': '2' });
      expect(authenticate).not.toHaveBeenCalled();
      expect(emitted).toContainEqual([SecurityEvents.LOGIN_FAILED, { ip: CONTEXT.ip, login: 'ada@example.com' }]);
    });
  });
});

import { RedisConnection } from '@app/common';
import { Module } from '@nestjs/common';

import { UsersModule } from '../users/users.module.js';
import { AccessTokenService } from './access-token.service.js';
import { AuthSessionService } from './auth-session.service.js';
import { AuthController } from './auth.controller.js';
import { createLoginThrottleStore } from './login-throttle/login-throttle.factory.js';
import { LoginThrottle } from './login-throttle/login-throttle.service.js';
import { LOGIN_THROTTLE_STORE } from './login-throttle/login-throttle.store.js';
import { RefreshTokenRepository } from './refresh-token.repository.js';
import { RefreshTokenService } from './refresh-token.service.js';

/** User sessions: login, refresh-token rotation, logout, access tokens (which the auth guard verifies). */
@Module({
  controllers: [AuthController],
  exports: [AccessTokenService],
  imports: [UsersModule],
  providers: [
    AccessTokenService,
    AuthSessionService,
    LoginThrottle,
    { provide: LOGIN_THROTTLE_STORE, inject: [RedisConnection], useFactory: createLoginThrottleStore },
    RefreshTokenRepository,
    RefreshTokenService,
  ],
})
export class AuthTokensModule {}

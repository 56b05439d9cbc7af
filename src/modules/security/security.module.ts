import { Module } from '@nestjs/common';

/**
 * Principals, API keys, JWT, guards, rate limiting, client IP, IP blocking, audit log and Fernet. Each part lives
 * in its own folder with its own module; this one composes them.
 */
@Module({
  imports: [],
})
export class SecurityModule {}

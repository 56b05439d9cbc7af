import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

import { ipSubject } from '../../client-ip/client-ip.js';
import { LOGIN_THROTTLE_STORE, type LoginThrottleStore, type ThrottleKey } from './login-throttle.store.js';
import { ACCOUNT_IP_POLICY, IP_POLICY } from './throttle-policy.js';

const PREFIX = 'bulwark:login';

/**
 * Brute-force throttling of logins, per account and client IP and per client IP, with exponentially growing,
 * capped waits. Never per account alone: that would let anyone lock a victim out.
 */
@Injectable()
export class LoginThrottle {
  constructor(@Inject(LOGIN_THROTTLE_STORE) private readonly store: LoginThrottleStore) {}

  /** Counts an attempt and answers 0, or answers how many ms the caller must wait (nothing counted). */
  attempt(login: string, ip: string, nowMs = Date.now()): Promise<number> {
    const { account, address } = keysOf(login, ip);
    return this.store.attempt([account, address], nowMs);
  }

  succeeded(login: string, ip: string): Promise<void> {
    const { account, address } = keysOf(login, ip);
    return this.store.succeeded(account.key, address.key);
  }
}

function keysOf(login: string, ip: string): { account: ThrottleKey; address: ThrottleKey } {
  // One hash tag for both keys (one Cluster slot, one script); the account is hashed so no email sits in Redis.
  // IPv6 counts per /64 in both, or hopping addresses inside one's own /64 would reset the account counter.
  const tag = ipSubject(ip);
  const account = createHash('sha256').update(`${login}\n${tag}`).digest('base64url');
  return {
    account: { key: `${PREFIX}:{${tag}}:account:${account}`, policy: ACCOUNT_IP_POLICY },
    address: { key: `${PREFIX}:{${tag}}:ip`, policy: IP_POLICY },
  };
}

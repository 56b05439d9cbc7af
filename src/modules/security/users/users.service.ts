import { decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { SecurityEvents, type AuditRecordEvent } from '../security.events.js';
import { Tier, type Role } from '../security.constants.js';
import { canonicalEmail } from './email.util.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordPolicyViolation } from './password-policy.js';
import { auditActor } from './user-actor.js';
import type { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  tier?: Tier;
  /** `user:<id>`, `key:<id>` or `system:<what>`. */
  createdBy: string;
}

/** User accounts and their passwords. Passwords exist only in the request that sets or checks them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly events: EventEmitter2,
    private readonly hasher: PasswordHasher,
    private readonly repository: UserRepository,
  ) {}

  async create(input: NewUser): Promise<UserEntity> {
    const violation = passwordPolicyViolation(input.password);
    if (violation) {
      throw new SecurityException(SecurityExceptionCode.WEAK_PASSWORD, violation);
    }
    const user = await this.repository.insert({
      email: canonicalEmail(input.email),
      role: input.role,
      tier: input.tier ?? Tier.FREE,
      passwordHash: await this.hasher.hash(input.password),
      createdBy: input.createdBy,
    });
    this.audit('user.created', input.createdBy, user.id, { role: user.role, tier: user.tier });
    return user;
  }

  /**
   * The user whose password this is, or null. An unknown email costs the same argon2 work as a wrong password, so
   * timing does not reveal which accounts exist. A hash at old parameters (or bcrypt) is replaced on success.
   */
  async authenticate(email: string, password: string): Promise<UserEntity | null> {
    const user = await this.repository.findByEmail(canonicalEmail(email));
    if (!user) {
      await this.hasher.verifyDummy(password);
      return null;
    }
    const check = await this.hasher.verify(user.passwordHash, password);
    if (!check.matches) {
      return null;
    }
    if (check.needsRehash) {
      await this.repository.replacePasswordHash(user.id, user.passwordHash, await this.hasher.hash(password));
    }
    return user;
  }

  async list(limit: number, cursor?: string): Promise<Page<UserEntity>> {
    const after = cursor ? decodeCursor(cursor, ['createdAt', 'id'] as const) : undefined;
    const rows = await this.repository.listPage(limit + 1, after && { createdAt: String(after.createdAt), id: String(after.id) });
    return toPage(rows, limit, (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }));
  }

  count(): Promise<number> {
    return this.repository.count();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repository.findById(id);
  }

  async getOrThrow(id: string): Promise<UserEntity> {
    const user = await this.repository.findById(id);
    if (!user) {
      throw new SecurityException(SecurityExceptionCode.USER_NOT_FOUND, `No user ${id}.`);
    }
    return user;
  }

  /** Deletes the user and, with it, every refresh token it holds; access tokens already issued expire on their own. */
  async delete(id: string, actor: string): Promise<void> {
    if (!(await this.repository.delete(id))) {
      throw new SecurityException(SecurityExceptionCode.USER_NOT_FOUND, `No user ${id}.`);
    }
    this.audit('user.deleted', actor, id, {});
  }

  private audit(action: string, actor: string, userId: string, metadata: Record<string, unknown>): void {
    const event: AuditRecordEvent = { action, outcome: 'success', ...auditActor(actor), targetType: 'user', targetId: userId, metadata };
    this.events.emit(SecurityEvents.AUDIT, event);
  }
}

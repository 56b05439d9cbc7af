import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { RefreshTokenFamilyEntity } from './refresh-token-family.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

export type RevokeReason = 'logout' | 'reuse';

export type RotateOutcome =
  | { kind: 'rotated'; userId: string; familyId: string }
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'invalid' };

interface LockedToken {
  token: RefreshTokenEntity;
  family: RefreshTokenFamilyEntity;
}

/**
 * Refresh tokens and their families. Every change to a family's tokens happens under a row lock on the family, so
 * a rotation and a reuse detection racing each other cannot leave a live token in a revoked family.
 */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  /** A new family (one login) holding its first token; returns the family id. */
  startFamily(userId: string, tokenHash: Buffer, expiresAt: Date): Promise<string> {
    return this.connection.transaction(async (manager) => {
      const family = await manager.getRepository(RefreshTokenFamilyEntity).save({ userId, revokedAt: null, revokedReason: null });
      await manager.getRepository(RefreshTokenEntity).insert({ familyId: family.id, tokenHash, expiresAt, usedAt: null });
      return family.id;
    });
  }

  /**
   * Marks the presented token used and adds its successor to the family. A token presented again after its use
   * revokes the whole family (it was copied: the thief or the victim holds the newer one) and says `reused`.
   */
  rotate(presentedHash: Buffer, nextHash: Buffer, expiresAt: Date, now: Date): Promise<RotateOutcome> {
    return this.connection.transaction(async (manager) => {
      const locked = await this.lockByHash(manager, presentedHash);
      if (!locked || locked.family.revokedAt) {
        return { kind: 'invalid' };
      }
      const { token, family } = locked;
      if (token.usedAt) {
        await this.revoke(manager, family.id, 'reuse', now);
        return { kind: 'reused', userId: family.userId, familyId: family.id };
      }
      if (token.expiresAt <= now) {
        return { kind: 'invalid' };
      }
      const tokens = manager.getRepository(RefreshTokenEntity);
      await tokens.update({ id: token.id }, { usedAt: now });
      await tokens.insert({ familyId: family.id, tokenHash: nextHash, expiresAt, usedAt: null });
      return { kind: 'rotated', userId: family.userId, familyId: family.id };
    });
  }

  /** Revokes the family of the presented token; null when the token is unknown or its family already revoked. */
  revokeFamilyOf(presentedHash: Buffer, reason: RevokeReason, now: Date): Promise<{ userId: string; familyId: string } | null> {
    return this.connection.transaction(async (manager) => {
      const locked = await this.lockByHash(manager, presentedHash);
      if (!locked || locked.family.revokedAt) {
        return null;
      }
      await this.revoke(manager, locked.family.id, reason, now);
      return { userId: locked.family.userId, familyId: locked.family.id };
    });
  }

  findFamily(id: string): Promise<RefreshTokenFamilyEntity | null> {
    return this.connection.getRepository(RefreshTokenFamilyEntity).findOneBy({ id });
  }

  private async lockByHash(manager: EntityManager, tokenHash: Buffer): Promise<LockedToken | null> {
    const tokens = manager.getRepository(RefreshTokenEntity);
    const found = await tokens.findOneBy({ tokenHash });
    if (!found) {
      return null;
    }
    const family = await manager.getRepository(RefreshTokenFamilyEntity).findOne({ where: { id: found.familyId }, lock: { mode: 'pessimistic_write' } });
    // Read again under the family's lock: a concurrent rotation may have used it meanwhile.
    const token = await tokens.findOneBy({ id: found.id });
    return family && token ? { token, family } : null;
  }

  private async revoke(manager: EntityManager, familyId: string, reason: RevokeReason, now: Date): Promise<void> {
    await manager.getRepository(RefreshTokenFamilyEntity).update({ id: familyId }, { revokedAt: now, revokedReason: reason });
  }
}

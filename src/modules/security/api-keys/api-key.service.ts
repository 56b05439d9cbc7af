import { decodeCursor, type Page, toPage } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

import type { Principal } from '../auth/principal.js';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { SecurityEvents, type AuditRecordEvent } from '../security.events.js';
import type { Scope, Tier } from '../security.constants.js';
import { ApiKeyCache } from './api-key-cache.js';
import { generateApiKey, parseApiKey } from './api-key-format.js';
import { ApiKeyHasher } from './api-key-hasher.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { LastUsedRecorder } from './last-used-recorder.js';

export interface NewApiKey {
  name: string;
  owner: string;
  tier: Tier;
  scopes: Scope[];
  expiresAt?: Date;
  createdBy: string;
}

export type ApiKeyPrincipal = Extract<Principal, { kind: 'api-key' }>;

/** Creates, verifies, rotates and revokes API keys. The plain key exists only in the create/rotate response. */
@Injectable()
export class ApiKeyService {
  constructor(
    private readonly cache: ApiKeyCache,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
    private readonly hasher: ApiKeyHasher,
    private readonly lastUsed: LastUsedRecorder,
    private readonly repository: ApiKeyRepository,
  ) {}

  async create(input: NewApiKey, key = generateApiKey()): Promise<{ record: ApiKeyEntity; key: string }> {
    const parsed = parseApiKey(key.key);
    if (!parsed) {
      throw new SecurityException(SecurityExceptionCode.INVALID_API_KEY, 'The key is not a well-formed Bulwark API key.');
    }
    const record = await this.repository.insert({
      publicId: parsed.publicId,
      secretHash: this.hasher.hash(parsed.secret),
      name: input.name,
      owner: input.owner,
      tier: input.tier,
      scopes: input.scopes,
      expiresAt: input.expiresAt ?? null,
      createdBy: input.createdBy,
    });
    this.audit('api_key.created', input.createdBy, record, { name: record.name, tier: record.tier, scopes: record.scopes });
    return { record, key: key.key };
  }

  /** The principal a presented key stands for, or null when it is malformed, unknown, expired or revoked. */
  async verify(presented: string): Promise<ApiKeyPrincipal | null> {
    const parsed = parseApiKey(presented);
    if (!parsed) {
      return null;
    }
    const record = await this.cache.find(parsed.publicId);
    if (!record || !this.hasher.matches(parsed.secret, record.secretHash) || !isUsable(record, new Date())) {
      return null;
    }
    this.lastUsed.touch(record.id);
    return { kind: 'api-key', id: record.id, name: record.name, owner: record.owner, tier: record.tier, scopes: record.scopes };
  }

  async list(limit: number, cursor?: string): Promise<Page<ApiKeyEntity>> {
    const after = cursor ? decodeCursor(cursor, ['createdAt', 'id'] as const) : undefined;
    const rows = await this.repository.listPage(limit + 1, after && { createdAt: String(after.createdAt), id: String(after.id) });
    return toPage(rows, limit, (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }));
  }

  async getOrThrow(id: string): Promise<ApiKeyEntity> {
    const record = await this.repository.findById(id);
    if (!record) {
      throw new SecurityException(SecurityExceptionCode.API_KEY_NOT_FOUND, `No API key ${id}.`);
    }
    return record;
  }

  /** A new key with the same settings; the old one stays valid for the configured overlap, then stops. */
  async rotate(id: string, actor: string): Promise<{ record: ApiKeyEntity; key: string }> {
    const old = await this.getOrThrow(id);
    if (old.revokedAt || old.replacedById) {
      throw new SecurityException(SecurityExceptionCode.API_KEY_NOT_FOUND, `API key ${id} is revoked or already rotated.`);
    }
    const created = await this.create({ name: old.name, owner: old.owner, tier: old.tier, scopes: old.scopes, expiresAt: old.expiresAt ?? undefined, createdBy: actor });
    const overlapEnd = new Date(Date.now() + this.config.auth.rotationOverlapMs);
    await this.repository.markRotated(old.id, created.record.id, old.expiresAt && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd);
    await this.cache.invalidate(old.publicId);
    this.audit('api_key.rotated', actor, old, { replacedById: created.record.id, validUntil: overlapEnd.toISOString() });
    return created;
  }

  /** Revokes at once on every instance (cached lookups are evicted over pub/sub). */
  async revoke(id: string, actor: string): Promise<ApiKeyEntity> {
    const record = await this.getOrThrow(id);
    if (await this.repository.markRevoked(id)) {
      await this.cache.invalidate(record.publicId);
      this.audit('api_key.revoked', actor, record, {});
    }
    return this.getOrThrow(id);
  }

  count(): Promise<number> {
    return this.repository.count();
  }

  private audit(action: string, actor: string, record: ApiKeyEntity, metadata: Record<string, unknown>): void {
    const [actorType, actorId] = actor.includes(':') ? (actor.split(':', 2) as [string, string]) : ['system', actor];
    const event: AuditRecordEvent = {
      action,
      outcome: 'success',
      actorType: actorType === 'key' ? 'api-key' : actorType === 'user' ? 'user' : 'system',
      actorId,
      targetType: 'api_key',
      targetId: record.id,
      metadata,
    };
    this.events.emit(SecurityEvents.AUDIT, event);
  }
}

function isUsable(record: ApiKeyEntity, now: Date): boolean {
  return !record.revokedAt && !(record.expiresAt && record.expiresAt <= now) && !(record.validUntil && record.validUntil <= now);
}

import { CommonException, CommonExceptionCode, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

import { SecurityEvents, type AuditRecordEvent, type IpBlocksChangedEvent } from '../security.events.js';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { parseCidr } from './cidr.util.js';
import { Clock } from './clock.js';
import type { IpBlockActor } from './ip-block-actor.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IpBlockSyncService } from './ip-block-sync.service.js';
import type { IpBlock, IpBlockSource } from './ip-block.js';
import { IpBlockRepository, type IpBlockListFilter } from './repositories/ip-block.repository.js';

export interface CreateIpBlockInput {
  cidr: string;
  reason: string;
  source: IpBlockSource;
  expiresAt: Date | null;
  /** Extra audit metadata (what triggered an automatic block). */
  context?: Record<string, unknown>;
}

/**
 * Creates, reads and deletes blocks. Every change lands in PostgreSQL, then in this instance's list at once, then
 * goes to the other instances and to the audit log.
 */
@Injectable()
export class IpBlocksService {
  constructor(
    private readonly blockList: IpBlockList,
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    private readonly repository: IpBlockRepository,
    private readonly sync: IpBlockSyncService,
  ) {}

  async create(input: CreateIpBlockInput, actor: IpBlockActor): Promise<IpBlock> {
    const network = parseCidr(input.cidr.trim());
    if (network === null) {
      throw new SecurityException(SecurityExceptionCode.INVALID_CIDR, 'cidr must be an IPv4 or IPv6 address or CIDR, e.g. 203.0.113.0/24 or 2001:db8::/32.', {
        errors: [{ field: 'cidr', message: 'cidr must be an IPv4 or IPv6 address or CIDR' }],
      });
    }
    if (input.expiresAt !== null && input.expiresAt.getTime() <= this.clock.now()) {
      throw new CommonException(CommonExceptionCode.VALIDATION_FAILED, 'Invalid request: expiresAt.', {
        errors: [{ field: 'expiresAt', message: 'expiresAt must be in the future' }],
      });
    }
    const block = await this.repository.insert({
      cidr: network.text,
      reason: input.reason,
      source: input.source,
      expiresAt: input.expiresAt,
      createdBy: actor.createdBy,
    });
    this.blockList.add(block);
    await this.sync.publish(block.id, 'added');
    this.announce('ip_block.created', block, actor, input.context);
    return block;
  }

  list(filter: Omit<IpBlockListFilter, 'now'>): Promise<Page<IpBlock>> {
    return this.repository.listPage({ ...filter, now: new Date(this.clock.now()) });
  }

  get(id: string): Promise<IpBlock> {
    return this.repository.getByIdOrThrow(id);
  }

  async delete(id: string, actor: IpBlockActor): Promise<IpBlock> {
    const block = await this.repository.deleteById(id);
    if (!block) {
      throw new SecurityException(SecurityExceptionCode.IP_BLOCK_NOT_FOUND, `No IP block has id ${id}.`);
    }
    this.blockList.remove(block.id);
    await this.sync.publish(block.id, 'removed');
    this.announce('ip_block.deleted', block, actor);
    return block;
  }

  private announce(action: 'ip_block.created' | 'ip_block.deleted', block: IpBlock, actor: IpBlockActor, context: Record<string, unknown> = {}): void {
    const audit: AuditRecordEvent = {
      action,
      outcome: 'success',
      actorType: actor.type,
      actorId: actor.id,
      ip: actor.ip,
      targetType: 'ip_block',
      targetId: block.id,
      metadata: { cidr: block.cidr, source: block.source, reason: block.reason, expiresAt: block.expiresAt?.toISOString() ?? null, ...context },
      requestId: actor.requestId,
    };
    this.events.emit(SecurityEvents.AUDIT, audit);
    const changed: IpBlocksChangedEvent = { cidr: block.cidr, change: action === 'ip_block.created' ? 'added' : 'removed' };
    this.events.emit(SecurityEvents.IP_BLOCKS_CHANGED, changed);
  }
}

import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { TestingModule } from '@nestjs/testing';

import { SecurityEvents, type AuditRecordEvent, type IpBlocksChangedEvent } from '../../src/modules/security/index.js';
import { IpBlockList } from '../../src/modules/security/ip-blocks/ip-block-list.service.js';
import { IpBlockSource, type IpBlock, type NewIpBlock } from '../../src/modules/security/ip-blocks/ip-block.js';
import { IpBlocksService } from '../../src/modules/security/ip-blocks/ip-blocks.service.js';
import { IpBlockRepository } from '../../src/modules/security/ip-blocks/repositories/ip-block.repository.js';
import { SYSTEM_ACTOR } from '../../src/modules/security/ip-blocks/ip-block-actor.js';
import { openIpBlocksInstance } from '../support/ip-blocks-instance.js';
import { waitFor } from '../support/wait-for.js';

const HOUR = 3_600_000;

let db: TestDatabase;
const instances: TestingModule[] = [];

async function open(env: Record<string, string> = {}): Promise<TestingModule> {
  const instance = await openIpBlocksInstance(db.url, env);
  instances.push(instance);
  return instance;
}

function newBlock(overrides: Partial<NewIpBlock> = {}): NewIpBlock {
  return { cidr: '203.0.113.0/24', reason: 'test', source: IpBlockSource.MANUAL, expiresAt: null, createdBy: 'system', ...overrides };
}

beforeAll(async () => {
  db = await testDatabase();
});

afterEach(async () => {
  await Promise.all(instances.splice(0).map((instance) => instance.close()));
});

afterAll(async () => {
  await db.drop();
});

describe(IpBlockRepository.name, () => {
  let instance: TestingModule;
  let repository: IpBlockRepository;
  const created: IpBlock[] = [];

  beforeAll(async () => {
    instance = await openIpBlocksInstance(db.url);
    repository = instance.get(IpBlockRepository);
  });

  afterAll(async () => {
    await instance.close();
  });

  afterEach(async () => {
    await Promise.all(created.splice(0).map((block) => repository.deleteById(block.id)));
  });

  /**
   * The list's order: created_at has millisecond precision, so blocks inserted within one millisecond tie and the id
   * (random) decides, as the keyset does. Expectations follow the stored values, not the order of insertion.
   */
  function newestFirst(...blocks: IpBlock[]): string[] {
    return [...blocks].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((block) => block.id);
  }

  async function insert(overrides: Partial<NewIpBlock> = {}): Promise<IpBlock> {
    const block = await repository.insert(newBlock(overrides));
    created.push(block);
    return block;
  }

  describe('insert / findById', () => {
    it('stores a block and reads it back as PostgreSQL normalised it', async () => {
      const expiresAt = new Date(Date.now() + HOUR);
      const block = await insert({ cidr: '2001:db8::/32', reason: 'scanner', source: IpBlockSource.AUTO, expiresAt, createdBy: 'key:abc' });

      expect(block.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await repository.findById(block.id)).toEqual({
        id: block.id,
        cidr: '2001:db8::/32',
        reason: 'scanner',
        source: IpBlockSource.AUTO,
        expiresAt,
        createdBy: 'key:abc',
        createdAt: block.createdAt,
      });
    });

    it('returns null for an unknown id and getByIdOrThrow throws IP_BLOCK_NOT_FOUND', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await repository.findById(unknown)).toBeNull();
      await expect(repository.getByIdOrThrow(unknown)).rejects.toMatchObject({ code: 'SECURITY.IP_BLOCK_NOT_FOUND', status: 404 });
    });
  });

  describe('listActive / findActiveById', () => {
    it('leaves out expired blocks', async () => {
      const now = new Date();
      const live = await insert({ cidr: '198.51.100.1/32' });
      const expired = await insert({ cidr: '198.51.100.2/32', expiresAt: new Date(now.getTime() - 1_000) });
      const later = await insert({ cidr: '198.51.100.3/32', expiresAt: new Date(now.getTime() + HOUR) });

      const ids = (await repository.listActive(now)).map((block) => block.id);
      expect(ids).toEqual(expect.arrayContaining([live.id, later.id]));
      expect(ids).not.toContain(expired.id);
      expect(await repository.findActiveById(expired.id, now)).toBeNull();
      expect(await repository.findActiveById(later.id, now)).not.toBeNull();
    });
  });

  describe('listPage', () => {
    it('pages newest first through every block exactly once', async () => {
      const blocks: IpBlock[] = [];
      for (let index = 0; index < 5; index += 1) {
        blocks.push(await insert({ cidr: `192.0.2.${index}/32` }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.listPage({ limit: 2, cursor, now: new Date() });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((block) => block.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);

      expect(seen).toEqual(newestFirst(...blocks));
    });

    it('filters by source and by whether blocks are in force', async () => {
      const now = new Date();
      const manual = await insert({ cidr: '192.0.2.10/32' });
      const auto = await insert({ cidr: '192.0.2.11/32', source: IpBlockSource.AUTO, expiresAt: new Date(now.getTime() + HOUR) });
      const lapsed = await insert({ cidr: '192.0.2.12/32', source: IpBlockSource.AUTO, expiresAt: new Date(now.getTime() - 1) });
      const ids = async (filter: { source?: IpBlockSource; active?: boolean }): Promise<string[]> =>
        (await repository.listPage({ limit: 50, now, ...filter })).items.map((block) => block.id);

      expect(await ids({ source: IpBlockSource.MANUAL })).toEqual([manual.id]);
      expect(await ids({ source: IpBlockSource.AUTO })).toEqual(newestFirst(lapsed, auto));
      expect(await ids({ active: true })).toEqual(newestFirst(auto, manual));
      expect(await ids({ active: false })).toEqual([lapsed.id]);
      expect(await ids({ source: IpBlockSource.AUTO, active: true })).toEqual([auto.id]);
    });

    it('rejects a forged cursor with 400 COMMON.INVALID_CURSOR', async () => {
      const forged = Buffer.from(JSON.stringify({ createdAt: 'yesterday', id: 'x' })).toString('base64url');
      await expect(repository.listPage({ limit: 2, cursor: forged, now: new Date() })).rejects.toMatchObject({ code: 'COMMON.INVALID_CURSOR' });
    });
  });

  describe('deleteById', () => {
    it('returns the deleted block once, then null', async () => {
      const block = await repository.insert(newBlock({ cidr: '192.0.2.99/32' }));
      expect((await repository.deleteById(block.id))?.cidr).toBe('192.0.2.99/32');
      expect(await repository.deleteById(block.id)).toBeNull();
      expect(await repository.findById(block.id)).toBeNull();
    });
  });
});

describe(IpBlocksService.name, () => {
  it('records an audit event and announces the change for each block created and deleted', async () => {
    const instance = await open();
    const audits: AuditRecordEvent[] = [];
    const changes: IpBlocksChangedEvent[] = [];
    instance.get(EventEmitter2).on(SecurityEvents.AUDIT, (event: AuditRecordEvent) => audits.push(event));
    instance.get(EventEmitter2).on(SecurityEvents.IP_BLOCKS_CHANGED, (event: IpBlocksChangedEvent) => changes.push(event));
    const service = instance.get(IpBlocksService);

    const block = await service.create({ cidr: '198.51.100.77', reason: 'probe', source: IpBlockSource.MANUAL, expiresAt: null }, SYSTEM_ACTOR);
    await service.delete(block.id, { type: 'api-key', id: 'k1', createdBy: 'key:k1', ip: '127.0.0.1', requestId: 'r-1' });

    expect(audits).toEqual([
      expect.objectContaining({ action: 'ip_block.created', actorType: 'system', targetType: 'ip_block', targetId: block.id }),
      expect.objectContaining({ action: 'ip_block.deleted', actorType: 'api-key', actorId: 'k1', ip: '127.0.0.1', requestId: 'r-1', targetId: block.id }),
    ]);
    expect(audits[0]!.metadata).toMatchObject({ cidr: '198.51.100.77/32', source: 'manual' });
    expect(changes).toEqual([
      { cidr: '198.51.100.77/32', change: 'added' },
      { cidr: '198.51.100.77/32', change: 'removed' },
    ]);
  });
});

describe('IP block sync between instances', () => {
  it('carries a block created on one instance to another over Redis pub/sub, and its removal', async () => {
    // A refresh far beyond the wait: only pub/sub can explain B seeing the change.
    const env = { REDIS_URL: testRedisUrl(), IP_BLOCK_REFRESH_MS: '3600000' };
    const a = await open(env);
    const b = await open(env);
    const listB = b.get(IpBlockList);

    const block = await a.get(IpBlocksService).create({ cidr: '203.0.113.64/26', reason: 'sync', source: IpBlockSource.MANUAL, expiresAt: null }, SYSTEM_ACTOR);
    await waitFor(() => listB.isBlocked('203.0.113.100'), 'instance B to learn the block over pub/sub');
    expect(listB.isBlocked('203.0.113.63')).toBe(false);

    await a.get(IpBlocksService).delete(block.id, SYSTEM_ACTOR);
    await waitFor(() => !listB.isBlocked('203.0.113.100'), 'instance B to learn the removal over pub/sub');
  });

  it('converges through the periodic reload when an instance missed the message', async () => {
    // B has no Redis: it never hears A's messages, only its own reloads.
    const a = await open({ REDIS_URL: testRedisUrl() });
    const b = await open({ IP_BLOCK_REFRESH_MS: '1000' });
    const listB = b.get(IpBlockList);

    const block = await a.get(IpBlocksService).create({ cidr: '2001:db8:77::/48', reason: 'reload', source: IpBlockSource.MANUAL, expiresAt: null }, SYSTEM_ACTOR);
    expect(listB.isBlocked('2001:db8:77::1')).toBe(false);
    await waitFor(() => listB.isBlocked('2001:db8:77::1'), 'instance B to reload the block list');

    await a.get(IpBlocksService).delete(block.id, SYSTEM_ACTOR);
    await waitFor(() => !listB.isBlocked('2001:db8:77::1'), 'instance B to reload without the block');
  });

  it('loads existing blocks at startup', async () => {
    const a = await open();
    await a.get(IpBlockRepository).insert(newBlock({ cidr: '192.0.2.200/32' }));
    const b = await open();
    expect(b.get(IpBlockList).isBlocked('192.0.2.200')).toBe(true);
  });
});

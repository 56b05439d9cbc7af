import type { RedisConnection } from '@app/common';
import { testConfig } from '@app/testing';
import { EventEmitter } from 'node:events';

import { Clock } from './clock.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IpBlockSyncService } from './ip-block-sync.service.js';
import { IpBlockSource, type IpBlock } from './ip-block.js';
import { IP_BLOCKS_CHANNEL } from './ip-blocks.constants.js';
import type { IpBlocksMetrics } from './ip-blocks.metrics.js';
import type { IpBlockRepository } from './repositories/ip-block.repository.js';

const block = (id: string, cidr: string): IpBlock => ({
  id,
  cidr,
  reason: 'test',
  source: IpBlockSource.MANUAL,
  expiresAt: null,
  createdBy: 'system',
  createdAt: new Date(0),
});

class FakeSubscriber extends EventEmitter {
  subscribeCalls = 0;
  failSubscribe = false;

  subscribe(): Promise<number> {
    this.subscribeCalls += 1;
    return this.failSubscribe ? Promise.reject(new Error('redis down')) : Promise.resolve(1);
  }

  unsubscribe(): Promise<number> {
    return Promise.resolve(0);
  }

  deliver(message: unknown): void {
    this.emit('message', IP_BLOCKS_CHANNEL, typeof message === 'string' ? message : JSON.stringify(message));
  }
}

interface Harness {
  service: IpBlockSyncService;
  list: IpBlockList;
  subscriber: FakeSubscriber;
  published: string[];
  failures: string[];
  rows: Map<string, IpBlock>;
  setLoad: (load: () => Promise<IpBlock[]>) => void;
  setPublish: (publish: (message: string) => Promise<number>) => void;
}

function harness(subscriber = new FakeSubscriber()): Harness {
  const list = new IpBlockList(new Clock());
  const published: string[] = [];
  const failures: string[] = [];
  const rows = new Map<string, IpBlock>();
  let load = (): Promise<IpBlock[]> => Promise.resolve([...rows.values()]);
  let publish = (message: string): Promise<number> => {
    published.push(message);
    return Promise.resolve(1);
  };
  const redis = {
    configured: true,
    client: { publish: (_channel: string, message: string) => publish(message) },
    duplicate: () => subscriber,
  } as unknown as RedisConnection;
  const repository = {
    listActive: () => load(),
    findActiveById: (id: string) => Promise.resolve(rows.get(id) ?? null),
  } as unknown as IpBlockRepository;
  const metrics = { syncFailed: (operation: string) => failures.push(operation) } as unknown as IpBlocksMetrics;
  const service = new IpBlockSyncService(new Clock(), testConfig(), list, metrics, redis, repository);
  return {
    service,
    list,
    subscriber,
    published,
    failures,
    rows,
    setLoad: (next) => (load = next),
    setPublish: (next) => (publish = next),
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(IpBlockSyncService.name, () => {
  let h: Harness;

  beforeEach(async () => {
    h = harness();
    h.rows.set('existing', block('existing', '192.0.2.0/24'));
    await h.service.onApplicationBootstrap();
  });

  afterEach(async () => {
    await h.service.onModuleDestroy();
  });

  describe('onApplicationBootstrap', () => {
    it('loads the table', () => {
      expect(h.list.isBlocked('192.0.2.1')).toBe(true);
    });

    it('subscribes and reloads once Redis is back when it was down at startup', async () => {
      const subscriber = new FakeSubscriber();
      subscriber.failSubscribe = true;
      const late = harness(subscriber);
      await late.service.onApplicationBootstrap();
      expect(late.failures).toEqual(['apply']);

      subscriber.failSubscribe = false;
      late.rows.set('while-away', block('while-away', '203.0.113.0/24'));
      subscriber.emit('ready');
      await settle();
      expect(subscriber.subscribeCalls).toBe(2);
      expect(late.list.isBlocked('203.0.113.1')).toBe(true);

      subscriber.emit('ready');
      await settle();
      // Every reconnection subscribes again: RedisConnection turns ioredis' own re-subscribe off.
      expect(subscriber.subscribeCalls).toBe(3);
      await late.service.onModuleDestroy();
    });
  });

  describe('messages from other instances', () => {
    it('adds an announced block after reading it from the database, and removes a removed one', async () => {
      h.rows.set('new', block('new', '198.51.100.0/24'));
      h.subscriber.deliver({ id: 'new', change: 'added', origin: 'other' });
      await settle();
      expect(h.list.isBlocked('198.51.100.1')).toBe(true);

      h.subscriber.deliver({ id: 'new', change: 'removed', origin: 'other' });
      await settle();
      expect(h.list.isBlocked('198.51.100.1')).toBe(false);
    });

    it('ignores announced ids its database does not hold (another deployment on the same Redis)', async () => {
      h.subscriber.deliver({ id: 'foreign', change: 'added', origin: 'other' });
      await settle();
      expect(h.list.size).toBe(1);
    });

    it('ignores malformed messages', async () => {
      for (const message of ['not json', '{}', { id: 'existing', change: 'exploded', origin: 'x' }, { id: 1, change: 'removed', origin: 'x' }, { id: 'existing', change: 'removed' }]) {
        h.subscriber.deliver(message);
      }
      await settle();
      expect(h.list.isBlocked('192.0.2.1')).toBe(true);
    });

    it('ignores its own messages', async () => {
      await h.service.publish('existing', 'removed');
      h.subscriber.deliver(h.published[0]);
      await settle();
      expect(h.list.isBlocked('192.0.2.1')).toBe(true);
    });
  });

  describe('publish', () => {
    it('sends the id and the kind of change', async () => {
      await h.service.publish('abc', 'added');
      expect(JSON.parse(h.published[0]!)).toMatchObject({ id: 'abc', change: 'added' });
    });

    it('counts a failure instead of throwing', async () => {
      h.setPublish(() => Promise.reject(new Error('redis down')));
      await expect(h.service.publish('abc', 'added')).resolves.toBeUndefined();
      expect(h.failures).toEqual(['publish']);
    });
  });

  describe('reload', () => {
    it('keeps the current list and counts a failure when the database fails', async () => {
      h.setLoad(() => Promise.reject(new Error('db down')));
      await h.service.reload();
      expect(h.failures).toEqual(['reload']);
      expect(h.list.isBlocked('192.0.2.1')).toBe(true);
    });

    it('shares one reload between concurrent callers', async () => {
      let loads = 0;
      h.setLoad(() => {
        loads += 1;
        return Promise.resolve([]);
      });
      await Promise.all([h.service.reload(), h.service.reload(), h.service.reload()]);
      expect(loads).toBe(1);
      expect(h.list.size).toBe(0);
    });
  });
});

import { Clock } from './clock.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IpBlockSource, type IpBlock } from './ip-block.js';

const NOW = Date.UTC(2026, 0, 1);

class FakeClock extends Clock {
  nowMs = NOW;
  override now(): number {
    return this.nowMs;
  }
}

function block(id: string, cidr: string, expiresAt: Date | null = null): IpBlock {
  return { id, cidr, reason: 'test', source: IpBlockSource.MANUAL, expiresAt, createdBy: 'system', createdAt: new Date(NOW) };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe(IpBlockList.name, () => {
  let clock: FakeClock;
  let list: IpBlockList;

  beforeEach(() => {
    clock = new FakeClock();
    list = new IpBlockList(clock);
  });

  describe('isBlocked', () => {
    it('follows adds and removes at once', () => {
      list.add(block('a', '192.0.2.0/24'));
      expect(list.isBlocked('192.0.2.10')).toBe(true);
      expect(list.isBlocked('::ffff:192.0.2.10')).toBe(true);
      list.remove('a');
      expect(list.isBlocked('192.0.2.10')).toBe(false);
      list.add(block('b', '192.0.2.10/32'));
      expect(list.isBlocked('192.0.2.10')).toBe(true);
      expect(list.isBlocked('192.0.2.11')).toBe(false);
    });

    it('lets a block lapse when the clock passes its expiry', () => {
      list.add(block('a', '2001:db8::/32', new Date(NOW + 1_000)));
      expect(list.isBlocked('2001:db8::5')).toBe(true);
      clock.nowMs = NOW + 1_000;
      expect(list.isBlocked('2001:db8::5')).toBe(false);
    });

    it('does not block what is not an address', () => {
      list.add(block('a', '0.0.0.0/0'));
      expect(list.isBlocked('unknown')).toBe(false);
      expect(list.isBlocked('')).toBe(false);
    });
  });

  describe('reload', () => {
    it('replaces the whole list', async () => {
      list.add(block('old', '192.0.2.0/24'));
      await list.reload(() => Promise.resolve([block('new', '198.51.100.0/24')]));
      expect(list.isBlocked('192.0.2.1')).toBe(false);
      expect(list.isBlocked('198.51.100.1')).toBe(true);
      expect(list.size).toBe(1);
    });

    it('keeps changes made while the snapshot was being read', async () => {
      const snapshot = deferred<IpBlock[]>();
      const reloading = list.reload(() => snapshot.promise);
      list.add(block('added-meanwhile', '203.0.113.0/24'));
      list.remove('removed-meanwhile');
      snapshot.resolve([block('removed-meanwhile', '192.0.2.0/24')]);
      await reloading;
      expect(list.isBlocked('203.0.113.5')).toBe(true);
      expect(list.isBlocked('192.0.2.5')).toBe(false);
    });

    it('keeps the current list when loading fails', async () => {
      list.add(block('a', '192.0.2.0/24'));
      await expect(list.reload(() => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
      expect(list.isBlocked('192.0.2.1')).toBe(true);
    });

    it('skips rows whose CIDR is unusable and keeps the rest', async () => {
      await list.reload(() => Promise.resolve([block('bad', 'garbage'), block('good', '192.0.2.0/24')]));
      expect(list.size).toBe(1);
      expect(list.isBlocked('192.0.2.1')).toBe(true);
    });
  });
});

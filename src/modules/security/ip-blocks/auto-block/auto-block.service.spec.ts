import { testConfig } from '@app/testing';

import { Clock } from '../clock.js';
import type { IpBlockActor } from '../ip-block-actor.js';
import { IpBlockList } from '../ip-block-list.service.js';
import { IpBlockSource, type IpBlock } from '../ip-block.js';
import type { IpBlocksMetrics } from '../ip-blocks.metrics.js';
import type { CreateIpBlockInput, IpBlocksService } from '../ip-blocks.service.js';
import { AutoBlockService } from './auto-block.service.js';
import { MemoryWindowCounter } from './memory-window-counter.js';

const NOW = Date.UTC(2026, 0, 1, 12);

class FakeBlocks {
  readonly created: Array<{ input: CreateIpBlockInput; actor: IpBlockActor }> = [];

  constructor(private readonly list: IpBlockList) {}

  create(input: CreateIpBlockInput, actor: IpBlockActor): Promise<IpBlock> {
    this.created.push({ input, actor });
    const block: IpBlock = { id: String(this.created.length), createdAt: new Date(NOW), createdBy: actor.createdBy, ...input };
    this.list.add(block);
    return Promise.resolve(block);
  }
}

function setup(env: Record<string, string> = {}): { service: AutoBlockService; blocks: FakeBlocks; list: IpBlockList } {
  const config = testConfig({
    AUTO_BLOCK_THREAT_THRESHOLD: '3',
    AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD: '2',
    AUTO_BLOCK_WINDOW_MS: '60000',
    AUTO_BLOCK_DURATION_MS: '3600000',
    AUTO_BLOCK_ALLOWLIST: '192.0.2.0/24, 2001:db8::/32',
    ...env,
  });
  const clock = new (class extends Clock {
    override now(): number {
      return NOW;
    }
  })();
  const list = new IpBlockList(clock);
  const blocks = new FakeBlocks(list);
  const metrics = { autoBlockCreated: () => undefined } as unknown as IpBlocksMetrics;
  const service = new AutoBlockService(blocks as unknown as IpBlocksService, clock, config, new MemoryWindowCounter(60_000), list, metrics);
  return { service, blocks, list };
}

async function threats(service: AutoBlockService, ip: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await service.onThreatDetected({ ip, category: 'sqli', score: 10, blocked: true });
  }
}

describe(AutoBlockService.name, () => {
  describe('onThreatDetected', () => {
    it('blocks the address for the configured duration at the threshold, not before', async () => {
      const { service, blocks, list } = setup();
      await threats(service, '203.0.113.9', 2);
      expect(blocks.created).toHaveLength(0);
      await threats(service, '203.0.113.9', 1);
      expect(blocks.created).toHaveLength(1);
      expect(blocks.created[0]!.input).toMatchObject({
        cidr: '203.0.113.9/32',
        source: IpBlockSource.AUTO,
        expiresAt: new Date(NOW + 3_600_000),
      });
      expect(blocks.created[0]!.actor).toMatchObject({ type: 'system', createdBy: 'system' });
      expect(list.isBlocked('203.0.113.9')).toBe(true);
    });

    it('does not count detections that were only recorded (detect mode)', async () => {
      const { service, blocks } = setup();
      for (let i = 0; i < 5; i += 1) {
        await service.onThreatDetected({ ip: '203.0.113.9', category: 'sqli', score: 10, blocked: false });
      }
      expect(blocks.created).toHaveLength(0);
    });

    it('does not block twice while the first block stands', async () => {
      const { service, blocks } = setup();
      await threats(service, '203.0.113.9', 9);
      expect(blocks.created).toHaveLength(1);
    });

    it('blocks an IPv4-mapped client as its IPv4 address and an IPv6 client as its /128', async () => {
      const { service, blocks } = setup();
      await threats(service, '::ffff:203.0.113.10', 3);
      await threats(service, '2001:db9::7', 3);
      expect(blocks.created.map((entry) => entry.input.cidr)).toEqual(['203.0.113.10/32', '2001:db9::7/128']);
    });

    it('never blocks allowlisted addresses', async () => {
      const { service, blocks } = setup();
      await threats(service, '192.0.2.44', 10);
      await threats(service, '2001:db8::1', 10);
      expect(blocks.created).toHaveLength(0);
    });

    it('does nothing when the threshold is 0', async () => {
      const { service, blocks } = setup({ AUTO_BLOCK_THREAT_THRESHOLD: '0' });
      await threats(service, '203.0.113.9', 50);
      expect(blocks.created).toHaveLength(0);
    });

    it('ignores payloads that are not a single address', async () => {
      const { service, blocks } = setup({ AUTO_BLOCK_THREAT_THRESHOLD: '1' });
      await threats(service, '10.0.0.0/8', 5);
      await threats(service, 'unknown', 5);
      expect(blocks.created).toHaveLength(0);
    });
  });

  describe('onLoginFailed', () => {
    it('counts failed logins separately from threat detections, against their own threshold', async () => {
      const { service, blocks } = setup();
      await threats(service, '198.51.100.3', 2);
      await service.onLoginFailed({ ip: '198.51.100.3', login: 'alice' });
      expect(blocks.created).toHaveLength(0);
      await service.onLoginFailed({ ip: '198.51.100.3', login: 'bob' });
      expect(blocks.created).toHaveLength(1);
      expect(blocks.created[0]!.input.reason).toContain('failed logins');
    });
  });

  it('refuses to start with an allowlist entry that is not a CIDR', () => {
    expect(() => setup({ AUTO_BLOCK_ALLOWLIST: '10.0.0.0/33' })).toThrow('AUTO_BLOCK_ALLOWLIST');
  });
});

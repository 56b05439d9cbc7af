import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';

import { SecurityEvents, type LoginFailedEvent, type ThreatDetectedEvent } from '../../security.events.js';
import { parseCidr } from '../cidr.util.js';
import { Clock } from '../clock.js';
import { SYSTEM_ACTOR } from '../ip-block-actor.js';
import { IpBlockList } from '../ip-block-list.service.js';
import { IpBlockSource } from '../ip-block.js';
import { IpBlocksMetrics, type AutoBlockTrigger } from '../ip-blocks.metrics.js';
import { IpBlocksService } from '../ip-blocks.service.js';
import { Allowlist } from './allowlist.js';
import { WINDOW_COUNTER, type WindowCounter } from './window-counter.js';

const TRIGGER_NAMES: Record<AutoBlockTrigger, string> = { threat: 'threat detections', login: 'failed logins' };

/**
 * Blocks an address for `AUTO_BLOCK_DURATION_MS` once it causes too many threat detections or failed logins within
 * `AUTO_BLOCK_WINDOW_MS`. A threshold of 0 turns that trigger off; allowlisted and already-blocked addresses are
 * not counted.
 */
@Injectable()
export class AutoBlockService {
  private readonly logger = new Logger(AutoBlockService.name);
  private readonly allowlist: Allowlist;

  constructor(
    private readonly blocks: IpBlocksService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(WINDOW_COUNTER) private readonly counter: WindowCounter,
    private readonly list: IpBlockList,
    private readonly metrics: IpBlocksMetrics,
  ) {
    this.allowlist = new Allowlist(config.ipBlocking.allowlist);
  }

  @OnEvent(SecurityEvents.THREAT_DETECTED)
  onThreatDetected(event: ThreatDetectedEvent): Promise<void> {
    // Detect-only routes are for tuning: what they find must not block anyone, here or anywhere else.
    if (!event.blocked) {
      return Promise.resolve();
    }
    return this.count(event.ip, 'threat', this.config.ipBlocking.threatThreshold);
  }

  @OnEvent(SecurityEvents.LOGIN_FAILED)
  onLoginFailed(event: LoginFailedEvent): Promise<void> {
    return this.count(event.ip, 'login', this.config.ipBlocking.loginFailureThreshold);
  }

  private async count(ip: string, trigger: AutoBlockTrigger, threshold: number): Promise<void> {
    // An address, never a range: parseCidr turns it into its /32 or /128.
    const network = ip.includes('/') ? null : parseCidr(ip);
    if (threshold === 0 || network === null || this.allowlist.includes(ip) || this.list.isBlocked(ip)) {
      return;
    }
    try {
      if (await this.counter.hit(`${trigger}:${network.text}`, threshold, this.clock.now())) {
        await this.block(network.text, trigger, threshold);
      }
    } catch (error) {
      this.logger.error(`Automatic block of ${network.text} failed: ${String(error)}`);
    }
  }

  private async block(cidr: string, trigger: AutoBlockTrigger, threshold: number): Promise<void> {
    const { durationMs, windowMs } = this.config.ipBlocking;
    await this.blocks.create(
      {
        cidr,
        reason: `Automatic: ${threshold} ${TRIGGER_NAMES[trigger]} within ${windowMs} ms`,
        source: IpBlockSource.AUTO,
        expiresAt: new Date(this.clock.now() + durationMs),
        context: { trigger, threshold, windowMs },
      },
      SYSTEM_ACTOR,
    );
    this.metrics.autoBlockCreated(trigger);
    this.logger.warn(`Blocked ${cidr} for ${durationMs} ms after ${threshold} ${TRIGGER_NAMES[trigger]}`);
  }
}

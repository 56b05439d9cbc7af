import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { setTimeout as sleep } from 'node:timers/promises';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { CpuProfiler, type CpuProfile } from './cpu-profiler.js';
import { DEFAULT_PROFILE_SECONDS } from './profile.constants.js';
import { acquireProfileSlot } from './profile-slot.js';

/** On-demand CPU profiles: one at a time per process, bounded in length, cut short when the caller leaves. */
@Injectable()
export class ProfileService implements BeforeApplicationShutdown {
  private readonly inProgress: Gauge;
  private readonly shuttingDown = new AbortController();

  constructor(
    private readonly config: AppConfig,
    private readonly profiler: CpuProfiler,
    registry: MetricsRegistry,
  ) {
    this.inProgress = new Gauge({
      name: 'bulwark_monitoring_profiles_in_progress',
      help: 'CPU profiles being recorded by POST /v1/monitoring/profile (0 or 1: one at a time per process).',
      registers: [registry],
    });
  }

  /** The profile length for a request: `seconds` when given, else the default capped by the configured maximum. */
  resolveSeconds(seconds: number | undefined): number {
    const max = this.config.monitoring.profileMaxSeconds;
    const resolved = seconds ?? Math.min(DEFAULT_PROFILE_SECONDS, max);
    if (!Number.isInteger(resolved) || resolved < 1 || resolved > max) {
      throw new MonitoringException(MonitoringExceptionCode.INVALID_PROFILE_DURATION, `seconds must be an integer from 1 to ${max}.`);
    }
    return resolved;
  }

  /**
   * Records for `seconds`, or until `signal` aborts (the client went away) or the app shuts down, and returns what
   * was sampled. The slot is taken before the profiler starts and freed however the recording ends.
   */
  async capture(seconds: number | undefined, signal: AbortSignal): Promise<CpuProfile> {
    const duration = this.resolveSeconds(seconds);
    const release = acquireProfileSlot();
    if (!release) {
      throw new MonitoringException(MonitoringExceptionCode.PROFILE_IN_PROGRESS, 'A CPU profile is already being recorded; try again when it ends.');
    }
    this.inProgress.inc();
    try {
      const recording = await this.profiler.start();
      // Rejects only with an AbortError (caller gone, shutdown): stop early and still stop, since an unstopped V8
      // profiler keeps sampling for the life of the process.
      await sleep(duration * 1000, undefined, { signal: AbortSignal.any([signal, this.shuttingDown.signal]) }).catch(() => undefined);
      return await recording.stop();
    } finally {
      this.inProgress.dec();
      release();
    }
  }

  /** A running profile ends now with what it has, rather than holding graceful shutdown for up to its full length. */
  beforeApplicationShutdown(): void {
    this.shuttingDown.abort();
  }
}

import { MetricsRegistry } from '@app/common';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge } from 'prom-client';

import { WINDOWS, type WindowName } from '../signals/request-stats.js';
import type { RuntimeSample } from './runtime-sample.js';
import { sumOfMetric } from './registry-reader.js';

const SAMPLE_INTERVAL_MS = 1_000;
const KEPT = WINDOWS['1h'] / SAMPLE_INTERVAL_MS;
const NS_PER_MS = 1e6;

/**
 * Samples the process once a second (CPU, event-loop utilisation and delay, memory, and the running totals of a few
 * other modules' counters) into a one-hour ring, so summaries, alerts and scaling advice can read any window.
 */
@Injectable()
export class RuntimeSampler implements OnModuleInit, OnApplicationShutdown {
  private readonly samples: RuntimeSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private delay: IntervalHistogram | undefined;
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private cpu = process.cpuUsage();
  private lastAt = performance.now();

  constructor(private readonly registry: MetricsRegistry) {
    const utilisation: Gauge = new Gauge({
      name: 'bulwark_nodejs_eventloop_utilization_ratio',
      help: 'Share of the last second the event loop was busy.',
      registers: [registry],
      collect: (): void => utilisation.set(this.latest()?.eventLoopUtilisation ?? 0),
    });
    const cpu: Gauge = new Gauge({
      name: 'bulwark_process_cpu_utilization_ratio',
      help: 'CPU time used in the last second per second (1 = one core busy).',
      registers: [registry],
      collect: (): void => cpu.set(this.latest()?.cpuUtilisation ?? 0),
    });
  }

  onModuleInit(): void {
    this.delay = monitorEventLoopDelay({ resolution: 10 });
    this.delay.enable();
    this.timer = setInterval(() => void this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.delay?.disable();
  }

  latest(): RuntimeSample | undefined {
    return this.samples.at(-1);
  }

  /** Samples taken within the window, oldest first. */
  window(window: WindowName, now = Date.now()): RuntimeSample[] {
    const since = now - WINDOWS[window];
    const first = this.samples.findIndex((sample) => sample.at > since);
    return first === -1 ? [] : this.samples.slice(first);
  }

  /** Takes one sample now (the timer's job; public so tests need not wait a second). */
  async sample(): Promise<RuntimeSample> {
    const nowMs = performance.now();
    const elapsedMs = Math.max(1, nowMs - this.lastAt);
    const elu = performance.eventLoopUtilization(this.elu);
    const cpu = process.cpuUsage(this.cpu);
    this.elu = performance.eventLoopUtilization();
    this.cpu = process.cpuUsage();
    this.lastAt = nowMs;
    const memory = process.memoryUsage();
    const delay = this.delay;
    const lag = (value: number | undefined): number => (value === undefined || !Number.isFinite(value) || delay?.count === 0 ? 0 : value / NS_PER_MS);
    const sample: RuntimeSample = {
      at: Date.now(),
      cpuUtilisation: (cpu.user + cpu.system) / 1_000 / elapsedMs,
      eventLoopUtilisation: elu.utilization,
      eventLoopLagP50Ms: lag(delay?.percentile(50)),
      eventLoopLagP99Ms: lag(delay?.percentile(99)),
      eventLoopLagMaxMs: lag(delay?.max),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      ...(await this.otherModules()),
    };
    delay?.reset();
    this.samples.push(sample);
    if (this.samples.length > KEPT) {
      this.samples.shift();
    }
    return sample;
  }

  private async otherModules(): Promise<Pick<RuntimeSample, 'cacheHits' | 'cacheLookups' | 'threatDetections' | 'dbPool'>> {
    const read = (name: string, labels?: Record<string, string>) => sumOfMetric(this.registry, name, labels);
    const [l1Hits, l1Misses, l2Hits, detections] = await Promise.all([
      read('bulwark_cache_requests_total', { tier: 'l1', result: 'hit' }),
      read('bulwark_cache_requests_total', { tier: 'l1', result: 'miss' }),
      read('bulwark_cache_requests_total', { tier: 'l2', result: 'hit' }),
      read('bulwark_threat_detections_total'),
    ]);
    return {
      cacheHits: (l1Hits ?? 0) + (l2Hits ?? 0),
      cacheLookups: (l1Hits ?? 0) + (l1Misses ?? 0),
      threatDetections: detections ?? 0,
      dbPool: await this.dbPool(),
    };
  }

  private async dbPool(): Promise<RuntimeSample['dbPool']> {
    const states = ['total', 'idle', 'active', 'waiting', 'max'] as const;
    const values = await Promise.all(states.map((state) => sumOfMetric(this.registry, 'bulwark_db_pool_connections', { state })));
    if (values.some((value) => value === null)) {
      return null;
    }
    const [total, idle, active, waiting, max] = values as number[];
    return { total: total!, idle: idle!, active: active!, waiting: waiting!, max: max! };
  }
}

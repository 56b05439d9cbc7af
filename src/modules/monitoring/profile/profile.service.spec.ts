import { MetricsRegistry } from '@app/common';
import { testConfig } from '@app/testing';

import { MonitoringExceptionCode } from '../monitoring.exception.js';
import type { CpuProfile, CpuProfiler, CpuProfileRecording } from './cpu-profiler.js';
import { ProfileService } from './profile.service.js';

/** Stands in for the V8 profiler: counts starts and stops, and can fail to start. */
class RecordingProfiler implements Pick<CpuProfiler, 'start'> {
  starts = 0;
  stops = 0;
  failStart = false;

  start(): Promise<CpuProfileRecording> {
    if (this.failStart) {
      return Promise.reject(new Error('inspector unavailable'));
    }
    this.starts += 1;
    return Promise.resolve({
      stop: (): Promise<CpuProfile> => {
        this.stops += 1;
        return Promise.resolve({ nodes: [], startTime: 1, endTime: 2, samples: [], timeDeltas: [] });
      },
    });
  }
}

describe(ProfileService.name, () => {
  let profiler: RecordingProfiler;
  let registry: MetricsRegistry;
  const service = (maxSeconds = '60', metrics = registry): ProfileService =>
    new ProfileService(testConfig({ MONITORING_PROFILE_MAX_SECONDS: maxSeconds }), profiler, metrics);
  const aborted = (): AbortSignal => AbortSignal.abort();
  const inProgress = async (): Promise<number | undefined> =>
    (await registry.getSingleMetric('bulwark_monitoring_profiles_in_progress')?.get())?.values[0]?.value;

  beforeEach(() => {
    profiler = new RecordingProfiler();
    registry = new MetricsRegistry();
  });

  describe('resolveSeconds', () => {
    it('defaults to 10 seconds when none are asked for', () => {
      expect(service().resolveSeconds(undefined)).toBe(10);
    });

    it('caps the default at the configured maximum', () => {
      expect(service('3').resolveSeconds(undefined)).toBe(3);
    });

    it('accepts every whole number from 1 to the maximum', () => {
      const profiles = service('5');
      expect(profiles.resolveSeconds(1)).toBe(1);
      expect(profiles.resolveSeconds(5)).toBe(5);
    });

    it.each([0, -1, 6, 1.5, Number.NaN])('refuses %p with INVALID_PROFILE_DURATION', (seconds) => {
      expect(() => service('5').resolveSeconds(seconds)).toThrow(expect.objectContaining({ code: MonitoringExceptionCode.INVALID_PROFILE_DURATION }));
    });
  });

  describe('capture', () => {
    it('returns the recorded profile and stops the profiler', async () => {
      const profile = await service().capture(1, aborted());

      expect(profile).toMatchObject({ nodes: [], startTime: 1, endTime: 2, samples: [] });
      expect([profiler.starts, profiler.stops]).toEqual([1, 1]);
    });

    it('refuses a second profile while one runs, and frees the slot when the caller leaves early', async () => {
      const profiles = service();
      const caller = new AbortController();
      const first = profiles.capture(60, caller.signal);

      await expect(profiles.capture(1, aborted())).rejects.toMatchObject({ code: MonitoringExceptionCode.PROFILE_IN_PROGRESS });
      expect(await inProgress()).toBe(1);
      caller.abort();
      await expect(first).resolves.toMatchObject({ nodes: [] });
      expect(profiler.stops).toBe(1);
      expect(await inProgress()).toBe(0);
      await expect(profiles.capture(1, aborted())).resolves.toMatchObject({ nodes: [] });
    });

    it('holds the slot across service instances, as the V8 profiler is one per process', async () => {
      const caller = new AbortController();
      const first = service().capture(60, caller.signal);

      await expect(service('60', new MetricsRegistry()).capture(1, aborted())).rejects.toMatchObject({ code: MonitoringExceptionCode.PROFILE_IN_PROGRESS });
      caller.abort();
      await first;
    });

    it('ends a running profile with what it has when the app shuts down', async () => {
      const profiles = service();
      const running = profiles.capture(60, new AbortController().signal);

      profiles.beforeApplicationShutdown();
      await expect(running).resolves.toMatchObject({ nodes: [] });
      expect(profiler.stops).toBe(1);
      expect(await inProgress()).toBe(0);
    });

    it('frees the slot when the profiler cannot start', async () => {
      const profiles = service();
      profiler.failStart = true;
      await expect(profiles.capture(1, aborted())).rejects.toThrow('inspector unavailable');

      profiler.failStart = false;
      await expect(profiles.capture(1, aborted())).resolves.toMatchObject({ nodes: [] });
    });

    it('checks the duration before taking the slot', async () => {
      const profiles = service('5');
      await expect(profiles.capture(6, aborted())).rejects.toMatchObject({ code: MonitoringExceptionCode.INVALID_PROFILE_DURATION });

      expect(profiler.starts).toBe(0);
      await expect(profiles.capture(1, aborted())).resolves.toMatchObject({ nodes: [] });
    });
  });
});

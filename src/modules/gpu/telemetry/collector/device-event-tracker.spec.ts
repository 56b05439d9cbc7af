import type { GpuCollection, GpuEvent, GpuSample } from '../gpu-telemetry.types.js';
import { DeviceEventTracker } from './device-event-tracker.js';

const sample = (uuid: string, at: string, throttleReasons: string[]): GpuSample => ({
  uuid,
  host: 'h',
  sampledAt: at,
  utilizationRatio: 0.5,
  memoryUtilizationRatio: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  powerWatts: null,
  temperatureCelsius: null,
  smClockMhz: null,
  memoryClockMhz: null,
  throttleReasons,
});

const collection = (samples: GpuSample[], events: GpuEvent[] = []): GpuCollection => ({ devices: [], samples, processes: [], events });
const xid = (uuid: string, code: string): GpuEvent => ({ uuid, host: 'h', at: 't', kind: 'xid', code, detail: `Xid ${code}` });
const codes = (result: GpuCollection): string[] => result.events.map((event) => `${event.uuid}:${event.kind}:${event.code}`);

describe(DeviceEventTracker.name, () => {
  describe('track', () => {
    it('emits a throttle event when a reason becomes active, not while it stays active', () => {
      const tracker = new DeviceEventTracker();
      expect(codes(tracker.track(collection([sample('a', 't1', [])])))).toEqual([]);
      const onset = tracker.track(collection([sample('a', 't2', ['sw_power_cap'])]));
      expect(onset.events).toEqual([{ uuid: 'a', host: 'h', at: 't2', kind: 'throttle', code: 'sw_power_cap', detail: 'clocks throttled: sw_power_cap became active' }]);
      expect(codes(tracker.track(collection([sample('a', 't3', ['sw_power_cap'])])))).toEqual([]);
      expect(codes(tracker.track(collection([sample('a', 't4', ['sw_power_cap', 'hw_thermal_slowdown'])])))).toEqual(['a:throttle:hw_thermal_slowdown']);
    });

    it('emits again when a reason clears and comes back', () => {
      const tracker = new DeviceEventTracker();
      tracker.track(collection([sample('a', 't1', ['sw_thermal_slowdown'])]));
      tracker.track(collection([sample('a', 't2', [])]));
      expect(codes(tracker.track(collection([sample('a', 't3', ['sw_thermal_slowdown'])])))).toEqual(['a:throttle:sw_thermal_slowdown']);
    });

    it('compares each device with its own previous sample', () => {
      const tracker = new DeviceEventTracker();
      tracker.track(collection([sample('a', 't1', ['sw_power_cap'])]));
      expect(codes(tracker.track(collection([sample('a', 't2', ['sw_power_cap']), sample('b', 't2', ['sw_power_cap'])])))).toEqual(['b:throttle:sw_power_cap']);
    });

    it('never reports gpu_idle, which is a state rather than a throttling', () => {
      expect(codes(new DeviceEventTracker().track(collection([sample('a', 't1', ['gpu_idle'])])))).toEqual([]);
    });

    it('passes a new Xid code once and drops repeats of the last one per device', () => {
      const tracker = new DeviceEventTracker();
      expect(codes(tracker.track(collection([], [xid('a', '79')])))).toEqual(['a:xid:79']);
      expect(codes(tracker.track(collection([], [xid('a', '79'), xid('b', '79')])))).toEqual(['b:xid:79']);
      expect(codes(tracker.track(collection([], [xid('a', '48')])))).toEqual(['a:xid:48']);
    });
  });
});

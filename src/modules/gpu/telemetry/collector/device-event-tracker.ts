import type { GpuCollection, GpuEvent } from '../gpu-telemetry.types.js';

/** `gpu_idle` is set whenever a GPU has no work: a state, not a throttling worth an event. */
const NOT_EVENTS = new Set(['gpu_idle']);

/**
 * Turns level readings into edge events per device: a throttle reason that was not active in the previous sample
 * (or is active in the first one seen), and an Xid code that differs from the last one reported.
 */
export class DeviceEventTracker {
  private readonly throttles = new Map<string, ReadonlySet<string>>();
  private readonly lastXid = new Map<string, string>();

  /** The collection with throttle onsets added and repeated Xid readings removed. */
  track(collection: GpuCollection): GpuCollection {
    const events: GpuEvent[] = [];
    for (const sample of collection.samples) {
      const before = this.throttles.get(sample.uuid) ?? new Set<string>();
      for (const reason of sample.throttleReasons) {
        if (!before.has(reason) && !NOT_EVENTS.has(reason)) {
          events.push({ uuid: sample.uuid, host: sample.host, at: sample.sampledAt, kind: 'throttle', code: reason, detail: `clocks throttled: ${reason} became active` });
        }
      }
      this.throttles.set(sample.uuid, new Set(sample.throttleReasons));
    }
    for (const event of collection.events) {
      if (event.kind !== 'xid') {
        events.push(event);
      } else if (this.lastXid.get(event.uuid) !== event.code) {
        this.lastXid.set(event.uuid, event.code);
        events.push(event);
      }
    }
    return { ...collection, events };
  }
}

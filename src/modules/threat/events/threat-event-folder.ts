import { randomUUID } from 'node:crypto';

import type { ThreatDetection, ThreatEvent } from './threat-event.js';

interface OpenEvent {
  event: ThreatEvent;
  /** Changed since it was last handed out for writing. */
  dirty: boolean;
}

export interface FoldResult {
  /** The `threat_events` row this detection counts in. */
  eventId: string;
  /** Whether it opened a new row (the first of its kind in the window) rather than folding into one. */
  opened: boolean;
}

/**
 * Folds repeated detections (same IP, method, route, action and classes) within `windowMs` into one event, so a
 * flood becomes a counter rather than a row per request. Holds at most `maxOpen` events; when every one is still
 * unwritten and another kind arrives, that detection is refused (null) for the caller to count.
 */
export class ThreatEventFolder {
  private readonly open = new Map<string, OpenEvent>();

  constructor(
    private readonly windowMs: number,
    private readonly maxOpen: number,
  ) {}

  get size(): number {
    return this.open.size;
  }

  fold(detection: ThreatDetection, now: Date): FoldResult | null {
    const key = [detection.ip, detection.method, detection.route, detection.action, ...detection.classes].join('\u0000');
    const current = this.open.get(key);
    if (current && now.getTime() - current.event.firstSeenAt.getTime() < this.windowMs) {
      current.event.count += 1;
      current.event.score = Math.max(current.event.score, detection.score);
      current.event.lastSeenAt = now;
      current.dirty = true;
      return { eventId: current.event.id, opened: false };
    }
    if (current) {
      // Its window is over: the next detection of this kind opens a new row (the old one is written or pending).
      this.open.delete(key);
      if (current.dirty) {
        this.open.set(`${key}\u0000${current.event.id}`, current);
      }
    }
    if (this.open.size >= this.maxOpen && !this.evictOneWritten()) {
      return null;
    }
    const event: ThreatEvent = { ...detection, id: randomUUID(), count: 1, firstSeenAt: now, lastSeenAt: now };
    this.open.set(key, { event, dirty: true });
    return { eventId: event.id, opened: true };
  }

  /** Copies of every event changed since the last call, marked clean; `restore` them if writing fails. */
  takeDirty(): ThreatEvent[] {
    const taken: ThreatEvent[] = [];
    for (const entry of this.open.values()) {
      if (entry.dirty) {
        entry.dirty = false;
        taken.push({ ...entry.event });
      }
    }
    return taken;
  }

  /** Marks events whose write failed as changed again, so the next flush retries them with their latest counts. */
  restore(events: readonly ThreatEvent[]): void {
    const ids = new Set(events.map((event) => event.id));
    for (const entry of this.open.values()) {
      if (ids.has(entry.event.id)) {
        entry.dirty = true;
      }
    }
  }

  /** Forgets written events whose window has passed: a later detection of their kind opens a new row anyway. */
  expire(now: Date): void {
    for (const [key, entry] of this.open) {
      if (!entry.dirty && now.getTime() - entry.event.firstSeenAt.getTime() >= this.windowMs) {
        this.open.delete(key);
      }
    }
  }

  private evictOneWritten(): boolean {
    for (const [key, entry] of this.open) {
      if (!entry.dirty) {
        this.open.delete(key);
        return true;
      }
    }
    return false;
  }
}

import type { AlertStatus } from '../../notify/notification.types.js';

/** One alert of a group as one channel has seen it. */
export interface GroupMember {
  status: AlertStatus;
  silenced: boolean;
  /** When it began firing (the group's age counts from its oldest member). */
  firedAt: Date;
  /** What this channel was last told about it, and when; null if never. */
  delivered: AlertStatus | null;
  deliveredAt: Date | null;
}

export interface GroupTimings {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

/**
 * The alerts a notification should carry now, or null (Alertmanager's dispatch for one receiver): firing alerts that
 * are not silenced, and resolved ones the channel last heard of as firing (send_resolved). A group never notified
 * waits `groupWaitMs` from its oldest alert; a change since the last notification waits `groupIntervalMs` after it;
 * an unchanged, still-firing group is repeated after `repeatIntervalMs`. Resolved alerts the channel never heard of
 * firing are not worth a notification.
 */
export function decideGroupNotification<M extends GroupMember>(members: readonly M[], now: Date, timings: GroupTimings): M[] | null {
  const relevant = members.filter((m) => (m.status === 'firing' ? !m.silenced : m.delivered === 'firing'));
  if (relevant.length === 0) {
    return null;
  }
  const nowMs = now.getTime();
  const deliveredTimes = relevant.flatMap((m) => (m.delivered !== null && m.deliveredAt !== null ? [m.deliveredAt.getTime()] : []));
  if (deliveredTimes.length === 0) {
    const oldest = Math.min(...relevant.map((m) => m.firedAt.getTime()));
    return nowMs - oldest >= timings.groupWaitMs ? relevant : null;
  }
  const sinceLast = nowMs - Math.max(...deliveredTimes);
  const changed = relevant.some((m) => m.status !== m.delivered);
  if (changed) {
    return sinceLast >= timings.groupIntervalMs ? relevant : null;
  }
  const stillFiring = relevant.some((m) => m.status === 'firing');
  return stillFiring && sinceLast >= timings.repeatIntervalMs ? relevant : null;
}

import { decideGroupNotification, type GroupMember, type GroupTimings } from './group-decision.js';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const timings: GroupTimings = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 };

function member(overrides: Partial<GroupMember> = {}): GroupMember {
  return { status: 'firing', silenced: false, firedAt: t0, delivered: null, deliveredAt: null, ...overrides };
}

describe('decideGroupNotification', () => {
  describe('a group never notified', () => {
    it('waits group_wait from its oldest alert, then sends every firing alert', () => {
      const members = [member(), member({ firedAt: at(20_000) })];

      expect(decideGroupNotification(members, at(29_999), timings)).toBeNull();
      expect(decideGroupNotification(members, at(30_000), timings)).toEqual(members);
    });

    it('sends nothing for alerts that resolved before anyone heard of them', () => {
      expect(decideGroupNotification([member({ status: 'resolved' })], at(60_000), timings)).toBeNull();
    });

    it('leaves silenced alerts out, and sends nothing when all are silenced', () => {
      const loud = member();

      expect(decideGroupNotification([loud, member({ silenced: true })], at(30_000), timings)).toEqual([loud]);
      expect(decideGroupNotification([member({ silenced: true })], at(30_000), timings)).toBeNull();
    });
  });

  describe('a notified group', () => {
    const notified = member({ delivered: 'firing', deliveredAt: at(30_000) });

    it('repeats a still-firing, unchanged group after repeat_interval only', () => {
      expect(decideGroupNotification([notified], at(30_000 + 3_599_999), timings)).toBeNull();
      expect(decideGroupNotification([notified], at(30_000 + 3_600_000), timings)).toEqual([notified]);
    });

    it('notifies a new alert in the group after group_interval since the last notification', () => {
      const members = [notified, member({ firedAt: at(40_000) })];

      expect(decideGroupNotification(members, at(30_000 + 299_999), timings)).toBeNull();
      expect(decideGroupNotification(members, at(30_000 + 300_000), timings)).toEqual(members);
    });

    it('sends the resolution of an alert the channel heard of as firing after group_interval', () => {
      const resolved = { ...notified, status: 'resolved' as const };

      expect(decideGroupNotification([resolved], at(30_000 + 300_000), timings)).toEqual([resolved]);
    });

    it('forgets alerts whose resolution was already sent', () => {
      expect(decideGroupNotification([member({ status: 'resolved', delivered: 'resolved', deliveredAt: at(0) })], at(9_999_999), timings)).toBeNull();
    });

    it('still sends the resolution of a silenced alert that had been notified as firing', () => {
      const resolved = { ...notified, status: 'resolved' as const, silenced: true };

      expect(decideGroupNotification([resolved], at(400_000), timings)).toEqual([resolved]);
    });
  });
});

import { ThreatEventFolder } from './threat-event-folder.js';
import type { ThreatDetection } from './threat-event.js';

const WINDOW_MS = 60_000;
const T0 = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function detection(overrides: Partial<ThreatDetection> = {}): ThreatDetection {
  return {
    ip: '203.0.113.9',
    method: 'GET',
    route: '/v1/items/:id',
    action: 'blocked',
    classes: ['sqli'],
    score: 5,
    matches: [{ ruleId: 'sqli-001', class: 'sqli', kind: 'sqli', severity: 'critical', location: 'query.q', fragment: "' or 1=1" }],
    principal: null,
    requestId: 'r1',
    ...overrides,
  };
}

describe('ThreatEventFolder', () => {
  it('folds repeats of one kind within the window into one event with a count, the highest score and the last time', () => {
    const folder = new ThreatEventFolder(WINDOW_MS, 100);
    const first = folder.fold(detection(), T0)!;
    const second = folder.fold(detection({ score: 9 }), at(1_000))!;
    expect(first.opened).toBe(true);
    expect(second).toEqual({ eventId: first.eventId, opened: false });
    expect(folder.takeDirty()).toEqual([expect.objectContaining({ id: first.eventId, count: 2, score: 9, firstSeenAt: T0, lastSeenAt: at(1_000) })]);
  });

  it.each([
    ['address', { ip: '203.0.113.10' }],
    ['route', { route: '/v1/other' }],
    ['method', { method: 'POST' }],
    ['action', { action: 'detected' as const }],
    ['classes', { classes: ['sqli' as const, 'xss' as const] }],
  ])('opens a separate event for another %s', (_what, change) => {
    const folder = new ThreatEventFolder(WINDOW_MS, 100);
    const first = folder.fold(detection(), T0)!;
    const other = folder.fold(detection(change), T0)!;
    expect(other.opened).toBe(true);
    expect(other.eventId).not.toBe(first.eventId);
  });

  it('opens a new event once the window has passed, keeping the old one until it is written', () => {
    const folder = new ThreatEventFolder(WINDOW_MS, 100);
    const first = folder.fold(detection(), T0)!;
    const later = folder.fold(detection(), at(WINDOW_MS))!;
    expect(later.opened).toBe(true);
    expect(folder.takeDirty().map((event) => event.id).sort()).toEqual([first.eventId, later.eventId].sort());
  });

  it('hands out only what changed, and hands a failed write back for the next flush with its latest count', () => {
    const folder = new ThreatEventFolder(WINDOW_MS, 100);
    const { eventId } = folder.fold(detection(), T0)!;
    const taken = folder.takeDirty();
    expect(folder.takeDirty()).toEqual([]);
    folder.fold(detection(), at(10));
    folder.restore(taken);
    expect(folder.takeDirty()).toEqual([expect.objectContaining({ id: eventId, count: 2 })]);
  });

  it('forgets written events after their window, and never unwritten ones', () => {
    const folder = new ThreatEventFolder(WINDOW_MS, 100);
    folder.fold(detection(), T0);
    folder.fold(detection({ ip: '203.0.113.10' }), T0);
    folder.takeDirty();
    folder.fold(detection({ ip: '203.0.113.10' }), at(10));
    folder.expire(at(WINDOW_MS));
    expect(folder.size).toBe(1);
  });

  it('refuses a new kind when full of unwritten events, and makes room by dropping a written one', () => {
    const folder = new ThreatEventFolder(WINDOW_MS, 2);
    folder.fold(detection({ ip: '198.51.100.1' }), T0);
    folder.fold(detection({ ip: '198.51.100.2' }), T0);
    expect(folder.fold(detection({ ip: '198.51.100.3' }), T0)).toBeNull();
    // A repeat of a held kind still folds in.
    expect(folder.fold(detection({ ip: '198.51.100.1' }), T0)).toMatchObject({ opened: false });
    folder.takeDirty();
    expect(folder.fold(detection({ ip: '198.51.100.3' }), T0)).toMatchObject({ opened: true });
    expect(folder.size).toBe(2);
  });
});

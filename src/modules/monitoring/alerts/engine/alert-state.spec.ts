import { conditionHolds, nextAlertState, type CurrentAlert } from './alert-state.js';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const inactive: CurrentAlert = { state: 'inactive', activeAt: null };
const pending: CurrentAlert = { state: 'pending', activeAt: t0 };
const firing: CurrentAlert = { state: 'firing', activeAt: t0 };

describe('conditionHolds', () => {
  it.each([
    ['>', 2, true],
    ['>', 1, false],
    ['>=', 1, true],
    ['<', 0, true],
    ['<=', 2, false],
    ['==', 1, true],
    ['!=', 1, false],
  ] as const)('compares %s against the threshold 1 (value %d → %s)', (comparator, value, expected) => {
    expect(conditionHolds(value, comparator, 1)).toBe(expected);
  });

  it('says nothing (null) about a missing or NaN value', () => {
    expect(conditionHolds(null, '>', 1)).toBeNull();
    expect(conditionHolds(Number.NaN, '>', 1)).toBeNull();
  });
});

describe('nextAlertState', () => {
  it('goes from inactive to pending when the condition holds and `for` is set', () => {
    expect(nextAlertState(inactive, true, t0, 60_000)).toEqual({ state: 'pending', activeAt: t0, transition: 'activated' });
  });

  it('goes from inactive straight to firing when `for` is 0', () => {
    expect(nextAlertState(inactive, true, t0, 0)).toEqual({ state: 'firing', activeAt: t0, transition: 'fired' });
  });

  it('stays inactive while the condition is false', () => {
    expect(nextAlertState(inactive, false, t0, 0)).toEqual({ state: 'inactive', activeAt: null, transition: 'none' });
  });

  it('stays pending until `for` has elapsed since activation, then fires', () => {
    expect(nextAlertState(pending, true, at(59_999), 60_000)).toEqual({ state: 'pending', activeAt: t0, transition: 'none' });
    expect(nextAlertState(pending, true, at(60_000), 60_000)).toEqual({ state: 'firing', activeAt: t0, transition: 'fired' });
  });

  it('returns a pending alert whose condition clears to inactive', () => {
    expect(nextAlertState(pending, false, at(1_000), 60_000)).toEqual({ state: 'inactive', activeAt: null, transition: 'cleared' });
  });

  it('keeps firing while the condition holds and resolves when it stops', () => {
    expect(nextAlertState(firing, true, at(5_000), 0)).toEqual({ state: 'firing', activeAt: t0, transition: 'none' });
    expect(nextAlertState(firing, false, at(5_000), 0)).toEqual({ state: 'resolved', activeAt: t0, transition: 'resolved' });
  });

  it.each([inactive, pending, firing])('keeps %o as it is when there is no data', (current) => {
    expect(nextAlertState(current, null, at(120_000), 60_000)).toEqual({ ...current, transition: 'none' });
  });
});

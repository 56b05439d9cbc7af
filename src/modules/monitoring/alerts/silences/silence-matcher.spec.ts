import type { SilenceEntity } from '../entities/silence.entity.js';
import { isSilenceActive, matcherMatches, silencingIds } from './silence-matcher.js';

const now = new Date('2026-01-01T12:00:00.000Z');
const hour = 3_600_000;

function silence(id: string, matchers: SilenceEntity['matchers'], startOffset = -hour, endOffset = hour): SilenceEntity {
  return {
    id,
    matchers,
    startsAt: new Date(now.getTime() + startOffset),
    endsAt: new Date(now.getTime() + endOffset),
    createdBy: 'tests',
    comment: '',
    createdAt: now,
  };
}

describe('matcherMatches', () => {
  const labels = { alertname: 'HighErrors', severity: 'critical' };

  it('matches equality and inequality', () => {
    expect(matcherMatches({ name: 'severity', value: 'critical', isEqual: true }, labels)).toBe(true);
    expect(matcherMatches({ name: 'severity', value: 'warning', isEqual: true }, labels)).toBe(false);
    expect(matcherMatches({ name: 'severity', value: 'warning', isEqual: false }, labels)).toBe(true);
  });

  it('treats a missing label as the empty string', () => {
    expect(matcherMatches({ name: 'team', value: '', isEqual: true }, labels)).toBe(true);
    expect(matcherMatches({ name: 'team', value: 'core', isEqual: false }, labels)).toBe(true);
  });
});

describe('isSilenceActive', () => {
  it('is active from startsAt (inclusive) until endsAt (exclusive)', () => {
    expect(isSilenceActive(silence('s', [], 0, hour), now)).toBe(true);
    expect(isSilenceActive(silence('s', [], -hour, 0), now)).toBe(false);
    expect(isSilenceActive(silence('s', [], 1, hour), now)).toBe(false);
  });
});

describe('silencingIds', () => {
  it('returns the active silences whose every matcher matches', () => {
    const labels = { alertname: 'HighErrors', severity: 'critical' };
    const silences = [
      silence('all-match', [
        { name: 'alertname', value: 'HighErrors', isEqual: true },
        { name: 'severity', value: 'info', isEqual: false },
      ]),
      silence('one-misses', [
        { name: 'alertname', value: 'HighErrors', isEqual: true },
        { name: 'severity', value: 'warning', isEqual: true },
      ]),
      silence('expired', [{ name: 'alertname', value: 'HighErrors', isEqual: true }], -2 * hour, -hour),
    ];

    expect(silencingIds(silences, labels, now)).toEqual(['all-match']);
  });
});

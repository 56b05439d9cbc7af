import { alertFingerprint, alertLabels } from './alert-labels.js';

describe('alertLabels', () => {
  it('adds alertname and severity, which the rule labels cannot override', () => {
    expect(alertLabels({ name: 'HighErrors', severity: 'critical', labels: { team: 'core', alertname: 'spoof' } })).toEqual({
      team: 'core',
      alertname: 'HighErrors',
      severity: 'critical',
    });
  });
});

describe('alertFingerprint', () => {
  it('is stable whatever the label order, and differs by rule and labels', () => {
    const a = alertFingerprint('rule-1', { a: '1', b: '2' });

    expect(alertFingerprint('rule-1', { b: '2', a: '1' })).toBe(a);
    expect(alertFingerprint('rule-2', { a: '1', b: '2' })).not.toBe(a);
    expect(alertFingerprint('rule-1', { a: '1', b: '3' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

import { buildAlertGroupNotification, buildNotifiedAlert } from '../testing/alert-notification.builder.js';
import { countsLine, groupTitle, httpLink, sortedPairs, toneOf, truncate } from './alert-text.util.js';

describe('groupTitle', () => {
  it('writes Alertmanager\'s subject: status with the firing count, group values, then the other common values', () => {
    const notification = buildAlertGroupNotification({
      alerts: [buildNotifiedAlert(), buildNotifiedAlert({ fingerprint: 'other' })],
      groupLabels: { alertname: 'HighLatency' },
    });

    expect(groupTitle(notification)).toBe('[FIRING:2] HighLatency (GET /v1/items critical)');
  });

  it('writes [RESOLVED] without a count, and no parentheses when the group labels are all the common ones', () => {
    const notification = buildAlertGroupNotification({
      alerts: [buildNotifiedAlert({ status: 'resolved', labels: { alertname: 'HighLatency' } })],
      groupLabels: { alertname: 'HighLatency' },
    });

    expect(groupTitle(notification)).toBe('[RESOLVED] HighLatency');
  });

  it('orders values by label name, as SortedPairs does', () => {
    const notification = buildAlertGroupNotification({
      groupLabels: { zone: 'eu', alertname: 'HighLatency' },
      commonLabels: { zone: 'eu', alertname: 'HighLatency', team: 'core', env: 'prod' },
    });

    expect(groupTitle(notification)).toBe('[FIRING:1] HighLatency eu (prod core)');
  });
});

describe('countsLine', () => {
  it('counts firing, resolved and left-out alerts', () => {
    const notification = buildAlertGroupNotification({
      alerts: [buildNotifiedAlert(), buildNotifiedAlert({ status: 'resolved' })],
      truncatedAlerts: 4,
    });

    expect(countsLine(notification)).toBe('1 firing, 1 resolved, 4 more not shown');
  });
});

describe('truncate', () => {
  it('keeps text within the limit and marks the cut', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('abcdefg', 6)).toHaveLength(6);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀cd', 4);

    expect(cut).toBe('ab…');
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('httpLink', () => {
  it('passes http(s) URLs and drops every other scheme', () => {
    expect(httpLink('https://example.com/x')).toBe('https://example.com/x');
    expect(httpLink('javascript:alert(1)')).toBeUndefined();
    expect(httpLink('data:text/html,<b>x</b>')).toBeUndefined();
    expect(httpLink('not a url')).toBeUndefined();
  });
});

describe('toneOf', () => {
  it('colours by status first, then severity, loud when unknown', () => {
    expect(toneOf(buildNotifiedAlert({ status: 'resolved' }))).toBe('resolved');
    expect(toneOf(buildNotifiedAlert({ labels: { severity: 'Warning' } }))).toBe('warning');
    expect(toneOf(buildNotifiedAlert({ labels: { severity: 'info' } }))).toBe('info');
    expect(toneOf(buildNotifiedAlert({ labels: {} }))).toBe('critical');
  });
});

describe('sortedPairs', () => {
  it('sorts by name in code-point order', () => {
    expect(sortedPairs({ b: '2', B: '1', a: '3' })).toEqual([
      ['B', '1'],
      ['a', '3'],
      ['b', '2'],
    ]);
  });
});
